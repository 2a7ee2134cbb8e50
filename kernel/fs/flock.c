/* kernel/fs/flock.c - BSD's whole-file locks: flock(2)
 * (docs/record-locks.md, "flock: a lock of the open file").
 *
 * flock(fd, LOCK_SH) takes a shared lock on the whole file, LOCK_EX an
 * exclusive one, LOCK_UN lets it go; with LOCK_NB a lock in the way is
 * EWOULDBLOCK instead of a wait. Unlike fcntl's record locks
 * (record_lock.c), the lock belongs to the open file description, the
 * struct file that open made:
 *  - descriptors that share it (dup, fork) share the lock: a child's
 *    LOCK_UN lets go of its parent's lock, and one descriptor's close
 *    does not, as long as another refers to the open file;
 *  - two open()s of one file are two owners, even in one process: the
 *    second's LOCK_EX waits for the first's;
 *  - the lock goes when the last descriptor of the open file closes
 *    (flock_file_gone, from file_put).
 * A new lock of another type replaces the open file's old one, but not at
 * once, as on Linux: the old one goes first, then the new one is waited
 * for, so a LOCK_SH holder that asks for LOCK_EX | LOCK_NB and meets
 * another reader has neither afterwards. There is no deadlock search
 * (Linux has none for flock either). Record locks and flock locks never
 * see each other. Both live in the file's entry (locked_file.h), and wait
 * on its queue.
 *
 * Context: system calls with the big lock held; flock may sleep. */
#include "file_locks_for_core.h"

#include "file.h"
#include "file_hold.h"
#include "ipc/signal.h"
#include "locked_file.h"
#include "mm/heap.h"
#include "proc/process.h"
#include "sched/task.h"
#include "sched/wait_queue.h"
#include "subsystems/file_locks_calls.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

/* One open file's lock on the whole file. */
struct flock_holder {
    const struct file *file;        /* the open file description that holds it */
    int pid;                        /* the process that took it, for lslocks */
    int exclusive;                  /* LOCK_EX, else LOCK_SH */
    struct flock_holder *next;
};

static struct flock_holder **link_of(struct locked_file *entry, const struct file *file)
{
    struct flock_holder **link = &entry->flocks;
    while (*link && (*link)->file != file)
        link = &(*link)->next;
    return link;
}

/* Another open file's lock in the way of a lock of `file`, or NULL: an
 * exclusive one, or any for an exclusive request. */
static const struct flock_holder *in_the_way(const struct locked_file *entry, const struct file *file, int exclusive)
{
    for (const struct flock_holder *holder = entry->flocks; holder; holder = holder->next)
        if (holder->file != file && (exclusive || holder->exclusive))
            return holder;
    return 0;
}

/* Takes `file`'s holder off the entry, if it has one; wakes the waiters. */
static void let_go(struct locked_file *entry, const struct file *file)
{
    struct flock_holder **link = link_of(entry, file), *holder = *link;
    if (!holder)
        return;
    *link = holder->next;
    kfree(holder);
    if (entry->waiting)
        wait_queue_wake_all(&entry->changed);
}

/* Waits until no other open file's lock is in the way of `holder`'s, then
 * puts it on the entry. 0, -EWOULDBLOCK, or -ERESTARTSYS (a signal). */
static int take(struct locked_file *entry, struct flock_holder *holder, int nonblocking)
{
    const struct flock_holder *blocker;
    while ((blocker = in_the_way(entry, holder->file, holder->exclusive))) {
        if (nonblocking)
            return -EWOULDBLOCK;
        struct lock_wait me = { KINFO_LOCK_FLOCK, current_task->process, 0, blocker->pid, entry,
                                holder->exclusive ? F_WRLCK : F_RDLCK, 0, KINFO_LOCK_TO_THE_END, 0 };
        if (locked_file_sleep(entry, &me, "flock") != WAKE_NORMAL)
            return -ERESTARTSYS;        /* SA_RESTART restarts it, as Linux's (signal(7)) */
    }
    holder->next = entry->flocks;
    entry->flocks = holder;
    return 0;
}

/* flock on a file held for the call; `operation` is checked. */
static int flock_file(struct file *file, int operation, int nonblocking)
{
    if (operation == LOCK_UN) {
        struct locked_file *entry = locked_file_find(file);
        if (entry)
            let_go(entry, file);
        return 0;
    }
    struct locked_file *entry = locked_file_find_or_add(file);
    if (!entry)
        return -ENOLCK;
    int exclusive = operation == LOCK_EX;
    struct flock_holder *held = *link_of(entry, file);
    if (held && held->exclusive == exclusive)
        return 0;                       /* it has that lock already */
    struct flock_holder *holder = kmalloc(sizeof *holder);
    if (!holder)
        return -ENOLCK;
    *holder = (struct flock_holder){ file, current_task->process->pid, exclusive, 0 };
    let_go(entry, file);                /* the old lock of the other type goes first */
    int status = take(entry, holder, nonblocking);
    if (status < 0)
        kfree(holder);
    return status;
}

int sys_flock(int fd, int operation)
{
    if (operation & LOCK_MAND)
        return 0;                       /* Linux ignores it, and says so once: it never worked */
    int nonblocking = operation & LOCK_NB;
    operation &= ~LOCK_NB;
    if (operation != LOCK_SH && operation != LOCK_EX && operation != LOCK_UN)
        return -EINVAL;                 /* before the descriptor, as Linux checks */
    struct held_file held;
    int status = descriptor_hold(fd, &held);
    return status < 0 ? status : descriptor_unhold(&held, flock_file(held.file, operation, nonblocking));
}

void flock_file_gone(struct locked_file *entry, const struct file *file)
{
    let_go(entry, file);
}

void flock_list_held(record_lock_emit emit, void *context)
{
    for (const struct locked_file *entry = locked_files; entry; entry = entry->next)
        for (const struct flock_holder *holder = entry->flocks; holder; holder = holder->next) {
            struct kinfo_record_lock listed = { holder->pid, holder->exclusive ? F_WRLCK : F_RDLCK,
                                                entry->inode_number, 0, KINFO_LOCK_TO_THE_END, 0,
                                                KINFO_LOCK_FLOCK };
            emit(&listed, context);
        }
}

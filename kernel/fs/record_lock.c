/* kernel/fs/record_lock.c - POSIX record locks: fcntl's F_GETLK, F_SETLK
 * and F_SETLKW (docs/record-locks.md).
 *
 * A process locks a range of a file's bytes for reading (shared: other
 * readers may lock it too) or for writing (exclusive). The locks are
 * advisory: they stop other locks, never a read or a write. F_SETLK's
 * locks belong to the process, not to a descriptor, and so follow
 * POSIX's rules:
 *  - a process never conflicts with itself: a new lock of its own
 *    replaces what it held on those bytes, splitting a range or joining
 *    neighbours of the same type;
 *  - closing ANY descriptor of the file lets go of every lock the process
 *    holds on it (record_locks_release, from file_close), and so does
 *    exit; a forked child holds none of its parent's;
 *  - F_SETLKW waits for the locks in the way, unless waiting would close
 *    a circle of processes each waiting for the next: then EDEADLK.
 * F_OFD_SETLK's locks (POSIX.1-2024, Linux's "open file description
 * locks") belong to the open file instead: its descriptors (dup, fork,
 * another thread) share them, another open of the file is another
 * owner, and they go when the open file's last descriptor closes
 * (record_lock_file_gone). Both kinds are the same records in one list:
 * a lock conflicts with any of another owner, of either kind. There is no
 * deadlock search for an OFD wait, as on Linux.
 *
 * One file's locks, kept by start, with the processes waiting on it:
 *
 *   locked_files -> [inode 12] locks: (pid 5 R 0..99) (pid 6 R 50..99) (pid 5 W 200..EOF)
 *                              waiters: pid 7 (W 0..9, blocked by pid 5)
 *
 * A file is found by its inode; a file with none (a pipe, a socket) by
 * its open file description, which every descriptor of it shares
 * (locked_file.h, whose entry flock.c's locks share).
 *
 * Context: every function here runs in a system call with the big lock
 * held (one CPU: the kernel lock, sched/wait_queue.h), which is what
 * protects these lists; only F_SETLKW sleeps, on its file's queue. */
#include "file_locks_for_core.h"

#include "file.h"
#include "file_hold.h"
#include "inode.h"
#include "ipc/signal.h"
#include "locked_file.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "proc/process.h"
#include "sched/task.h"
#include "sched/wait_queue.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

#define RECORD_OFFSET_MAX KINFO_LOCK_TO_THE_END    /* "to the end, however far" (Linux's OFFSET_MAX) */
#define FLOCK_OFFSET_MAX  0x7fffffffull          /* the largest offset a struct flock can say (off_t) */
#define RECORD_LOCKS_MAX  4096          /* locks in the whole kernel: ENOLCK beyond */
#define WAIT_CHAIN_MAX    64            /* deadlock search: processes followed, at most */

struct record_lock {
    const void *owner;              /* the process (F_SETLK), or the open file (F_OFD_SETLK) */
    int ofd;                        /* an open file's lock: F_GETLK's l_pid is -1 */
    int owner_pid;                  /* F_GETLK's l_pid; for an OFD lock, lslocks' (who took it) */
    uint64_t start, end;            /* bytes start..end, both included: the kernel's ranges are
                                     * 64-bit, as Linux's, the struct flock's 32 */
    short type;                     /* F_RDLCK or F_WRLCK */
    struct record_lock *next;       /* the file's next lock by start */
};

static unsigned lock_count;

static void free_lock(struct record_lock *lock)
{
    kfree(lock);
    lock_count--;
}

/* ---- the range a struct flock names ------------------------------------ */

/* Turns `request` (whence, start, length) into bytes start..end of
 * `file`, as Linux's flock_to_posix_lock: 0 or -EINVAL. */
static int range_of(const struct flock *request, const struct file *file, uint64_t *start, uint64_t *end)
{
    long long base;
    switch (request->l_whence) {
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: base = file->offset; break;
    case SEEK_END: base = file->inode ? file->inode->size : 0; break;
    default: return -EINVAL;
    }
    long long first = base + request->l_start, last;
    if (first < 0)
        return -EINVAL;
    if (request->l_len > 0) {
        last = first + request->l_len - 1;   /* below 2^33: far from RECORD_OFFSET_MAX */
    } else if (request->l_len < 0) {       /* the bytes before `first` */
        last = first - 1;
        first += request->l_len;
        if (first < 0)
            return -EINVAL;
    } else {
        last = RECORD_OFFSET_MAX;
    }
    *start = (uint64_t)first;
    *end = (uint64_t)last;
    return 0;
}

/* ---- conflicts and the deadlock search ---------------------------------- */

/* The first lock of another process that a `type` lock of `owner` on
 * start..end would overlap where one of the two writes, or NULL. */
static struct record_lock *in_the_way(const struct locked_file *entry, const void *owner, short type,
                                      uint64_t start, uint64_t end)
{
    if (!entry)
        return 0;
    for (struct record_lock *lock = entry->locks; lock && lock->start <= end; lock = lock->next)
        if (lock->owner != owner && lock->end >= start && (type == F_WRLCK || lock->type == F_WRLCK))
            return lock;
    return 0;
}

/* Would `waiter` waiting for `blocker` close a circle: does `blocker`
 * wait, through others, for `waiter`? Followed as Linux's
 * posix_locks_deadlock, the first wait of each process, a bounded walk;
 * an open file (an OFD lock's owner) waits for nobody, so the walk ends
 * there. */
static int would_deadlock(const struct process *waiter, const void *blocker)
{
    for (int step = 0; step < WAIT_CHAIN_MAX && blocker; step++) {
        if (blocker == waiter)
            return 1;
        const void *next = 0;
        for (const struct lock_wait *wait = lock_waits; wait; wait = wait->next)
            if (wait->kind == KINFO_LOCK_POSIX && wait->waiter == blocker) {
                next = wait->blocker;
                break;
            }
        blocker = next;
    }
    return 0;
}

/* ---- changing one process's locks --------------------------------------- */

/* Puts `lock` into the file's list by start. */
static void insert(struct locked_file *entry, struct record_lock *lock)
{
    struct record_lock **link = &entry->locks;
    while (*link && (*link)->start < lock->start)
        link = &(*link)->next;
    lock->next = *link;
    *link = lock;
}

/* Does `lock`, one of the owner's, touch start..end: overlap it, or end
 * right before it or start right after it (a neighbour to join)? */
static int touches(const struct record_lock *lock, uint64_t start, uint64_t end)
{
    return lock->end >= start - (start > 0) && lock->start <= end + (end < RECORD_OFFSET_MAX);
}

/* How many records apply() must allocate to change `owner`'s locks on
 * start..end to `type`: one for a lock of another type it splits in two,
 * one for the new lock unless a record it frees (a lock joined, or one
 * inside the range) can be used again. Counted first, so that running
 * out (ENOLCK) changes nothing. */
static int records_needed(const struct locked_file *entry, const void *owner, short type,
                          uint64_t start, uint64_t end)
{
    int splits = 0, freed = 0;
    for (const struct record_lock *lock = entry->locks; lock; lock = lock->next) {
        if (lock->owner != owner || !touches(lock, start, end))
            continue;
        if (lock->type == type)
            freed++;                                /* joined into the new lock */
        else if (lock->start < start && lock->end > end)
            splits++;
        else if (lock->start >= start && lock->end <= end)
            freed++;                                /* inside the range: goes */
    }
    return splits + (type != F_UNLCK && freed == 0);
}

/* Makes `owner`'s locks on start..end of the file `type` (F_UNLCK: none):
 * its locks there of another type are cut back or split, and its locks
 * of the same type there or touching the range are joined into one.
 * Allocates what it needs before it changes anything: -ENOLCK leaves the
 * locks as they were. Returns whether anything went or shrank (whoever
 * waits may now pass), or -ENOLCK. */
static int apply(struct locked_file *entry, const void *owner, int ofd, int owner_pid, short type, uint64_t start,
                 uint64_t end)
{
    struct record_lock *spare = 0;          /* new records first, then those freed by the walk */
    for (int needed = records_needed(entry, owner, type, start, end); needed > 0; needed--) {
        struct record_lock *lock = lock_count < RECORD_LOCKS_MAX ? kmalloc(sizeof *lock) : 0;
        if (!lock) {
            while (spare) {
                struct record_lock *next = spare->next;
                free_lock(spare);
                spare = next;
            }
            return -ENOLCK;
        }
        lock_count++;
        lock->next = spare;
        spare = lock;
    }
    int loosened = 0;
    struct record_lock *moved = 0;           /* right-hand pieces, put back by start after the walk */
    struct record_lock **link = &entry->locks;
    while (*link) {
        struct record_lock *lock = *link;
        if (lock->owner != owner || !touches(lock, start, end)) {
            link = &lock->next;
            continue;
        }
        if (lock->type == type) {                   /* join it into the new lock */
            start = lock->start < start ? lock->start : start;
            end = lock->end > end ? lock->end : end;
        } else if (lock->end < start || lock->start > end) {
            link = &lock->next;                     /* only touches: another type stays */
            continue;
        } else if (lock->start < start && lock->end > end) {   /* split around the range */
            struct record_lock *right = spare;
            spare = right->next;
            *right = *lock;
            right->start = end + 1;
            right->next = moved;
            moved = right;
            lock->end = start - 1;
            loosened = 1;
            link = &lock->next;
            continue;
        } else if (lock->start < start) {           /* keep its left part */
            lock->end = start - 1;
            loosened = 1;
            link = &lock->next;
            continue;
        } else if (lock->end > end) {               /* keep its right part: it moves in the order */
            *link = lock->next;
            lock->start = end + 1;
            lock->next = moved;
            moved = lock;
            loosened = 1;
            continue;
        }
        if (lock->type != type)
            loosened = 1;                           /* gone, or a write lock now a read lock */
        *link = lock->next;                         /* inside the range, or joined: its record is spare */
        lock->next = spare;
        spare = lock;
    }
    while (moved) {
        struct record_lock *lock = moved;
        moved = lock->next;
        insert(entry, lock);
    }
    if (type != F_UNLCK) {
        struct record_lock *lock = spare;
        spare = lock->next;
        *lock = (struct record_lock){ owner, ofd, owner_pid, start, end, type, 0 };
        insert(entry, lock);
    }
    while (spare) {
        struct record_lock *next = spare->next;
        free_lock(spare);
        spare = next;
    }
    return loosened;
}

/* `owner`'s locks on the file went or shrank: whoever waits tries again.
 * Who waited for `owner` waits for nobody known until it has looked: the
 * deadlock search and lslocks must not follow a process that may be gone
 * by then (the search stays right: the last of a circle to look finds
 * it). */
static void wake_waiters(struct locked_file *entry, const void *owner)
{
    if (!entry->waiting)
        return;
    for (struct lock_wait *wait = lock_waits; wait; wait = wait->next)
        if (wait->file == entry && wait->blocker == owner) {
            wait->blocker = 0;
            wait->blocker_pid = -1;
        }
    wait_queue_wake_all(&entry->changed);
}

/* ---- fcntl -------------------------------------------------------------- */

/* Whose lock a call of `file` takes, tests or lets go: the open file's
 * for the F_OFD_ commands, else the calling process's. */
static const void *owner_of_call(const struct file *file, int ofd)
{
    return ofd ? (const void *)file : (const void *)current_task->process;
}

static int get_lock(struct file *file, struct flock *request, void *user_lock, int ofd)
{
    uint64_t start, end;
    if (request->l_type != F_RDLCK && request->l_type != F_WRLCK)
        return -EINVAL;
    int status = range_of(request, file, &start, &end);
    if (status < 0)
        return status;
    struct record_lock *lock = in_the_way(locked_file_find(file), owner_of_call(file, ofd), request->l_type, start, end);
    if (!lock) {
        request->l_type = F_UNLCK;      /* the rest as the caller gave it, as Linux */
    } else if (lock->start > FLOCK_OFFSET_MAX || (lock->end != RECORD_OFFSET_MAX && lock->end > FLOCK_OFFSET_MAX)) {
        return -EOVERFLOW;              /* a struct flock cannot say where it is (Linux) */
    } else {
        request->l_type = lock->type;
        request->l_whence = SEEK_SET;
        request->l_start = (long)lock->start;
        request->l_len = lock->end == RECORD_OFFSET_MAX ? 0 : (long)(lock->end - lock->start + 1);
        request->l_pid = lock->ofd ? -1 : lock->owner_pid;   /* an open file has no pid (Linux) */
    }
    return copy_to_user(user_lock, request, sizeof *request);
}

/* F_SETLK and F_SETLKW (their OFD forms if `ofd`) on a file held for the
 * call. */
static int set_lock(int fd, struct file *file, const struct flock *request, int wait, int ofd)
{
    uint64_t start, end;
    short type = request->l_type;
    if (type != F_RDLCK && type != F_WRLCK && type != F_UNLCK)
        return -EINVAL;
    unsigned access = file->flags & O_ACCMODE;
    if ((type == F_RDLCK && access == O_WRONLY) || (type == F_WRLCK && access == O_RDONLY))
        return -EBADF;
    int status = range_of(request, file, &start, &end);
    if (status < 0)
        return status;
    struct process *process = current_task->process;
    const void *owner = owner_of_call(file, ofd);
    struct locked_file *entry = type == F_UNLCK ? locked_file_find(file) : locked_file_find_or_add(file);
    if (!entry)
        return type == F_UNLCK ? 0 : -ENOLCK;
    struct record_lock *blocker;
    int waited = 0;
    status = 0;
    while ((blocker = in_the_way(entry, owner, type, start, end))) {
        if (!wait)
            return -EAGAIN;             /* Linux's answer; POSIX allows EACCES too */
        if (!ofd && would_deadlock(process, blocker->owner))
            return -EDEADLK;
        struct lock_wait me = { ofd ? KINFO_LOCK_OFD : KINFO_LOCK_POSIX, process, blocker->owner,
                                blocker->owner_pid, entry, type, start, end, 0 };
        int woke = locked_file_sleep(entry, &me, "record lock");
        waited = 1;
        if (woke != WAKE_NORMAL) {
            status = -ERESTARTSYS;      /* SA_RESTART restarts it, as Linux's */
            break;
        }
    }
    if (status == 0) {
        status = apply(entry, owner, ofd, process->pid, type, start, end);
        if (status > 0)
            wake_waiters(entry, owner);
    }
    if (!ofd && waited && descriptor_lookup(fd) != file) {
        /* another thread closed the descriptor while this one waited: its
         * close let go of the process's locks, and so does this (Linux);
         * and the entry, which that close could not free while this call
         * waited on it, goes now if nothing else holds it */
        if (status >= 0 && type != F_UNLCK) {
            apply(entry, owner, ofd, process->pid, F_UNLCK, start, end);
            wake_waiters(entry, owner);
            status = -EBADF;
        }
        locked_file_forget_if_unused(entry);
    }
    return status < 0 ? status : 0;
}

int record_lock_fcntl(int fd, int command, void *user_lock)
{
    struct held_file held;
    int status = descriptor_hold(fd, &held);
    if (status < 0)
        return status;
    struct flock request;
    status = copy_from_user(&request, user_lock, sizeof request);
    int ofd = command >= F_OFD_GETLK;   /* F_OFD_GETLK..F_OFD_SETLKW: F_GETLK..F_SETLKW + 31 */
    if (ofd) {
        command -= F_OFD_GETLK - F_GETLK;
        if (status == 0 && request.l_pid != 0)
            status = -EINVAL;           /* POSIX: l_pid must be 0 for the OFD commands */
    }
    if (status == 0)
        status = command == F_GETLK ? get_lock(held.file, &request, user_lock, ofd)
                                    : set_lock(fd, held.file, &request, command == F_SETLKW, ofd);
    return descriptor_unhold(&held, status);
}

/* Frees every lock of `owner` on the file's entry and wakes whoever
 * waited. */
static void release_all_of(struct locked_file *entry, const void *owner)
{
    int released = 0;
    for (struct record_lock **link = &entry->locks; *link;) {
        struct record_lock *lock = *link;
        if (lock->owner == owner) {
            *link = lock->next;
            free_lock(lock);
            released = 1;
        } else {
            link = &lock->next;
        }
    }
    if (released)
        wake_waiters(entry, owner);
}

void record_locks_release(const struct file *file, const struct process *process)
{
    struct locked_file *entry = locked_file_find(file);
    if (!entry)
        return;
    release_all_of(entry, process);
    locked_file_forget_if_unused(entry);
}

void record_lock_file_gone(struct locked_file *entry, const struct file *file)
{
    release_all_of(entry, file);
}

void record_lock_list_held(record_lock_emit emit, void *context)
{
    for (const struct locked_file *entry = locked_files; entry; entry = entry->next)
        for (const struct record_lock *lock = entry->locks; lock; lock = lock->next) {
            struct kinfo_record_lock listed = { lock->owner_pid, lock->type, entry->inode_number, lock->start,
                                                lock->end, 0, lock->ofd ? KINFO_LOCK_OFD : KINFO_LOCK_POSIX };
            emit(&listed, context);
        }
}

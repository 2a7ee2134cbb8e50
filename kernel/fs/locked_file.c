/* kernel/fs/locked_file.c - what record locks and flock share
 * (locked_file.h): the list of files that have locks, the list of callers
 * waiting for one and their sleep, what goes with an open file, and
 * lslocks' walk of both. */
#include "locked_file.h"

#include "file.h"
#include "inode.h"
#include "mm/heap.h"
#include "proc/process.h"

struct locked_file *locked_files;
struct lock_wait *lock_waits;

struct locked_file *locked_file_add(const struct file *file)
{
    struct locked_file *entry = kzalloc(sizeof *entry);
    if (!entry)
        return 0;
    entry->key = locked_file_key(file);
    entry->inode_number = file->inode ? file->inode->number : 0;
    wait_queue_init(&entry->changed);
    entry->next = locked_files;
    locked_files = entry;
    return entry;
}

void locked_file_forget_if_unused(struct locked_file *entry)
{
    if (entry->locks || entry->flocks || entry->waiting)
        return;
    for (struct locked_file **link = &locked_files; *link; link = &(*link)->next)
        if (*link == entry) {
            *link = entry->next;
            kfree(entry);
            return;
        }
}

int locked_file_sleep(struct locked_file *entry, struct lock_wait *wait, const char *reason)
{
    wait->next = lock_waits;
    lock_waits = wait;
    entry->waiting++;
    int woke = wait_queue_sleep(&entry->changed, reason, 0, WAIT_INTERRUPTIBLE);
    entry->waiting--;
    for (struct lock_wait **link = &lock_waits; *link; link = &(*link)->next)
        if (*link == wait) {
            *link = wait->next;
            break;
        }
    return woke;
}

void file_locks_file_gone(const struct file *file)
{
    struct locked_file *entry = locked_file_find(file);
    if (!entry)
        return;                       /* nothing locked: every close but a locker's */
    flock_file_gone(entry, file);
    record_lock_file_gone(entry, file);
    locked_file_forget_if_unused(entry);
}

void file_locks_list(record_lock_emit emit, void *context)
{
    record_lock_list_held(emit, context);
    flock_list_held(emit, context);
    for (const struct lock_wait *wait = lock_waits; wait; wait = wait->next) {
        struct kinfo_record_lock listed = { wait->waiter->pid, wait->type, wait->file->inode_number, wait->start,
                                            wait->end, wait->blocker_pid, wait->kind };
        emit(&listed, context);
    }
}

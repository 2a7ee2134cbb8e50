/* kernel/fs/fs_lock.c - the file-system lock: an owner and a queue.
 * A release hands the lock straight to the longest waiter (as the kernel's
 * mutexes do, sched/mutex.c), so a task that calls again at once cannot
 * overtake it; `ps` shows the waiters as waiting for "file-system lock". */
#include "fs_lock.h"

#include "kernel/panic.h"
#include "sched/scheduler.h"
#include "sched/task.h"
#include "sched/wait_queue.h"

static struct task *owner;
static struct wait_queue waiters = WAIT_QUEUE_INITIALIZER;

void fs_lock(void)
{
    kernel_lock();
    ASSERT(owner != current_task);    /* not recursive */
    if (owner)
        wait_queue_sleep(&waiters, "file-system lock", 0, WAIT_UNINTERRUPTIBLE);   /* woken as the owner */
    else
        owner = current_task;
    ASSERT(owner == current_task);
    kernel_unlock();
}

void fs_unlock(void)
{
    kernel_lock();
    ASSERT(owner == current_task);
    owner = 0;
    struct task *next = waiters.first;
    if (next) {
        owner = next;                 /* handed over before it runs */
        wait_queue_wake_one(&waiters);
    }
    kernel_unlock();
}

int fs_lock_held(void)
{
    return owner == current_task;
}

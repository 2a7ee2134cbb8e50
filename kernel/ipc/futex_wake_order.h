/* kernel/ipc/futex_wake_order.h - which waiter of a word a futex_wake
 * wakes first: the one of the highest real-time priority (SCHED_FIFO or
 * SCHED_RR, 1..99), and of those the one that has waited longest; so
 * waiters without one (priority 0) are woken oldest first.
 *
 * POSIX: when a mutex is unlocked with threads blocked on it, "the
 * scheduling policy shall determine which thread shall acquire the
 * mutex"; Linux keeps each futex queue ordered by priority (a plist),
 * and a pthread mutex, semaphore or rwlock hands over to the real-time
 * thread of the highest priority (the Open POSIX Test Suite's
 * pthread_attr_setschedpolicy/2-1). Both of the kernel's futex queues
 * wake this way: futex.c's, and futex_without_big_lock.c's lanes. */
#ifndef KERNEL_IPC_FUTEX_WAKE_ORDER_H
#define KERNEL_IPC_FUTEX_WAKE_ORDER_H

#include "futex.h"
#include "proc/thread.h"
#include "sched/task.h"

/* The waiter of (key, space) to wake next on the FIFO list of tasks that
 * begins at `first` (linked by wait_next), or NULL when none waits on the
 * word. Context: the list's lock held (the big lock, or the lane's). */
static inline struct task *futex_next_to_wake(struct task *first, uint32_t key, uint32_t space)
{
    struct task *chosen = 0;
    for (struct task *task = first; task; task = task->wait_next) {
        const struct futex_wait *wait = &thread_of(task)->futex_wait;   /* only threads wait here */
        if (wait->key == key && wait->space == space && (!chosen || task->rt_priority > chosen->rt_priority))
            chosen = task;
    }
    return chosen;
}

#endif

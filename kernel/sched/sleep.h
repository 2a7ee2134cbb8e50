/* kernel/sched/sleep.h - step 9: sleeping until a time. */
#ifndef KERNEL_SCHED_SLEEP_H
#define KERNEL_SCHED_SLEEP_H

#include <stdint.h>

#include "task.h"

/* Blocks the running task until the clock reaches `when` (nanoseconds since
 * boot); returns at once if that time has passed. Never wakes early, and
 * wakes at the first tick at or after `when`. May sleep: not from an
 * interrupt handler. */
void nano_sleep_until(uint64_t when);
void nano_sleep(uint64_t nanoseconds);
void sleep_seconds(uint32_t seconds);

/* Puts `task` on the sleeping list to be woken (unblocked) at `when`.
 * Caller holds the kernel lock and blocks the task itself. */
void sleep_list_add(struct task *task, uint64_t when);

/* Takes `task` off the sleeping list if it is there. Scheduler lock held. */
void sleep_list_remove(struct task *task);

/* Called by the timer interrupt: wakes every task whose time has come. */
void sleep_wake_expired(uint64_t now);

/* Set by the wait-queue code: what to do for a waiter whose deadline
 * passes (take it off its queue first). NULL: plain unblock. */
void sleep_set_timeout_handler(void (*handler)(struct task *task));

#endif

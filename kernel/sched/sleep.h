/* kernel/sched/sleep.h - step 9: sleeping until a time. */
#ifndef KERNEL_SCHED_SLEEP_H
#define KERNEL_SCHED_SLEEP_H

#include <stdint.h>

#include "task.h"

/* Blocks the running task until the clock reaches `when` (nanoseconds since
 * boot); returns at once if that time has passed. Never wakes early; wakes
 * at `when` where each CPU's local APIC timer interrupts at deadlines, else
 * at the first tick at or after it (the PIT's). May sleep: not from an
 * interrupt handler. */
void nano_sleep_until(uint64_t when);
void nano_sleep(uint64_t nanoseconds);
void sleep_seconds(uint32_t seconds);

/* Puts `task` on the sleeping list to be woken (unblocked) at `when`, and
 * asks this CPU's timer for an interrupt then if that comes before the
 * next tick. Caller holds the kernel lock and blocks the task itself. */
void sleep_list_add(struct task *task, uint64_t when);

/* Takes `task` off the sleeping list if it is there. Scheduler lock held. */
void sleep_list_remove(struct task *task);

/* Called by the timer interrupt: wakes every task whose time has come, a
 * task waiting on a wait queue with a deadline through
 * wait_queue_wake_on_timeout (off its queue, WAKE_TIMEOUT). Returns the
 * earliest time a task still sleeps until, or CLOCK_NO_DEADLINE. Context:
 * kernel lock held. */
uint64_t sleep_wake_expired(uint64_t now);

#endif

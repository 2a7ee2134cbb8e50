/* kernel/sched/switch.h - what every task switch does, step 1 of
 * Brendan's tutorial: charge the time used, reset the time slice, put the
 * FPU state aside, and call the assembly switch
 * (arch/x86/switch_to_task.asm).
 *
 * Two callers end here, and the caller has already settled where the
 * running task goes: the scheduler's switch_to (scheduler.c: to the back
 * of the ready list, or nowhere when it blocked), and the IPC hand-off
 * (wait_queue_sleep_handing_to in wait_queue.h: onto a wait queue, the
 * peer running at once). Inline, so that the hand-off of message passing
 * pays for no call but switch_to_task's. */
#ifndef KERNEL_SCHED_SWITCH_H
#define KERNEL_SCHED_SWITCH_H

#include <stdint.h>

#include "arch/x86/cpu.h"
#include "clock.h"
#include "scheduler.h"
#include "task.h"

/* Step 1: the assembly switch. */
void switch_to_task(struct task *next);

/* Step 3: timer ticks since the last switch, not charged to anyone yet
 * (scheduler_tick counts them). */
extern uint32_t scheduler_ticks_uncharged;
/* Step 11: what remains of the running task's time slice. */
extern int32_t scheduler_time_slice_remaining_ns;
extern uint64_t scheduler_switch_count;
/* Steps 7-8: nonzero while task switches are postponed (lock_stuff). */
extern uint32_t scheduler_postpone_depth;

/* Step 3: charges the time since the last switch to the running task, in
 * whole ticks (the clock's unit). A message round trip takes microseconds
 * and the clock ticks once per millisecond, so most switches find nothing
 * to charge: one load and a test. Called with the lock held. */
static inline __attribute__((always_inline)) void update_time_used(void)
{
    if (scheduler_ticks_uncharged) {
        current_task->cpu_time_ns += (uint64_t)scheduler_ticks_uncharged * NS_PER_CLOCK_TICK;
        scheduler_ticks_uncharged = 0;
    }
}

/* Runs `next` (not the running task, and on no list) from here on. */
static inline __attribute__((always_inline)) void switch_to_next(struct task *next)
{
    struct task *previous = current_task;
    next->state = TASK_RUNNING;
    scheduler_time_slice_remaining_ns = TIME_SLICE_NS;
    scheduler_switch_count++;

    /* The lock is held across the switch and released by the task we
     * switch to, at its own nesting depth and with its own saved flags
     * (both in struct task: nothing to put aside here). */
    cpu_fpu_save(previous->fpu_state);
    cpu_fpu_restore(next->fpu_state);
    switch_to_task(next);
}

#endif

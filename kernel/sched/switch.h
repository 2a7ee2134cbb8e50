/* kernel/sched/switch.h - what every task switch does, step 1 of
 * Brendan's tutorial: mark the next task running, count the switch,
 * charge the time the task leaving ran (step 3), put its x87 registers
 * aside if it used them (x87_lazy.h), and call the assembly switch
 * (arch/x86/switch_to_task.asm). (Whether a slice is over is the tick's
 * business: scheduler_tick.)
 *
 * Two callers end here, and the caller has already settled where the
 * running task goes: the scheduler (scheduler.c: onto a ready list, or
 * nowhere when it blocked), and the hand-off's usual case
 * (wait_queue_sleep_handing_to in wait_queue_handoff.h: onto a wait
 * queue, the chosen task running at once). Inline, so that the hand-off
 * pays for no call but switch_to_task's. */
#ifndef KERNEL_SCHED_SWITCH_H
#define KERNEL_SCHED_SWITCH_H

#include <stdint.h>

#include "arch/x86/cpu.h"
#include "arch/x86/timestamp_counter.h"
#include "clock.h"
#ifdef LOCK_CHECK
#include "lock_check.h"
#endif
#include "scheduler.h"
#include "task.h"
#include "x87_lazy.h"

/* Step 1: the assembly switch. switch_to_task_now is it, or on several
 * CPUs switch_to_task_on_several_cpus, which ends with
 * scheduler_finish_switch (smp_wait.h) in the task switched to: the
 * call is the same one instruction either way. */
void switch_to_task(struct task *next);
void switch_to_task_on_several_cpus(struct task *next);
extern void (*switch_to_task_now)(struct task *next);

/* Step 3: the switch from `previous` to `next` charges `previous` the
 * time it ran, in counts of the time-stamp counter: it began with the
 * counter taken off its count, and ends with the counter at its end
 * added back. Two additions, and nothing to load: a switch pays 10
 * instructions for time to the nanosecond (task_cpu_time_ns converts
 * it). A task that runs a tenth of a tick between two waits is charged a
 * tenth of a tick, not a whole one when the tick happens to find it, nor
 * nothing when it does not. Context: the CPU that switches, interrupts
 * off. */
static inline void charge_switch(struct task *previous, struct task *next)
{
    int64_t now = (int64_t)cpu_read_timestamp();
    previous->ran_timestamps += now;
    next->ran_timestamps -= now;
}

/* What `task` has run, in counts of the time-stamp counter, `now` being
 * the counter: whether it is running now (its count below 0) or not.
 * Context: interrupts off; the count read whole. */
static inline int64_t task_ran_timestamps(int64_t count, int64_t now)
{
    return count < 0 ? count + now : count;
}

/* Runs `next` (not the running task, and on no list) from here on. */
static inline __attribute__((always_inline)) void switch_to_next(struct task *next)
{
    struct task *previous = current_task;
    next->state = TASK_RUNNING;
    next->cpu = this_cpu_index();      /* not previous->cpu: a task that gives up this CPU
                                          for another's queue has that CPU's number already */
    this_cpu()->switch_count++;        /* task_switch_count (scheduler.c) */
    charge_switch(previous, next);
#ifdef LOCK_CHECK
    lock_check_switch(previous, next);   /* no spinlock across a switch (lock_check.h) */
#endif

    /* The kernel lock is held across the switch and released by the task
     * we switch to, at its own nesting depth and with its own saved flags
     * (both in struct task: nothing to put aside here); so is, on several
     * CPUs, this CPU's run-queue lock, which the task switched to gives
     * back first thing (scheduler_finish_switch, switch_to_task.asm). */
    x87_switch_away(previous);         /* next's x87 registers: at its first x87 instruction */
    switch_to_task_now(next);
    /* Not a tail call: the frames of the scheduler stay on the stack
     * switch_to_task saves, for GDB's backtraces of a waiting task. */
    __asm__ volatile("" ::: "memory");
}

#endif

/* kernel/sched/switch.h - what every task switch does, step 1 of
 * Brendan's tutorial: mark the next task running, count the switch, put
 * the FPU state aside, and call the assembly switch
 * (arch/x86/switch_to_task.asm). (Step 3's time accounting and step 11's
 * slice are the tick's business: scheduler_tick.)
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
#include "clock.h"
#ifdef LOCK_CHECK
#include "lock_check.h"
#endif
#include "scheduler.h"
#include "task.h"

/* Step 1: the assembly switch. switch_to_task_now is it, or on several
 * CPUs switch_to_task_on_several_cpus, which ends with
 * scheduler_finish_switch (smp_wait.h) in the task switched to: the
 * call is the same one instruction either way. */
void switch_to_task(struct task *next);
void switch_to_task_on_several_cpus(struct task *next);
extern void (*switch_to_task_now)(struct task *next);

/* Runs `next` (not the running task, and on no list) from here on. */
static inline __attribute__((always_inline)) void switch_to_next(struct task *next)
{
    struct task *previous = current_task;
    next->state = TASK_RUNNING;
    next->cpu = this_cpu_index();      /* not previous->cpu: a task that gives up this CPU
                                          for another's queue has that CPU's number already */
    this_cpu()->switch_count++;        /* task_switch_count (scheduler.c) */
#ifdef LOCK_CHECK
    lock_check_switch(previous, next);   /* no spinlock across a switch (lock_check.h) */
#endif

    /* The kernel lock is held across the switch and released by the task
     * we switch to, at its own nesting depth and with its own saved flags
     * (both in struct task: nothing to put aside here); so is, on several
     * CPUs, this CPU's run-queue lock, which the task switched to gives
     * back first thing (scheduler_finish_switch, switch_to_task.asm). */
    cpu_fpu_save(previous->fpu_state);
    cpu_fpu_restore(next->fpu_state);
    switch_to_task_now(next);
    /* Not a tail call: the frames of the scheduler stay on the stack
     * switch_to_task saves, for GDB's backtraces of a waiting task. */
    __asm__ volatile("" ::: "memory");
}

#endif

/* kernel/sched/scheduler.h - choosing who runs (Brendan's steps 2-11;
 * the policy among ready tasks: mlfq.h). */
#ifndef KERNEL_SCHED_SCHEDULER_H
#define KERNEL_SCHED_SCHEDULER_H

#include <stdint.h>

#include "arch/x86/cpu.h"
#include "kernel/panic.h"
#include "task.h"

/* Step 5: the scheduler lock, which is the kernel's one lock (the locking
 * rule: kernel/sched/wait_queue.h). On one CPU it is "interrupts off":
 * system calls and interrupt handlers hold it from their first
 * instruction; a kernel task, which runs with interrupts on, takes it
 * here. Masks interrupts; nests; the outermost unlock restores the
 * interrupt flag as the outermost lock found it. Context: anywhere (in a
 * system call or an interrupt handler it only counts). Inline: the
 * functions of kernel/sched take it on every wake-up. The depth and the
 * saved flag belong to the task holding the lock: they live in struct
 * task, and a task switched to releases its own hold, the one it took
 * before it was switched away. */

static inline void lock_scheduler(void)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    struct task *task = current_task;
    if (task->lock_depth++ == 0)
        task->lock_saved_flags = flags;
}

static inline void unlock_scheduler(void)
{
    struct task *task = current_task;
    ASSERT(task->lock_depth > 0);
    if (--task->lock_depth == 0)
        cpu_restore_interrupts(task->lock_saved_flags);
}

/* True while the running task holds the kernel lock: interrupts are off
 * (a system call, an interrupt handler, or a kernel task between
 * lock_scheduler and unlock_scheduler). */
static inline int scheduler_lock_held(void)
{
    return !cpu_interrupts_enabled();
}

/* Steps 7-8: lock_stuff also postpones task switches until the outermost
 * unlock_stuff, which then performs the switch that was asked for. Used by
 * interrupt handlers that may wake several tasks. */
void lock_stuff(void);
void unlock_stuff(void);

/* Step 4: switches to the first ready task, if any; the running task, if
 * still runnable, goes to the back of its level first (so it goes on if
 * nothing else of its level or above is ready). Caller holds the
 * scheduler lock. */
void schedule(void);

/* Step 6: the running task stops until unblock_task(it). `reason` is shown
 * by ps. Caller holds the scheduler lock (so that the condition it waits for
 * cannot change between its check and the block); unlike the tutorial's,
 * it does not take the lock again inside. */
void block_task(const char *reason);

/* Step 6: makes a blocked task ready: it goes before the tasks of its
 * level that wait for a new turn (mlfq.h, rule 2b). It runs at once if the
 * CPU was idle, and at the end of the running task's system call or
 * interrupt if it outranks the running task (rule 1). Context: anywhere;
 * takes the lock itself. unblock_task_locked is the same for a caller
 * that holds the lock already (the wait queues). */
void unblock_task(struct task *task);
void unblock_task_locked(struct task *task);

/* Hands the CPU straight to `next`, a task blocked on nothing but being
 * chosen (a message-passing peer), while the running task blocks for
 * `reason` without a trip through the ready list. Falls back to the ready
 * list while switches are postponed. Caller holds the scheduler lock; the
 * running task must already be queued where its waker will find it. */
void block_and_switch_to(struct task *next, const char *reason);

/* Puts a new task on the ready lists (level 0: mlfq.h, rule 3). It does
 * not preempt the running task, which is usually its creator. */
void make_task_ready(struct task *task);

/* sched_yield: the running task goes to the back of its level and the
 * first ready task runs (POSIX: "until it again becomes the head of its
 * thread list"). With nothing else ready at its level or above, it goes
 * on at once. */
void yield(void);

/* Wake-up preemption (mlfq.h, rule 1): called on the way out of a system
 * call or an interrupt when the running task has TASK_WORK_RESCHEDULE
 * set. If a ready task outranks it, that task runs now and this one waits
 * first in its level, with its slice left. Clears the note. Context: a
 * point where a switch is safe (not inside lock_stuff). */
void scheduler_preempt(void);

/* Step 10: the idle task's CPU time (time with nothing to run). */
uint64_t idle_time_ns(void);

/* Steps 3 and 11: called by the timer interrupt once per tick; charges the
 * tick to the running task and ends its slice when it is used up. */
void scheduler_tick(void);

/* Called once at boot, after initialise_multitasking. */
void start_idle_task(void);

/* CPU time of `task`, in whole ticks. */
uint64_t task_cpu_time_ns(struct task *task);

/* Number of task switches so far (for tests and the benchmark docs). */
uint64_t task_switch_count(void);

#endif

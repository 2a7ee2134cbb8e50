/* kernel/sched/scheduler.h - choosing who runs (Brendan's steps 2-11;
 * the policy among ready tasks: mlfq.h). */
#ifndef KERNEL_SCHED_SCHEDULER_H
#define KERNEL_SCHED_SCHEDULER_H

#include <stdint.h>

#include "arch/x86/cpu.h"
#include "kernel/panic.h"
#include "kernel_lock.h"
#include "task.h"

/* Steps 7-8: lock_stuff also postpones task switches until the outermost
 * unlock_stuff, which then performs the switch that was asked for. Used by
 * interrupt handlers that may wake several tasks. */
void lock_stuff(void);
void unlock_stuff(void);

/* Step 4: switches to the first ready task, if any; the running task, if
 * still runnable, goes to the back of its level first (so it goes on if
 * nothing else of its level or above is ready). Caller holds the
 * kernel lock. */
void schedule(void);

/* Step 6: the running task stops until unblock_task(it). `reason` is shown
 * by ps. Caller holds the kernel lock (so that the condition it waits for
 * cannot change between its check and the block); unlike the tutorial's,
 * it does not take the lock again inside. */
void block_task(const char *reason);

/* schedule()'s choice among every class (the real-time list first) and,
 * with several CPUs, every CPU's queue it may take from (smp_sched.c).
 * Context: kernel lock held; on several CPUs this CPU's run-queue lock
 * held, which is given back, by the task switched to if there is a
 * switch (smp_wait.c). */
void schedule_among_all_classes(void);


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
 * list while switches are postponed. Caller holds the kernel lock; the
 * running task must already be queued where its waker will find it. */
void block_and_switch_to(struct task *next, const char *reason);

/* Puts a new task on the ready lists (level 0: mlfq.h, rule 3). It does
 * not preempt the running task, which is usually its creator. */
void make_task_ready(struct task *task);

/* sched_yield: the running task goes to the back of its level and the
 * first ready task runs (POSIX: "until it again becomes the head of its
 * thread list"). With nothing else ready at its level or above, it goes
 * on at once. Context: anywhere a switch is safe; it takes the kernel
 * lock, which a system call already holds (sys_sched_yield calls
 * schedule() itself). */
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

/* The part of the tick each CPU's own timer does: charges the tick to
 * the task it runs (scheduler_tick calls it on the first CPU; the local
 * APIC's timer on the others, clock.c). An idle CPU looks for a task
 * readied for it meanwhile. Context: an interrupt handler, in lock_stuff. */
void scheduler_tick_this_cpu(void);

/* Called once at boot, after initialise_multitasking: the first CPU's
 * idle task. */
void start_idle_task(void);

/* A CPU but the first, started and holding the big kernel lock, goes
 * to its idle task and from then on runs tasks (smp_boot.c). */
void scheduler_start_this_cpu(void) __attribute__((noreturn));

/* An idle task, not yet any CPU's (smp_boot.c makes one for each other
 * CPU). */
struct task *scheduler_create_idle_task(void);

/* CPU time of `task`, in nanoseconds, up to now (a task running on any
 * CPU: up to the counter's now). Context: no run-queue lock held (it
 * takes them to read another task's count). */
uint64_t task_cpu_time_ns(struct task *task);

/* Number of task switches so far (for tests and the benchmark docs). */
uint64_t task_switch_count(void);

#endif

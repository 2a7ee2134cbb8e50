/* kernel/sched/smp_sched.h - what the scheduler does differently once
 * several CPUs run tasks, each from its own run queue (smp_sched.c,
 * docs/smp.md). Every function here runs only while
 * big_kernel_lock_in_use, with interrupts off; the run-queue locks each
 * needs are said (run_queue_lock.h). */
#ifndef KERNEL_SCHED_SMP_SCHED_H
#define KERNEL_SCHED_SMP_SCHED_H

#include "mlfq.h"
#include "task.h"

/* Tasks moved from one CPU's queue to another's since boot (print it
 * in GDB). */
extern uint32_t smp_migration_count;

/* The task this CPU runs next: the first, in the policy's order
 * (ready.h), that may run here (its affinity), from the real-time list
 * or this CPU's queue, taken off its list; with `than` NULL, from
 * another CPU's queue when there is none here; else only if it outranks
 * `than` (the running task). NULL if none. smp_first_outranks: would
 * that first task outrank `than`? */
struct task *smp_take_first_outranking(const struct task *than);
int smp_first_outranks(const struct task *than);
/* Context of both: this CPU's run-queue lock held. */

/* If `task` is blocked (waiting, or new and "being created"), makes it
 * ready: puts it into `part` of the queue of the CPU it runs on soonest
 * (smp_sched.c), and makes that CPU look at it: an idle CPU takes it, a
 * busy one is preempted if the task outranks what it runs (mlfq.h, rule
 * 1), this CPU only if `preempt_here`. Returns 1 if it was blocked.
 * Context: interrupts off, no run-queue lock held (it takes the task's,
 * run_queue_lock.h); the big kernel lock need not be held. */
int smp_wake(struct task *task, enum ready_part part, int preempt_here);

/* The running task's turn ends, and its affinity no longer names this
 * CPU: it goes to the first CPU it names, on no queue until the switch
 * away from it is over (TASK_WAKING); then, in the task switched to,
 * smp_give_away_finish puts it on that CPU's queue. Context: in
 * schedule(), this CPU's run-queue lock held / no run-queue lock held. */
void smp_give_away(struct task *task);
void smp_give_away_finish(struct task *task);

/* Every tick of a CPU that runs a task: if another CPU has two tasks or
 * more than this one (waiting and running), one of its waiting tasks
 * that may run here moves here. */
void smp_balance_tick(void);

/* `task`'s affinity has just changed: a ready task waiting on a CPU it
 * may no longer run on moves to one it may; one running there is told
 * to leave at its way out of the kernel. One being moved (TASK_WAKING)
 * is left to its mover, which looks at the mask again once it holds the
 * lock of the CPU it moves it to (smp_sched.c, lock_waking_target). */
void smp_affinity_changed(struct task *task);

/* `task` got work for its way back to user mode (a signal, a
 * cancellation): if it runs on another CPU, that CPU is interrupted so
 * that it does the work now, not at its next tick. */
void smp_kick_running(struct task *task);

/* The reschedule message arrived (arch/x86/trap.c). */
void smp_reschedule_interrupt(void);

#endif

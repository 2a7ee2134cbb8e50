/* kernel/sched/smp_sched.h - what the scheduler does differently once
 * several CPUs run tasks, each from its own run queue (smp_sched.c,
 * docs/smp.md). Every function here runs with the kernel lock held (the
 * big kernel lock), and only while big_kernel_lock_in_use. */
#ifndef KERNEL_SCHED_SMP_SCHED_H
#define KERNEL_SCHED_SMP_SCHED_H

#include "mlfq.h"
#include "task.h"

/* Tasks moved from one CPU's queue to another's since boot (print it
 * in GDB). */
extern uint32_t smp_migration_count;

/* The task this CPU runs next: the first, in the policy's order
 * (ready.h), that may run here (its affinity), from the real-time list
 * or this CPU's queue; take also looks at the other CPUs' queues when
 * there is none, and takes it off its list. NULL if none. */
struct task *smp_take_first_for_this_cpu(void);
struct task *smp_peek_first_for_this_cpu(void);

/* Puts `task` (just become ready, on no list) into `part` of the queue
 * of the CPU it runs on soonest (smp_sched.c), and makes that CPU look
 * at it: an idle CPU takes it, a busy one is preempted if the task
 * outranks what it runs (mlfq.h, rule 1), this CPU only if
 * `preempt_here`. */
void smp_make_ready(struct task *task, enum ready_part part, int preempt_here);

/* Every tick of a CPU that runs a task: if another CPU has two tasks or
 * more than this one (waiting and running), one of its waiting tasks
 * that may run here moves here. */
void smp_balance_tick(void);

/* `task`'s affinity has just changed: a ready task waiting on a CPU it
 * may no longer run on moves to one it may; one running there is told
 * to leave at its way out of the kernel. */
void smp_affinity_changed(struct task *task);

/* `task` got work for its way back to user mode (a signal, a
 * cancellation): if it runs on another CPU, that CPU is interrupted so
 * that it does the work now, not at its next tick. */
void smp_kick_running(struct task *task);

/* The reschedule message arrived (arch/x86/trap.c). */
void smp_reschedule_interrupt(void);

#endif

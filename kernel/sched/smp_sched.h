/* kernel/sched/smp_sched.h - what the scheduler does differently once
 * several CPUs take tasks from its ready lists (smp_sched.c,
 * docs/smp.md). Every function here runs with the kernel lock held (the
 * big kernel lock), and only while big_kernel_lock_in_use. */
#ifndef KERNEL_SCHED_SMP_SCHED_H
#define KERNEL_SCHED_SMP_SCHED_H

#include "task.h"

/* The task this CPU runs next: the first, in the policy's order
 * (ready.h), that may run here (its affinity), taken off its list or
 * left there; NULL if none. */
struct task *smp_take_first_for_this_cpu(void);
struct task *smp_peek_first_for_this_cpu(void);

/* `task` has just become ready, while `running` runs here: an idle CPU
 * where it may run takes it (this one at once, another by a reschedule
 * message); with none idle, it preempts the task it outranks, here or on
 * a CPU where it may run (mlfq.h, rule 1). */
void smp_place_ready_task(struct task *task, struct task *running);

/* `task` got work for its way back to user mode (a signal, a
 * cancellation): if it runs on another CPU, that CPU is interrupted so
 * that it does the work now, not at its next tick. */
void smp_kick_running(struct task *task);

/* The reschedule message arrived (arch/x86/trap.c). */
void smp_reschedule_interrupt(void);

#endif

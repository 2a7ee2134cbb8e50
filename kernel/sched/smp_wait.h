/* kernel/sched/smp_wait.h - blocking, waking and switching on several
 * CPUs without the big kernel lock (smp_wait.c). Called by the core only
 * while big_kernel_lock_in_use; arch/x86/smp_for_core.h has stand-ins
 * for a kernel without the subsystem "smp". */
#ifndef KERNEL_SCHED_SMP_WAIT_H
#define KERNEL_SCHED_SMP_WAIT_H

#include <stdint.h>

#include "task.h"

struct spinlock;
struct wait_queue;

/* The rest of schedule() on several CPUs, this CPU's run-queue lock held
 * (run_queue_lock.h): it is given back, by the task switched to if there
 * is a switch (scheduler_finish_switch). */
void smp_schedule_queue_locked(void);

/* block_task on several CPUs: the task is marked blocked under this
 * CPU's run-queue lock, so that a waker, which takes that lock, waits
 * until the task is off the CPU. */
void smp_block_task(const char *reason);

/* block_task for a waiter whose queue an object's spinlock protects
 * (wait_queue.h): `lock`, held, is given once the task is marked
 * blocked under its run queue's lock, so a waker, which takes `lock` and
 * then that run queue's lock, finds it blocked and waits until it is
 * off the CPU. Returns without `lock`. */
void block_task_giving(const char *reason, struct spinlock *lock);

/* The end of a task switch, in the task switched to (arch/x86/
 * switch_to_task.asm, switch_to_task_on_several_cpus). `previous` is off
 * the CPU: this CPU's run-queue lock, held across the switch, is given
 * back, and a task given away to another CPU's queue goes there
 * (smp_give_away); and the big kernel lock is taken or given to be as
 * this task had it when it left. Context: interrupts off, this CPU's
 * run-queue lock held. */
void scheduler_finish_switch(struct task *previous);

/* The queue `task` waits on (NULL: none), with that queue's lock taken
 * if it has one (*lock; it is the object's: wait_queue.h), else *lock
 * NULL. The caller acts on this queue, never on a second read of
 * task->waiting_on: a task found waiting on none may join a queue with a
 * lock just after (a wait without the big lock), under a lock not taken
 * here. For the wake-ups that find a task by itself, not by its queue
 * (a signal, a deadline). Context: the big kernel lock held, and the
 * queue in an object that the big lock or the lookups keep (sched/
 * lookup.h: the object is freed without the big lock only once the
 * lookups end, and this looks in one), never on a stack a task woken
 * without the big lock goes on using (sysv_sem_internal.h). */
struct wait_queue *wait_queue_of_task_locked(struct task *task, struct spinlock **lock);

/* wait_queue_sleep (interruptible, no deadline) in a call without the
 * big kernel lock, on a queue with a lock (wait_queue.h), which the
 * caller holds: it is given up once the task is asleep (no waker can
 * miss it: each takes the lock first) and held again on return. Work
 * pending (a signal) ends the wait at once with WAKE_INTERRUPTED, and
 * the caller goes the way that holds the big lock. */
int wait_queue_sleep_giving(struct wait_queue *queue, const char *reason);

#endif

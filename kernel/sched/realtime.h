/* kernel/sched/realtime.h - the real-time classes, SCHED_FIFO and SCHED_RR
 * (POSIX's sched(7)), above the multi-level feedback queue (mlfq.h).
 *
 * Every ready real-time task waits on one list, highest priority first,
 * and in arrival order within a priority:
 *
 *   rt_ready:  99 ... | 50 50 50 | 10 | ...  1
 *                       ^ front   ^ back of priority 50
 *   then the feedback queue's levels (mlfq.h): level 0, 1, 2
 *
 * The rules (POSIX's, as Linux has them):
 *   1  Any ready real-time task runs before every SCHED_OTHER task, and a
 *      higher priority before a lower one. One that becomes ready above
 *      the running task preempts it at once (at the end of the system
 *      call or interrupt that readied it, as the feedback queue's levels).
 *   2  A SCHED_FIFO task runs until it blocks, yields or is preempted. A
 *      task that wakes or yields goes to the back of its priority; a
 *      preempted one to the front, to go on first.
 *   3  SCHED_RR is SCHED_FIFO with a slice (SCHED_RR_SLICE_MS): when it is
 *      used up, the task goes to the back of its priority, so tasks of one
 *      priority take turns.
 *   4  Throttling (Linux's sched_rt_runtime_us = 950000 of a period of
 *      1000000), on each CPU for itself, as Linux counts each CPU's
 *      real-time run queue: in every period of RT_PERIOD_TICKS of a CPU,
 *      the real-time tasks it runs run at most RT_RUNTIME_TICKS. Past
 *      that, until its period ends, every SCHED_OTHER task waiting for
 *      that CPU ranks above them, so a runaway SCHED_FIFO spinner leaves
 *      the rest 50 ms of every second on each CPU (a shell to kill it).
 *      Unlike Linux, a throttled real-time task still runs when nothing
 *      else is ready, rather than leaving the CPU idle.
 * Real-time tasks are never charged to the feedback queue: they keep
 * level 0 and the boost passes them by.
 *
 * The subsystem sched_classes (kernel/subsystems/sched_classes.c,
 * PROFILE=full) has them; the core's scheduler asks through
 * realtime_for_core.h, which has stand-ins for a kernel without them.
 *
 * Caller holds the kernel lock for every function here. */
#ifndef KERNEL_SCHED_REALTIME_H
#define KERNEL_SCHED_REALTIME_H

#include <stdint.h>

#include "arch/x86/per_cpu.h"
#include "mlfq.h"
#include "task.h"
#include "uapi/sched.h"

#define RT_RR_SLICE_NS    (SCHED_RR_SLICE_MS * 1000000)   /* rule 3 */
#define RT_PERIOD_TICKS   1000                /* rule 4: the period, about a second */
#define RT_RUNTIME_TICKS  950                 /* ... and the real-time share of it */

/* Every ready real-time task, highest priority first (through `next`). */
extern struct ready_list rt_ready;

/* Rule 4: nonzero while the real-time tasks of this CPU have used up
 * its period's share. Context: interrupts off. */
static inline int rt_throttled_here(void)
{
    return this_cpu()->rt_throttled;
}

/* How many tasks are in a real-time class, running, ready or blocked.
 * While it is 0, schedule() asks the feedback queue alone (scheduler.c). */
extern uint32_t rt_task_count;

/* Rule 1 for two tasks of different rt_priority (0: SCHED_OTHER): does
 * `task` run before `other`? */
static inline int rt_outranks(const struct task *task, const struct task *other)
{
    if (rt_throttled_here() && (!task->rt_priority || !other->rt_priority))
        return !task->rt_priority;            /* rule 4: SCHED_OTHER first */
    return task->rt_priority > other->rt_priority;
}

/* Puts `task` at the back (rule 2: woken, yielded, slice over) or the
 * front (preempted) of its priority, and marks it ready. */
void rt_append(struct task *task);
void rt_push_front(struct task *task);

/* Takes a ready real-time task off rt_ready. */
void rt_remove(struct task *task);

/* Several CPUs: rt_ready has a lock of its own, taken inside a run
 * queue's (run_queue_lock.h): rt_append, rt_push_front and rt_remove
 * take it; a CPU that walks the list takes it around the walk, and
 * takes a task off with rt_remove_locked. While it is not held, the
 * list may change under a reader: only `rt_ready.first != 0`, as a
 * hint, is read without it. One CPU: the kernel lock is enough. */
void rt_list_lock(void);
void rt_list_unlock(void);
void rt_remove_locked(struct task *task);

/* The first task of rt_ready, taken off it (rt_ready.first must be set). */
static inline struct task *rt_take_first(void)
{
    struct task *task = rt_ready.first;
    rt_ready.first = task->next;
    if (!rt_ready.first)
        rt_ready.last = 0;
    return task;
}

/* ready_take_first and ready_peek_first (ready.h) while a real-time task
 * is ready: it comes first, unless throttled (rule 4). */
struct task *ready_take_first_with_real_time(void);
struct task *ready_peek_first_with_real_time(void);

/* Rules 3 and 4, at each tick of this CPU, once the tick has taken what
 * the running real-time `task` ran off its slice: charges the tick to
 * this CPU's real-time share, and returns 1 when its SCHED_RR slice is
 * used up (it has a new one and should go to the back of its priority).
 * Marks the running task for a switch while the share is used up and
 * another task waits for this CPU (throttling). */
int rt_charge_tick(struct task *task);

/* Rule 4: one tick of this CPU's period passed, with `running` on it;
 * ends its throttling at the period's end. */
void rt_period_tick(struct task *running);

/* Gives `task` (not on any ready list) the class `policy` with
 * `rt_priority` (0 for the non-real-time policies): a real-time task
 * starts a full SCHED_RR slice; one that leaves the real-time classes
 * starts the feedback queue at level 0 (mlfq_start_task). */
void rt_set_class(struct task *task, int policy, int rt_priority);

/* A new thread or forked child `task` (its feedback-queue state already
 * started) takes `parent`'s class, as on Linux, unless the parent asked
 * for SCHED_RESET_ON_FORK: then it stays SCHED_OTHER with a nice value of
 * at least 0. */
void rt_start_task(struct task *task, const struct task *parent);

/* The running `task` ends (terminate_task): it leaves rt_task_count. */
void rt_task_ends(struct task *task);

#endif

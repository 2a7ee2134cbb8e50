/* kernel/sched/ready.h - the ready lists as the mechanism (scheduler.c)
 * sees them: the real-time list first (realtime_for_core.h), then the feedback
 * queue's levels (mlfq.h). Each function asks which class a task is in
 * and hands it to that class's list; the usual case, no real-time task
 * anywhere, costs one test of rt_ready.first or of rt_priority. Inline:
 * every wake-up passes here. (schedule() calls them only while some task
 * is in a real-time class, rt_task_count: scheduler.c.) Caller holds the
 * kernel lock. */
#ifndef KERNEL_SCHED_READY_H
#define KERNEL_SCHED_READY_H

#include "mlfq.h"
#include "realtime_for_core.h"
#include "task.h"

/* Would `task` run before `other`? (realtime.h rules 1 and 4, then mlfq.h
 * rule 1; two real-time tasks of one priority are both at level 0.) */
static inline int ready_outranks(const struct task *task, const struct task *other)
{
    if (__builtin_expect(task->rt_priority == other->rt_priority, 1))
        return mlfq_outranks(task, other);
    return rt_outranks(task, other);
}

/* Puts `task` on its class's ready list: a real-time task at the back of
 * its priority, whatever `part`; any other into `part` of its level. */
static inline void ready_append(struct task *task, enum ready_part part)
{
    if (__builtin_expect(task->rt_priority != 0, 0))
        rt_append(task);
    else
        mlfq_append(task, part);
}

/* A preempted task goes first among its equals. */
static inline void ready_push_front(struct task *task)
{
    if (task->rt_priority)
        rt_push_front(task);
    else
        mlfq_push_front(task);
}

/* The task that runs next on this CPU, taken off its list; NULL if
 * nothing is ready here.
 * The usual case, no real-time task ready, tests one word more than the
 * feedback queue alone. */
static inline struct task *ready_take_first(void)
{
    if (__builtin_expect(rt_ready.first != 0, 0))
        return ready_take_first_with_real_time();
    return mlfq_take_first(mlfq_this_queue());
}

/* The task ready_take_first would take, left where it is. */
static inline struct task *ready_peek_first(void)
{
    if (__builtin_expect(rt_ready.first != 0, 0))
        return ready_peek_first_with_real_time();
    return mlfq_peek_first(mlfq_this_queue());
}

/* Takes a ready task off whichever list it is on. */
static inline void ready_remove(struct task *task)
{
    if (task->rt_priority)
        rt_remove(task);
    else
        mlfq_remove(task);
}

#endif

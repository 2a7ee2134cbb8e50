/* kernel/sched/ready.h - the ready lists as the mechanism (scheduler.c)
 * sees them: the real-time list first (realtime.h), then the feedback
 * queue's levels (mlfq.h). Each function asks which class a task is in
 * and hands it to that class's list; the usual case, no real-time task
 * anywhere, costs one test of rt_ready.first or of rt_priority. Inline:
 * every wake-up and switch passes here. Caller holds the scheduler lock. */
#ifndef KERNEL_SCHED_READY_H
#define KERNEL_SCHED_READY_H

#include "mlfq.h"
#include "realtime.h"
#include "task.h"

/* Would `task` run before `other`? (realtime.h rules 1 and 4, then mlfq.h
 * rule 1; two real-time tasks of one priority are both at level 0.) */
static inline int ready_outranks(const struct task *task, const struct task *other)
{
    if (task->rt_priority == other->rt_priority)
        return mlfq_outranks(task, other);
    return rt_outranks(task, other);
}

/* Puts `task` on its class's ready list: a real-time task at the back of
 * its priority, whatever `part`; any other into `part` of its level. */
static inline void ready_append(struct task *task, enum ready_part part)
{
    if (task->rt_priority)
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

/* The task that runs next, taken off its list; NULL if nothing is ready.
 * A throttled real-time task runs only when no other task is ready. */
static inline struct task *ready_take_first(void)
{
    if (rt_ready.first && !rt_throttled)
        return rt_take_first();
    struct task *task = mlfq_take_first();
    if (!task && rt_ready.first)
        return rt_take_first();
    return task;
}

/* The task ready_take_first would take, left where it is. */
static inline struct task *ready_peek_first(void)
{
    if (rt_ready.first && !rt_throttled)
        return rt_ready.first;
    struct task *task = mlfq_peek_first();
    return task ? task : rt_ready.first;
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

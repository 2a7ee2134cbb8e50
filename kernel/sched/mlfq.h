/* kernel/sched/mlfq.h - the scheduling policy: a multi-level feedback
 * queue (Arpaci-Dusseau, "Operating Systems: Three Easy Pieces", ch. 8).
 *
 * The tutorial's mechanism (scheduler.c) asks the policy two questions:
 * where does a task that becomes ready wait, and which ready task runs
 * next. The answer is a set of ready lists, two per level:
 *
 *              woken part            turn part
 *   level 0  | W W          |      | T T T        |   <- new tasks; every task at a boost
 *   level 1  |              |      | T            |
 *   level 2  | W            |      | T T          |   (the bottom)
 *
 * The rules (OSTEP's numbering, and one of ours, 2b):
 *   1  A ready task of a higher level (a smaller number) runs before one
 *      of a lower level. A task that becomes ready at a higher level than
 *      the running task's takes the CPU at once: at the end of the system
 *      call or interrupt that readied it (wake-up preemption).
 *   2  Tasks of one level take turns (round robin): a task whose slice
 *      ends, or that yields, goes to the back of its level.
 *   2b Within a level, tasks that come back from a wait (or were
 *      preempted by a higher level) go before tasks waiting for a new
 *      turn: they still have slice left and usually use little of it.
 *      This is what keeps a pipe or message partner fast while CPU-bound
 *      tasks share its level.
 *   3  A new task starts at level 0.
 *   4  A task's slice at a level counts all the time it ran there,
 *      across any number of waits; when it is used up, the task moves
 *      down one level (at the bottom it stays) with a new slice. Blocking
 *      just before the slice ends does not keep a task up.
 *   5  Every MLFQ_BOOST_TICKS, every task goes back to level 0 (the
 *      boost): nothing waits forever behind a stream of new tasks, and a
 *      task that turned interactive climbs back.
 *   Nice: a slice is MLFQ_SLICE_NS x (20 - nice) / 20 (at least
 *   MLFQ_SLICE_MIN_NS) at every level: 10 ms at nice 0, 5 at nice 10,
 *   1 at nice 19, 20 at nice -20. CPU-bound tasks at one level share the
 *   CPU in the ratio of their slices (nice 0 gets twice what nice 10 gets).
 *
 * Time is measured: each switch charges the task leaving what it ran,
 * read from the time-stamp counter (switch.h: charge_switch); each
 * clock tick takes what the running task ran since the last tick that
 * found it off its slice (scheduler.c: charge_running_task) and sees
 * whether the slice is over (mlfq_slice_over). So a slice ends at the first tick
 * after it is used up. The lists are the hot path of every wake-up and
 * switch, so their operations are inline here; the rest is mlfq.c.
 * Caller holds the kernel lock for every function here. */
#ifndef KERNEL_SCHED_MLFQ_H
#define KERNEL_SCHED_MLFQ_H

#include <stdint.h>

#include "task.h"

#define MLFQ_LEVELS 3
#define MLFQ_SLICE_NS 10000000       /* a nice 0 task's slice: 10 ms, at every level */
#define MLFQ_SLICE_MIN_NS 1000000    /* nice 19's: 1 ms */
#define MLFQ_BOOST_TICKS 1000         /* rule 5: about a second */
#define NICE_MIN (-20)
#define NICE_MAX 19

enum ready_part {
    READY_WOKEN = 0,                  /* rule 2b: back from a wait, slice left */
    READY_TURN = 1,                   /* rule 2: waiting for a new turn */
};

#define MLFQ_READY_LISTS (MLFQ_LEVELS * 2)

/* A FIFO of ready tasks, linked through task->next. */
struct ready_list {
    struct task *first, *last;
};

/* One CPU's ready lists (each CPU has its own: docs/smp.md, "Run
 * queues"). List 2 * level + part: in priority order, so the first
 * non-empty list holds the next task to run. Looking at six list heads in
 * turn is cheap, and the usual case, a woken task at level 0, is found in
 * the first. `count` is how many tasks wait on them (the balancer's
 * measure, smp_sched.c). A cache line each: one CPU's queue shares no
 * line with another's, and finding task->cpu's is a shift. */
struct mlfq_queue {
    struct ready_list lists[MLFQ_READY_LISTS];
    uint32_t count;
    volatile uint32_t lock;           /* several CPUs: run_queue_lock.h */
} __attribute__((aligned(64)));

/* Queue n belongs to CPU n; a ready task waits on task->cpu's. */
extern struct mlfq_queue mlfq_queues[CPU_MAX];

/* The queue `task` waits on, or would wait on if made ready now. */
static inline struct mlfq_queue *mlfq_queue_of(const struct task *task)
{
    return &mlfq_queues[task->cpu];
}

/* This CPU's queue. Context: interrupts off (per_cpu.h). */
static inline struct mlfq_queue *mlfq_this_queue(void)
{
    return &mlfq_queues[this_cpu()->index];
}

/* Rule 1: would `task` run before `other`? */
static inline int mlfq_outranks(const struct task *task, const struct task *other)
{
    // LAB(scheduler) BEGIN: rule 1: a higher level (a smaller number) runs first
    return task->level < other->level;
    // LAB(scheduler) STUB
    // (void)task;
    // (void)other;
    // return 0;                         /* one level: nobody outranks anybody */
    // LAB(scheduler) END
}

/* Puts `task` at the back of `part` of its level in `queue` (that of its
 * CPU, task->cpu) and marks it ready. */
static inline void mlfq_append_to(struct mlfq_queue *queue, struct task *task, enum ready_part part)
{
    struct ready_list *list = &queue->lists[2u * task->level + part];
    queue->count++;
    task->state = TASK_READY;
    task->next = 0;
    if (list->last)
        list->last->next = task;
    else
        list->first = task;
    list->last = task;
}

/* The same, in the queue of task->cpu. */
static inline void mlfq_append(struct task *task, enum ready_part part)
{
    mlfq_append_to(mlfq_queue_of(task), task, part);
}

/* The task that runs next (rules 1, 2, 2b) from `queue`, taken off its
 * list; NULL if nothing is ready there. */
static inline struct task *mlfq_take_first(struct mlfq_queue *queue)
{
    // LAB(scheduler) BEGIN: rules 1, 2 and 2b: the first task of the highest level, woken part first
    for (struct ready_list *list = queue->lists; list < queue->lists + MLFQ_READY_LISTS; list++) {
        struct task *task = list->first;
        if (task) {
            list->first = task->next;
            if (!list->first)
                list->last = 0;
            queue->count--;
            return task;
        }
    }
    return 0;
    // LAB(scheduler) STUB
    // /* round robin on one level: level 0's lists only (the stubs below
    //  * never move a task off level 0) */
    // for (struct ready_list *list = queue->lists; list < queue->lists + 2; list++) {
    //     struct task *task = list->first;
    //     if (task) {
    //         list->first = task->next;
    //         if (!list->first)
    //             list->last = 0;
    //         queue->count--;
    //         return task;
    //     }
    // }
    // return 0;
    // LAB(scheduler) END
}

/* The task mlfq_take_first would take, left where it is. */
static inline struct task *mlfq_peek_first(const struct mlfq_queue *queue)
{
    // LAB(scheduler) BEGIN: the same choice as mlfq_take_first, without taking it
    for (const struct ready_list *list = queue->lists; list < queue->lists + MLFQ_READY_LISTS; list++)
        if (list->first)
            return list->first;
    return 0;
    // LAB(scheduler) STUB
    // return queue->lists[0].first ? queue->lists[0].first : queue->lists[1].first;   /* level 0 only */
    // LAB(scheduler) END
}

/* A preempted task (rule 1) goes first in its level: it had the CPU and
 * gets it back as soon as no higher level has anything ready (as POSIX
 * says for a preempted thread). */
void mlfq_push_front(struct task *task);

/* Takes a ready task off whichever list of its queue it is on. */
void mlfq_remove(struct task *task);

/* Rule 3: a new task starts at level 0 with a full slice; `nice` is its
 * parent's (fork) or 0 (kernel tasks). */
void mlfq_start_task(struct task *task, int nice);

/* Rule 4, at each tick, once the tick has taken what the
 * running `task` ran off its slice: returns 1 when the slice is used up:
 * it has moved down a level (unless at the bottom) with a new slice, and
 * should go to the back of its level. */
int mlfq_slice_over(struct task *task);

/* Rule 5: every task to level 0 with a full slice; in each CPU's queue
 * the ready lists keep their order, level 0's first. */
void mlfq_boost(void);

/* The slice, in nanoseconds, of a task with `nice` (Nice above). */
int32_t mlfq_slice_ns(int nice);

/* Sets `task`'s nice value (already clamped to NICE_MIN..NICE_MAX); its
 * slice left shrinks to the new length if that is shorter. */
void mlfq_set_nice(struct task *task, int nice);

#endif

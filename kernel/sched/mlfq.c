/* kernel/sched/mlfq.c - the multi-level feedback queue's rules that are
 * not on the hot path: slices and nice, a used-up slice (rule 4), the
 * boost (rule 5), and the rare list operations. The picture and the rules:
 * mlfq.h; how the mechanism calls them: scheduler.c. */
#include "mlfq.h"

#include "kernel/panic.h"
#include "scheduler.h"
#include "switch.h"

struct mlfq_queue mlfq_queues[CPU_MAX];

int32_t mlfq_slice_ns(int nice)
{
    int32_t ns = MLFQ_SLICE_NS / 20 * (20 - nice);
    return ns >= MLFQ_SLICE_MIN_NS ? ns : MLFQ_SLICE_MIN_NS;
}

void mlfq_start_task(struct task *task, int nice)
{
    task->nice = (int8_t)nice;
    task->level = 0;
    task->slice_ns_left = mlfq_slice_ns(nice);
}

void mlfq_set_nice(struct task *task, int nice)
{
    task->nice = (int8_t)nice;
    if (task->rt_priority)
        return;                      /* its slice is the real-time class's (realtime.h) */
    int32_t slice = mlfq_slice_ns(nice);
    if (task->slice_ns_left > slice)
        task->slice_ns_left = slice;
}

int mlfq_slice_over(struct task *task)
{
    // LAB(scheduler) BEGIN: rule 4: a used-up slice moves the task down a level, with a new slice
    if (task->slice_ns_left > 0)
        return 0;
    if (task->level < MLFQ_LEVELS - 1)
        task->level++;
    task->slice_ns_left = mlfq_slice_ns(task->nice);
    return 1;
    // LAB(scheduler) STUB
    // /* round robin: a used-up slice ends the turn, the level stays 0 */
    // if (task->slice_ns_left > 0)
    //     return 0;
    // task->slice_ns_left = mlfq_slice_ns(task->nice);
    // return 1;
    // LAB(scheduler) END
}

void mlfq_push_front(struct task *task)
{
    struct mlfq_queue *queue = mlfq_queue_of(task);
    struct ready_list *list = &queue->lists[2u * task->level + READY_WOKEN];
    queue->count++;
    task->state = TASK_READY;
    task->next = list->first;
    list->first = task;
    if (!list->last)
        list->last = task;
}

void mlfq_remove(struct task *task)
{
    struct mlfq_queue *queue = mlfq_queue_of(task);
    for (unsigned part = 0; part < 2; part++) {
        struct ready_list *list = &queue->lists[2u * task->level + part];
        struct task *previous = 0;
        for (struct task *t = list->first; t; previous = t, t = t->next) {
            if (t != task)
                continue;
            if (previous)
                previous->next = t->next;
            else
                list->first = t->next;
            if (list->last == t)
                list->last = previous;
            task->next = 0;
            queue->count--;
            return;
        }
    }
    panic("mlfq_remove: task %u is on no ready list of level %u", task->id, task->level);
}

// LAB(scheduler) BEGIN: rule 5: every task back to level 0 with a full slice, the lists in order
/* Moves every task of list `from` to the back of list `to`, in order. */
static void move_list(struct ready_list *from, struct ready_list *to)
{
    if (!from->first)
        return;
    if (to->last)
        to->last->next = from->first;
    else
        to->first = from->first;
    to->last = from->last;
    from->first = from->last = 0;
}

void mlfq_boost(void)
{
    ASSERT(kernel_lock_held());
    for (struct task *task = all_tasks; task; task = task->all_next) {
        if (task->rt_priority)
            continue;                /* real-time tasks are not in the queue (realtime.h) */
        task->level = 0;
        task->slice_ns_left = mlfq_slice_ns(task->nice);
        task->slice_charged_timestamps = task_ran_timestamps(task->ran_timestamps, (int64_t)cpu_read_timestamp());
    }
    for (struct mlfq_queue *queue = mlfq_queues; queue < mlfq_queues + CPU_MAX; queue++)
        for (unsigned index = 2; index < MLFQ_READY_LISTS; index++)
            move_list(&queue->lists[index], &queue->lists[index % 2]);
}
// LAB(scheduler) STUB
// void mlfq_boost(void)
// {
//     /* one level: nothing to lift */
// }
// LAB(scheduler) END

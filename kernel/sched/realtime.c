/* kernel/sched/realtime.c - the real-time classes' list, slices and
 * throttling. The picture and the rules: realtime.h; how the mechanism
 * reaches them: ready.h and scheduler.c; the system calls:
 * class_syscalls.c. */
#include "realtime.h"

#include "kernel/panic.h"
#include "ready.h"
#include "run_queue_lock.h"
#include "scheduler.h"

struct ready_list rt_ready;
uint32_t rt_task_count;
static volatile uint32_t rt_lock_word;   /* several CPUs: realtime.h, rt_list_lock */

void rt_list_lock(void)
{
#ifdef LOCK_CHECK
    lock_check_scheduler_take(LOCK_CHECK_RT_LOCK, 0);
#endif
    run_queue_spin(&rt_lock_word);
}

void rt_list_unlock(void)
{
#ifdef LOCK_CHECK
    lock_check_scheduler_give(LOCK_CHECK_RT_LOCK);
#endif
    __atomic_store_n(&rt_lock_word, 0, __ATOMIC_RELEASE);
}

/* Links `task` into rt_ready after `previous` (NULL: first). */
static void insert_after(struct task *previous, struct task *task)
{
    task->state = TASK_READY;
    if (previous) {
        task->next = previous->next;
        previous->next = task;
    } else {
        task->next = rt_ready.first;
        rt_ready.first = task;
    }
    if (rt_ready.last == previous)
        rt_ready.last = task;
}

void rt_append(struct task *task)
{
    int smp = big_kernel_lock_in_use != 0;
    if (smp)
        rt_list_lock();
    struct task *previous = 0;
    for (struct task *t = rt_ready.first; t && t->rt_priority >= task->rt_priority; t = t->next)
        previous = t;
    insert_after(previous, task);
    if (smp)
        rt_list_unlock();
}

void rt_push_front(struct task *task)
{
    int smp = big_kernel_lock_in_use != 0;
    if (smp)
        rt_list_lock();
    struct task *previous = 0;
    for (struct task *t = rt_ready.first; t && t->rt_priority > task->rt_priority; t = t->next)
        previous = t;
    insert_after(previous, task);
    if (smp)
        rt_list_unlock();
}

void rt_remove(struct task *task)
{
    int smp = big_kernel_lock_in_use != 0;
    if (smp)
        rt_list_lock();
    rt_remove_locked(task);
    if (smp)
        rt_list_unlock();
}

void rt_remove_locked(struct task *task)
{
    struct task *previous = 0;
    for (struct task *t = rt_ready.first; t; previous = t, t = t->next) {
        if (t != task)
            continue;
        if (previous)
            previous->next = t->next;
        else
            rt_ready.first = t->next;
        if (rt_ready.last == t)
            rt_ready.last = previous;
        task->next = 0;
        return;
    }
    panic("rt_remove: task %u is not on the real-time ready list", task->id);
}

/* A throttled real-time task runs only when no other task is ready. */
struct task *ready_take_first_with_real_time(void)
{
    if (!rt_throttled_here())
        return rt_take_first();
    struct task *task = mlfq_take_first(mlfq_this_queue());
    return task ? task : rt_take_first();
}

struct task *ready_peek_first_with_real_time(void)
{
    if (!rt_throttled_here())
        return rt_ready.first;
    struct task *task = mlfq_peek_first(mlfq_this_queue());
    return task ? task : rt_ready.first;
}

int rt_charge_tick(struct task *task)
{
    struct cpu *cpu = this_cpu();
    if (++cpu->rt_runtime_used >= RT_RUNTIME_TICKS)
        cpu->rt_throttled = 1;               /* rule 4: the other tasks' turn */
    /* at every tick while throttled, not once: a task may come to wait
     * here later in the period (woken, moved by its affinity) */
    if (cpu->rt_throttled && mlfq_this_queue()->count)
        task_work_set(task, TASK_WORK_RESCHEDULE);
    if (task->policy != SCHED_RR || task->slice_ns_left > 0)
        return 0;
    task->slice_ns_left = RT_RR_SLICE_NS;   /* rule 3 */
    return 1;
}

void rt_period_tick(struct task *running)
{
    struct cpu *cpu = this_cpu();
    if (++cpu->rt_period_ticks < RT_PERIOD_TICKS)
        return;
    cpu->rt_period_ticks = 0;
    cpu->rt_runtime_used = 0;
    if (!cpu->rt_throttled)
        return;
    cpu->rt_throttled = 0;                   /* real-time tasks rank first again */
    /* a real-time task waits (read as a hint: schedule decides under the
     * list's lock): the task that ran in its place goes back */
    if (__atomic_load_n(&rt_ready.first, __ATOMIC_RELAXED) && !running->rt_priority)
        task_work_set(running, TASK_WORK_RESCHEDULE);
}

void rt_set_class(struct task *task, int policy, int rt_priority)
{
    int was_real_time = task->rt_priority != 0;
    rt_task_count += (rt_priority != 0) - was_real_time;
    task->policy = (uint8_t)policy;
    task->rt_priority = (uint8_t)rt_priority;
    if (rt_priority) {
        task->level = 0;                     /* two real-time tasks compare by priority alone */
        task->slice_ns_left = RT_RR_SLICE_NS;
    } else if (was_real_time) {
        mlfq_start_task(task, task->nice);   /* back into the feedback queue at the top */
    }
}

void rt_start_task(struct task *task, const struct task *parent)
{
    if (parent->reset_on_fork) {             /* SCHED_RESET_ON_FORK: as a new task, nice >= 0 */
        if (task->nice < 0)
            mlfq_start_task(task, 0);
        return;
    }
    if (parent->policy != SCHED_OTHER)
        rt_set_class(task, parent->policy, parent->rt_priority);
}

void rt_task_ends(struct task *task)
{
    if (task->rt_priority)
        rt_task_count--;
}

/* kernel/sched/smp_sched.c - a run queue per CPU (mlfq.h's struct
 * mlfq_queue), and the moves between them (docs/smp.md, "Run queues").
 *
 * Each CPU has its own feedback queue: it takes its next task from it
 * alone, with the policy's rules unchanged, and a task that waits stays
 * on the queue of the CPU it will run on (task->cpu). Real-time tasks
 * keep one list for the machine (realtime.h): there are few, and their
 * strict priority order is easiest kept in one place. Tasks move between
 * queues at four moments:
 *   - a task becomes ready (smp_wake): to the CPU it last ran on
 *     if that one is idle (its cache may still hold the task's data),
 *     else to any idle CPU, else back to the one it last ran on (or, if
 *     its waker asked, wake_onto_waker, to the waker's own CPU); the
 *     CPU chosen is told by a reschedule message when it is idle or the
 *     task outranks what it runs (mlfq.h, rule 1);
 *   - a CPU finds nothing on its queue: it takes the first task it may
 *     run from the queue with the most tasks (steal_for);
 *   - an idle CPU looks again at every tick of its timer;
 *   - a busy CPU, at every tick, pulls one task from a CPU with two or
 *     more tasks more than it has, counting the running ones
 *     (smp_balance_tick): two spinners that found themselves on one CPU
 *     end up one on each.
 * Affinity (affinity.c) bounds every move: a task goes only to a CPU its
 * mask names. Every function here runs with interrupts off, and only
 * while big_kernel_lock_in_use; each takes the run-queue locks it needs
 * or says which it expects held (run_queue_lock.h), and none needs the
 * big kernel lock: a pipe's wake-up and wait come here without it. */
#include "smp_sched.h"

#include "arch/x86/local_apic.h"
#include "arch/x86/trap.h"
#include "ready.h"
#include "run_queue_lock.h"
#include "scheduler.h"

uint32_t smp_migration_count;

static int is_idle(const struct cpu *cpu)
{
    return cpu->current == cpu->idle;
}

/* What a CPU has to do: the tasks on its queue, and the one it runs. */
static uint32_t load_of(uint32_t index)
{
    return mlfq_queues[index].count + !is_idle(&cpus[index]);
}

static struct task *first_allowed(const struct ready_list *list, uint32_t mask)
{
    for (struct task *task = list->first; task; task = task->next)
        if (task->cpu_affinity & mask)
            return task;
    return 0;
}

/* The first task of `queue`, in the policy's order, that may run on a
 * CPU of `mask`; NULL if none. */
static struct task *queue_first_allowed(const struct mlfq_queue *queue, uint32_t mask)
{
    if (!queue->count)
        return 0;
    for (int list = 0; list < MLFQ_READY_LISTS; list++) {
        struct task *task = first_allowed(&queue->lists[list], mask);
        if (task)
            return task;
    }
    return 0;
}

static struct task *steal_for(const struct cpu *here);

/* The first real-time task that may run here: allowed by `mask`, and
 * not still leaving another CPU (a running real-time task goes back on
 * the list before its switch away ends: task.h, on_cpu). */
static struct task *first_real_time_allowed(uint32_t mask)
{
    struct task *self = current_task;
    for (struct task *task = rt_ready.first; task; task = task->next)
        if ((task->cpu_affinity & mask) && (!task->on_cpu || task == self))
            return task;
    return 0;
}

/* The first task, in the policy's order, that may run on this CPU
 * (`mask`): of the real-time list, if `listed` (its lock held then), or
 * of this CPU's queue. `listed` is the caller's look at the list before
 * it took the lock or not: a task listed since, without the lock, is not
 * this call's to read (the CPU told of it takes it). */
static struct task *first_for(const struct mlfq_queue *own, uint32_t mask, int listed, struct task **real_time)
{
    *real_time = listed && rt_ready.first ? first_real_time_allowed(mask) : 0;
    if (*real_time && !rt_throttled_here())
        return *real_time;                      /* realtime.h, rules 1 and 4 */
    struct task *task = queue_first_allowed(own, mask);
    return task ? task : *real_time;
}

int smp_first_outranks(const struct task *than)
{
    struct cpu *here = this_cpu();
    int hint = __atomic_load_n(&rt_ready.first, __ATOMIC_RELAXED) != 0;
    if (hint)
        rt_list_lock();
    struct task *real_time, *task = first_for(&mlfq_queues[here->index], 1u << here->index, hint, &real_time);
    int outranks = task && ready_outranks(task, than);
    if (hint)
        rt_list_unlock();
    return outranks;
}

struct task *smp_take_first_outranking(const struct task *than)
{
    struct cpu *here = this_cpu();
    int hint = __atomic_load_n(&rt_ready.first, __ATOMIC_RELAXED) != 0;
    if (hint)
        rt_list_lock();
    struct task *real_time, *task = first_for(&mlfq_queues[here->index], 1u << here->index, hint, &real_time);
    if (task && (!than || ready_outranks(task, than))) {
        if (task == real_time)
            rt_remove_locked(task);
        else
            mlfq_remove(task);
    } else {
        task = 0;
    }
    if (hint)
        rt_list_unlock();
    if (!task && !than)
        task = steal_for(here);                 /* nothing here: work from a busier CPU */
    return task;
}

/* Takes a task that may run on `here` off the queue of another CPU, the
 * one with the most tasks waiting; NULL if no queue has one (or its lock
 * is busy: this CPU holds its own, and takes no second one but by
 * trying). The task is on no queue afterwards, its CPU `here`. */
static struct task *steal_for(const struct cpu *here)
{
    uint32_t mask = 1u << here->index, most = 0;
    int victim = -1;
    for (int index = 0; index < cpu_count; index++) {
        uint32_t count = __atomic_load_n(&mlfq_queues[index].count, __ATOMIC_RELAXED);
        if (index != (int)here->index && count > most) {
            victim = index;
            most = count;
        }
    }
    if (victim < 0 || !run_queue_try_lock((uint32_t)victim))
        return 0;
    struct task *found = queue_first_allowed(&mlfq_queues[victim], mask);
    if (found) {
        mlfq_remove(found);
        found->cpu = here->index;
        smp_migration_count++;
    }
    run_queue_unlock((uint32_t)victim);
    return found;
}

/* The CPU `task`, becoming ready, should wait on (the order above): its
 * last CPU if idle, else the first idle one, else its last CPU, else (its
 * affinity no longer allows that one) the least loaded it may run on.
 * The loads are read without their locks: a guess, as any is a moment
 * later. */
static uint32_t choose_cpu(const struct task *task)
{
    uint32_t allowed = task->cpu_affinity & ((1u << cpu_count) - 1), last = task->cpu;
    int last_allowed = last < (uint32_t)cpu_count && (allowed >> last & 1);
    if (last_allowed && load_of(last) == 0)
        return last;                            /* idle, nothing waiting: cache still warm */
    uint32_t least = last, least_load = ~0u;
    for (uint32_t index = 0; index < (uint32_t)cpu_count; index++) {
        uint32_t load = (allowed >> index & 1) ? load_of(index) : ~0u;
        if (load == 0)
            return index;                       /* another idle one */
        if (load < least_load) {
            least = index;
            least_load = load;
        }
    }
    return last_allowed ? last : least;
}

static void send_reschedule(struct cpu *cpu)
{
    cpu->reschedule_sent = 1;
    local_apic_send_interrupt(cpu->apic_id, RESCHEDULE_VECTOR);
}

/* Asks `task`, running somewhere, to switch at its way out of the kernel. */
static inline void note_reschedule(struct task *task)
{
    task_work_set(task, TASK_WORK_RESCHEDULE);
}

/* `task` waits on `target`'s queue: make that CPU look at it if it is
 * idle, or if the task outranks what it runs. Returns 1 if that CPU is
 * this one and idle: the caller, its locks given back, calls schedule().
 * A busy CPU switches at its way out of the kernel; `preempt_here` 0
 * leaves this CPU's running task alone (a new task, a task this CPU
 * gives up). */
static int tell_cpu(struct cpu *target, struct task *task, int preempt_here)
{
    struct task *running = target->current;
    if (target == this_cpu()) {
        if (!preempt_here)
            return 0;
        if (running == target->idle)
            return 1;
        if (ready_outranks(task, running))
            note_reschedule(running);
        return 0;
    }
    if (running == target->idle) {
        if (!target->reschedule_sent)
            send_reschedule(target);            /* an idle CPU: it takes it */
    } else if (ready_outranks(task, running)) {
        note_reschedule(running);
        send_reschedule(target);
    }
    return 0;
}

/* Takes the lock of `to`, the CPU named for a task on no queue for a
 * moment (TASK_WAKING: smp_wake, smp_give_away), and returns the CPU
 * whose lock it holds: `to`, or another one the task's mask allows, if
 * that mask changed meanwhile. smp_affinity_changed passes a waking task
 * over, since no queue holds it; the mask is written before it takes
 * every lock, so once `to`'s is held here, a change it passed over shows. */
static uint32_t lock_waking_target(struct task *task, uint32_t to)
{
    run_queue_lock(to);
    while (__builtin_expect(!(task->cpu_affinity >> to & 1), 0)) {
        uint32_t again = choose_cpu(task);
        task->cpu = again;                      /* under the lock of the CPU it named */
        run_queue_unlock(to);
        run_queue_lock(again);
        to = again;
    }
    return to;
}

int smp_wake(struct task *task, enum ready_part part, int preempt_here)
{
    uint32_t from = run_queue_lock_task(task);  /* a task still leaving its CPU holds this */
    uint32_t here = this_cpu_index();
    int onto_waker = 0;
    if (task->wake_onto_waker) {                /* its waker asked (task.h) */
        onto_waker = task->cpu_affinity >> here & 1;
        task->wake_onto_waker = 0;
    }
    if (task->state != TASK_BLOCKED) {
        run_queue_unlock(from);                 /* ready, running, or being woken already */
        return 0;
    }
    task->wait_reason = 0;
    uint32_t to = onto_waker ? here : choose_cpu(task);
    if (to != from) {
        task->state = TASK_WAKING;              /* on no queue for a moment: nobody wakes it twice */
        task->cpu = to;                         /* under the lock of the CPU it named */
        run_queue_unlock(from);
        to = lock_waking_target(task, to);
        smp_migration_count++;
    }
    ready_append(task, part);
    int schedule_here = tell_cpu(&cpus[to], task, preempt_here);
    run_queue_unlock(to);
    if (schedule_here)
        schedule();                             /* this CPU was idle: the woken task runs now */
    return 1;
}

void smp_give_away(struct task *task)
{
    uint32_t allowed = task->cpu_affinity & ((1u << cpu_count) - 1);
    uint32_t to = allowed ? (uint32_t)__builtin_ctz(allowed) : this_cpu_index();
    task->state = TASK_WAKING;                  /* on no queue until it is off this CPU */
    task->cpu = to;                             /* this CPU's lock held: it named this one */
    smp_migration_count++;
}

void smp_give_away_finish(struct task *task)
{
    uint32_t to = lock_waking_target(task, task->cpu);
    ready_append(task, READY_TURN);
    tell_cpu(&cpus[to], task, 0);
    run_queue_unlock(to);
}

void smp_balance_tick(void)
{
    struct cpu *here = this_cpu();
    uint32_t mine = load_of(here->index), busiest = here->index, most = mine;
    for (uint32_t index = 0; index < (uint32_t)cpu_count; index++) {
        uint32_t load = load_of(index);
        if (index != here->index && load > most && mlfq_queues[index].count) {
            busiest = index;
            most = load;
        }
    }
    if (most < mine + 2)
        return;                                 /* moving one would not even them out */
    run_queue_lock(here->index);
    if (!run_queue_try_lock(busiest)) {
        run_queue_unlock(here->index);
        return;                                 /* busy: at the next tick */
    }
    struct task *task = queue_first_allowed(&mlfq_queues[busiest], 1u << here->index);
    if (task) {
        mlfq_remove(task);
        task->cpu = here->index;
        smp_migration_count++;
        ready_append(task, READY_TURN);
        if (ready_outranks(task, here->current))
            note_reschedule(here->current);
    }
    run_queue_unlock(busiest);
    run_queue_unlock(here->index);
}

void smp_affinity_changed(struct task *task)
{
    run_queue_lock_all();
    if (task->state == TASK_READY && !task->rt_priority && !(task->cpu_affinity >> task->cpu & 1)) {
        ready_remove(task);
        task->cpu = choose_cpu(task);
        smp_migration_count++;
        ready_append(task, READY_TURN);
        tell_cpu(&cpus[task->cpu], task, 0);
    } else if (task->state == TASK_RUNNING && task != current_task && !(task->cpu_affinity >> task->cpu & 1)) {
        note_reschedule(task);
        send_reschedule(&cpus[task->cpu]);     /* it leaves that CPU at its way out of the kernel */
    }
    run_queue_unlock_all();
}

void smp_kick_running(struct task *task)
{
    if (task->state == TASK_RUNNING && task != current_task)
        local_apic_send_interrupt(cpus[task->cpu].apic_id, RESCHEDULE_VECTOR);
}

void smp_reschedule_interrupt(void)
{
    struct cpu *here = this_cpu();
    here->reschedule_sent = 0;
    struct task *running = current_task;
    if (running == here->idle) {
        schedule();
        return;
    }
    run_queue_lock(here->index);
    if (smp_first_outranks(running))
        note_reschedule(running);
    run_queue_unlock(here->index);
}

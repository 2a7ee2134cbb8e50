/* kernel/sched/smp_sched.c - a run queue per CPU (mlfq.h's struct
 * mlfq_queue), and the moves between them (docs/smp.md, "Run queues").
 *
 * Each CPU has its own feedback queue: it takes its next task from it
 * alone, with the policy's rules unchanged, and a task that waits stays
 * on the queue of the CPU it will run on (task->cpu). Real-time tasks
 * keep one list for the machine (realtime.h): there are few, and their
 * strict priority order is easiest kept in one place. Tasks move between
 * queues at four moments:
 *   - a task becomes ready (smp_make_ready): to the CPU it last ran on
 *     if that one is idle (its cache may still hold the task's data),
 *     else to any idle CPU, else back to the one it last ran on; the
 *     CPU chosen is told by a reschedule message when it is idle or the
 *     task outranks what it runs (mlfq.h, rule 1);
 *   - a CPU finds nothing on its queue: it takes the first task it may
 *     run from the queue with the most tasks (smp_take_first_for_this_cpu);
 *   - an idle CPU looks again at every tick of its timer;
 *   - a busy CPU, at every tick, pulls one task from a CPU with two or
 *     more tasks more than it has, counting the running ones
 *     (smp_balance_tick): two spinners that found themselves on one CPU
 *     end up one on each.
 * Affinity (affinity.c) bounds every move: a task goes only to a CPU its
 * mask names. Every function here runs with the kernel lock held (the
 * big kernel lock), and only while big_kernel_lock_in_use. */
#include "smp_sched.h"

#include "arch/x86/local_apic.h"
#include "arch/x86/trap.h"
#include "ready.h"
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

struct task *smp_peek_first_for_this_cpu(void)
{
    uint32_t mask = 1u << this_cpu()->index;
    struct task *real_time = rt_ready.first ? first_allowed(&rt_ready, mask) : 0;
    if (real_time && !rt_throttled)
        return real_time;                       /* realtime.h, rules 1 and 4 */
    struct task *task = queue_first_allowed(mlfq_this_queue(), mask);
    return task ? task : real_time;
}

/* Takes a task that may run on `here` off the queue of another CPU, the
 * one with the most tasks waiting; NULL if no queue has one. The task
 * is on no queue afterwards, its CPU `here`. */
static struct task *steal_for(const struct cpu *here)
{
    uint32_t mask = 1u << here->index, most = 0;
    struct task *found = 0;
    for (int index = 0; index < cpu_count; index++) {
        const struct mlfq_queue *queue = &mlfq_queues[index];
        if (index == (int)here->index || queue->count <= most)
            continue;
        struct task *task = queue_first_allowed(queue, mask);
        if (task) {
            found = task;
            most = queue->count;
        }
    }
    if (found) {
        mlfq_remove(found);
        found->cpu = here->index;
        smp_migration_count++;
    }
    return found;
}

struct task *smp_take_first_for_this_cpu(void)
{
    struct task *task = smp_peek_first_for_this_cpu();
    if (task) {
        ready_remove(task);
        return task;
    }
    return steal_for(this_cpu());               /* nothing here: work from a busier CPU */
}

/* The CPU `task`, becoming ready, should wait on (the order above): its
 * last CPU if idle, else the first idle one, else its last CPU, else (its
 * affinity no longer allows that one) the least loaded it may run on. */
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

/* `task` waits on `target`'s queue: make that CPU look at it if it is
 * idle, or if the task outranks what it runs. Here, an idle CPU switches
 * at once, a busy one at its way out of the kernel; `preempt_here` 0
 * leaves this CPU's running task alone (a new task, a task this CPU
 * gives up). */
static void tell_cpu(struct cpu *target, struct task *task, int preempt_here)
{
    struct task *running = target->current;
    if (target == this_cpu()) {
        if (!preempt_here)
            return;
        if (running == target->idle)
            schedule();
        else if (ready_outranks(task, running))
            running->user_work_pending |= TASK_WORK_RESCHEDULE;
        return;
    }
    if (running == target->idle) {
        if (!target->reschedule_sent)
            send_reschedule(target);            /* an idle CPU: it takes it */
    } else if (ready_outranks(task, running)) {
        running->user_work_pending |= TASK_WORK_RESCHEDULE;
        send_reschedule(target);
    }
}

void smp_make_ready(struct task *task, enum ready_part part, int preempt_here)
{
    uint32_t from = task->cpu;
    task->cpu = choose_cpu(task);
    if (task->cpu != from)
        smp_migration_count++;
    ready_append(task, part);
    tell_cpu(&cpus[task->cpu], task, preempt_here);
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
    struct task *task = queue_first_allowed(&mlfq_queues[busiest], 1u << here->index);
    if (!task)
        return;
    mlfq_remove(task);
    task->cpu = here->index;
    smp_migration_count++;
    ready_append(task, READY_TURN);
    if (ready_outranks(task, here->current))
        here->current->user_work_pending |= TASK_WORK_RESCHEDULE;
}

void smp_affinity_changed(struct task *task)
{
    if (task->state == TASK_READY && !(task->cpu_affinity >> task->cpu & 1)) {
        ready_remove(task);
        smp_make_ready(task, READY_TURN, 1);
    } else if (task->state == TASK_RUNNING && task != current_task && !(task->cpu_affinity >> task->cpu & 1)) {
        task->user_work_pending |= TASK_WORK_RESCHEDULE;
        send_reschedule(&cpus[task->cpu]);     /* it leaves that CPU at its way out of the kernel */
    }
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
    struct task *next = smp_peek_first_for_this_cpu();
    if (next && ready_outranks(next, running))
        running->user_work_pending |= TASK_WORK_RESCHEDULE;
}

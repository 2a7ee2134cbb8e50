/* kernel/sched/smp_sched.c - one set of ready lists (mlfq.h,
 * realtime.h), several CPUs taking tasks from it (docs/smp.md, "Tasks on
 * every CPU").
 *
 * Under the big kernel lock the ready lists stay what they were: one
 * feedback queue, shared. What changes is who takes from it:
 *   - each CPU takes the first task, in the policy's order, that its
 *     affinity lets run there (smp_take_first_for_this_cpu);
 *   - a task that becomes ready goes to an idle CPU if there is one
 *     (a reschedule message wakes that CPU's idle task), else preempts
 *     a task it outranks (smp_place_ready_task);
 *   - an idle CPU also looks at every tick of its timer.
 * A task runs on one CPU at a time: it is on no list while it runs
 * (TASK_RUNNING), and only the CPU that holds the lock takes it off one. */
#include "smp_sched.h"

#include "arch/x86/local_apic.h"
#include "arch/x86/trap.h"
#include "ready.h"
#include "scheduler.h"

static struct task *first_allowed(const struct ready_list *list, uint32_t mask)
{
    for (struct task *task = list->first; task; task = task->next)
        if (task->cpu_affinity & mask)
            return task;
    return 0;
}

struct task *smp_peek_first_for_this_cpu(void)
{
    uint32_t mask = 1u << this_cpu()->index;
    struct task *real_time = rt_ready.first ? first_allowed(&rt_ready, mask) : 0;
    if (real_time && !rt_throttled)
        return real_time;                       /* realtime.h, rules 1 and 4 */
    for (int list = 0; list < MLFQ_READY_LISTS; list++) {
        struct task *task = first_allowed(&mlfq_ready[list], mask);
        if (task)
            return task;
    }
    return real_time;
}

struct task *smp_take_first_for_this_cpu(void)
{
    struct task *task = smp_peek_first_for_this_cpu();
    if (task)
        ready_remove(task);
    return task;
}

static void send_reschedule(struct cpu *cpu)
{
    cpu->reschedule_sent = 1;
    local_apic_send_interrupt(cpu->apic_id, RESCHEDULE_VECTOR);
}

void smp_place_ready_task(struct task *task, struct task *running)
{
    struct cpu *here = this_cpu();
    if (running == here->idle && task_may_run_here(task)) {
        schedule();                             /* this CPU was idle: it runs it */
        return;
    }
    for (int index = 0; index < cpu_count; index++) {
        struct cpu *cpu = &cpus[index];
        if (cpu != here && (task->cpu_affinity >> index & 1) && cpu->current == cpu->idle &&
            !cpu->reschedule_sent) {
            send_reschedule(cpu);               /* an idle CPU: it takes it */
            return;
        }
    }
    if (task_may_run_here(task)) {
        if (ready_outranks(task, running))
            running->user_work_pending |= TASK_WORK_RESCHEDULE;
        return;
    }
    for (int index = 0; index < cpu_count; index++) {
        struct cpu *cpu = &cpus[index];
        if (cpu != here && (task->cpu_affinity >> index & 1) && ready_outranks(task, cpu->current)) {
            cpu->current->user_work_pending |= TASK_WORK_RESCHEDULE;
            send_reschedule(cpu);
            return;
        }
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

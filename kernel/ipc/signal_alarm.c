/* kernel/ipc/signal_alarm.c - alarm() and ITIMER_REAL, which are one
 * timer per process, as on Linux: SIGALRM when its deadline on
 * CLOCK_MONOTONIC comes, and again every interval if setitimer gave one
 * (alarm gives none). The clock's tick looks for due ones, and the timer
 * interrupts at a deadline before the next tick
 * (arch/x86/local_apic_timer.h). */
#include "signal.h"

#include "signal_internal.h"

#include "arch/x86/smp_for_core.h"
#include "kernel/syscall.h"
#include "sched/clock.h"
#include "sched/task.h"

#define NS_PER_SECOND 1000000000ull
static unsigned armed_alarms;

void signal_alarm_get(const struct process *process, uint64_t *left_ns, uint64_t *interval_ns)
{
    uint64_t now = clock_now_ns();
    uint64_t deadline = process->alarm_deadline_ns;
    *left_ns = !deadline ? 0 : deadline > now ? deadline - now : 1;   /* due: about to fire */
    *interval_ns = process->alarm_interval_ns;
}

void signal_alarm_set(struct process *process, uint64_t value_ns, uint64_t interval_ns)
{
    if (process->alarm_deadline_ns)
        armed_alarms--;
    process->alarm_deadline_ns = value_ns ? clock_now_ns() + value_ns : 0;
    process->alarm_interval_ns = value_ns ? interval_ns : 0;
    if (value_ns) {
        armed_alarms++;
        local_apic_timer_deadline(process->alarm_deadline_ns);   /* sooner than the next tick? */
    }
}

int sys_alarm(uint32_t seconds)
{
    struct process *process = current_task->process;
    uint64_t left_ns, interval_ns;
    signal_alarm_get(process, &left_ns, &interval_ns);
    uint32_t left = (uint32_t)((left_ns + NS_PER_SECOND - 1) / NS_PER_SECOND);
    signal_alarm_set(process, seconds * NS_PER_SECOND, 0);
    return (int)left;
}

uint64_t signal_alarm_expire(uint64_t now)
{
    uint64_t earliest = CLOCK_NO_DEADLINE;
    if (!armed_alarms)
        return earliest;
    for (int slot = 0; slot < MAX_PROCESSES; slot++) {
        struct process *process = process_slot(slot);
        if (process->state == PROCESS_ALIVE && process->alarm_deadline_ns &&
            process->alarm_deadline_ns <= now) {
            uint64_t interval = process->alarm_interval_ns;
            if (interval) {
                uint64_t periods = (now - process->alarm_deadline_ns) / interval + 1;
                process->alarm_deadline_ns += periods * interval;
            } else {
                process->alarm_deadline_ns = 0;
                armed_alarms--;
            }
            signal_send(process, SIGALRM);
        }
        /* a period under a tick repeats at the ticks: SIGALRM, one pending
         * at a time, cannot keep the CPU in interrupts */
        if (process->state == PROCESS_ALIVE && process->alarm_deadline_ns &&
            process->alarm_deadline_ns < earliest &&
            (!process->alarm_interval_ns || process->alarm_interval_ns >= NS_PER_CLOCK_TICK))
            earliest = process->alarm_deadline_ns;
    }
    return earliest;
}

void signal_forget_alarm(struct process *process)
{
    signal_alarm_set(process, 0, 0);
}

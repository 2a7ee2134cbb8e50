/* kernel/ipc/signal_alarm.c - alarm() and ITIMER_REAL, which are one
 * timer per process, as on Linux: SIGALRM when its deadline on
 * CLOCK_MONOTONIC comes, and again every interval if setitimer gave one
 * (alarm gives none). The clock's tick looks for due ones. */
#include "signal.h"

#include "signal_internal.h"

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
    if (value_ns)
        armed_alarms++;
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

void signal_alarm_tick(uint64_t now)
{
    if (!armed_alarms)
        return;
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
    }
}

void signal_forget_alarm(struct process *process)
{
    signal_alarm_set(process, 0, 0);
}

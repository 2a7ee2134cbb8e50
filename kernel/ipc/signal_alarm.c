/* kernel/ipc/signal_alarm.c - alarm(): SIGALRM after so many seconds. One
 * alarm per process; the clock's tick looks for due ones. */
#include "signal.h"

#include "signal_internal.h"

#include "kernel/syscall.h"
#include "sched/clock.h"
#include "sched/task.h"

#define NS_PER_SECOND 1000000000ull
static unsigned armed_alarms;

int sys_alarm(uint32_t seconds)
{
    struct process *process = current_task->process;
    uint64_t now = clock_now_ns();
    uint32_t left = 0;
    if (process->alarm_deadline_ns) {
        uint64_t remaining = process->alarm_deadline_ns > now ? process->alarm_deadline_ns - now : 0;
        left = (uint32_t)((remaining + NS_PER_SECOND - 1) / NS_PER_SECOND);
        if (left == 0)
            left = 1;
        armed_alarms--;
    }
    process->alarm_deadline_ns = seconds ? now + seconds * NS_PER_SECOND : 0;
    if (seconds)
        armed_alarms++;
    return (int)left;
}

/* Called every timer tick: sends SIGALRM to processes whose alarm is due. */
static void check_alarms(uint64_t now)
{
    if (!armed_alarms)
        return;
    for (int slot = 0; slot < MAX_PROCESSES; slot++) {
        struct process *process = process_slot(slot);
        if (process->state == PROCESS_ALIVE && process->alarm_deadline_ns &&
            process->alarm_deadline_ns <= now) {
            process->alarm_deadline_ns = 0;
            armed_alarms--;
            signal_send(process, SIGALRM);
        }
    }
}

void signal_forget_alarm(struct process *process)
{
    if (process->alarm_deadline_ns) {
        process->alarm_deadline_ns = 0;
        armed_alarms--;
    }
}

void signal_alarm_init(void)
{
    clock_set_tick_hook(check_alarms);
}

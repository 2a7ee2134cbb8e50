/* kernel/sched/itimer.c - setitimer and getitimer: the three interval
 * timers of a process, the older interface beside POSIX timers.
 *
 *   ITIMER_REAL     time passing (CLOCK_MONOTONIC)   SIGALRM    alarm's timer (ipc/signal_alarm.c)
 *   ITIMER_VIRTUAL  CPU time in user mode            SIGVTALRM  counted by the tick (cpu_time.c)
 *   ITIMER_PROF     CPU time, user and system        SIGPROF    the same
 *
 * Each has a value (the time left; 0: disarmed) and an interval (what it
 * reloads with after expiring; 0: once). fork gives the child none; exec
 * keeps them (Linux). Values are kept in nanoseconds and shown rounded up
 * to whole microseconds, so an armed timer never reads as 0. */
#include "clock.h"
#include "ipc/signal.h"
#include "kernel/syscall.h"
#include "subsystems/timers_calls.h"
#include "mm/uaccess.h"
#include "proc/process.h"
#include "task.h"
#include "uapi/errno.h"
#include "uapi/time.h"

#define NS_PER_USEC   1000ull
#define USEC_PER_SECOND 1000000ull

static int timeval_to_ns(const struct kernel_timeval *time, uint64_t *ns)
{
    if (time->tv_sec < 0 || time->tv_usec < 0 || time->tv_usec >= (long)USEC_PER_SECOND)
        return -EINVAL;
    *ns = ((uint64_t)time->tv_sec * USEC_PER_SECOND + (uint64_t)time->tv_usec) * NS_PER_USEC;
    return 0;
}

static struct kernel_timeval timeval_of_ns(uint64_t ns)
{
    uint64_t usec = (ns + NS_PER_USEC - 1) / NS_PER_USEC;
    return (struct kernel_timeval){ (long)(usec / USEC_PER_SECOND), (long)(usec % USEC_PER_SECOND) };
}

static struct cpu_itimer *cpu_itimer_of(struct process *process, int which)
{
    return which == ITIMER_VIRTUAL ? &process->itimer_virtual : &process->itimer_prof;
}

/* The timer `which` of `process` now. */
static struct kernel_itimerval current_itimer(struct process *process, int which)
{
    uint64_t left, interval;
    if (which == ITIMER_REAL) {
        signal_alarm_get(process, &left, &interval);
    } else {
        left = cpu_itimer_of(process, which)->left_ns;
        interval = cpu_itimer_of(process, which)->interval_ns;
    }
    return (struct kernel_itimerval){ .it_interval = timeval_of_ns(interval), .it_value = timeval_of_ns(left) };
}

int sys_getitimer(int which, struct kernel_itimerval *user_value)
{
    if (which != ITIMER_REAL && which != ITIMER_VIRTUAL && which != ITIMER_PROF)
        return -EINVAL;
    struct kernel_itimerval value = current_itimer(current_task->process, which);
    return copy_to_user(user_value, &value, sizeof value);
}

/* A NULL new value disarms, as on Linux (which warns that it may stop). */
int sys_setitimer(int which, const struct kernel_itimerval *user_value, struct kernel_itimerval *user_old)
{
    if (which != ITIMER_REAL && which != ITIMER_VIRTUAL && which != ITIMER_PROF)
        return -EINVAL;
    struct kernel_itimerval setting = { { 0, 0 }, { 0, 0 } };
    if (user_value && copy_from_user(&setting, user_value, sizeof setting) < 0)
        return -EFAULT;
    uint64_t value, interval;
    if (timeval_to_ns(&setting.it_value, &value) < 0 || timeval_to_ns(&setting.it_interval, &interval) < 0)
        return -EINVAL;
    struct process *process = current_task->process;
    struct kernel_itimerval old = current_itimer(process, which);
    if (which == ITIMER_REAL) {
        signal_alarm_set(process, value, interval);
    } else {
        struct cpu_itimer *timer = cpu_itimer_of(process, which);
        timer->left_ns = value;
        timer->interval_ns = value ? interval : 0;
    }
    if (user_old && copy_to_user(user_old, &old, sizeof old) < 0)
        return -EFAULT;
    return 0;
}

/* libc/time/clock_sleep.c - clock_nanosleep, clock_getres and
 * clock_getcpuclockid (kernel/sched/clock_nanosleep.c, cpu_time.c). */
#include <errno.h>
#include <time.h>

#include "../syscall.h"

/* Sleeps on `clock` for `request`, or until it (TIMER_ABSTIME). Returns
 * 0 or the error number, as POSIX says, and leaves errno alone. */
int clock_nanosleep(clockid_t clock, int flags, const struct timespec *request, struct timespec *remaining)
{
    long result = syscall4(SYS_clock_nanosleep, clock, flags, (long)request, (long)remaining);
    return result < 0 ? (int)-result : 0;
}

/* The resolution of `clock` into *resolution (which may be NULL). */
int clock_getres(clockid_t clock, struct timespec *resolution)
{
    return syscall_result(syscall2(SYS_clock_getres, clock, (long)resolution));
}

/* The CPU-time clock of process `pid` (0: the caller). Returns 0 or
 * ESRCH when there is no such process, as glibc finds out: by asking the
 * kernel about the clock. */
int clock_getcpuclockid(pid_t pid, clockid_t *clock)
{
    if (pid < 0)
        return ESRCH;
    clockid_t id = CPU_CLOCK_OF_PROCESS(pid);
    if (syscall2(SYS_clock_getres, id, 0) < 0)
        return ESRCH;
    *clock = id;
    return 0;
}

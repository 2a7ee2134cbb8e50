/* libc/unistd/rusage.c - getrusage, and times() on top of it: what the
 * process and its waited-for children have used (kernel/proc/rusage.c
 * says what the kernel counts). */
#include <sys/resource.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#include "../syscall.h"

#define CLOCK_TICKS_PER_SECOND 100   /* sysconf(_SC_CLK_TCK), as Linux's USER_HZ */

_Static_assert(sizeof(struct rusage) == sizeof(struct kernel_rusage), "struct rusage is the kernel's");

int getrusage(int who, struct rusage *usage)
{
    return syscall_result(syscall2(SYS_getrusage, who, (long)usage));
}

/* A struct timeval as clock ticks (sysconf(_SC_CLK_TCK) a second). */
static clock_t ticks_of(const struct timeval *time)
{
    return (clock_t)(time->tv_sec * CLOCK_TICKS_PER_SECOND +
                     time->tv_usec / (1000000 / CLOCK_TICKS_PER_SECOND));
}

/* Fills `buffer` with the CPU times of the process and of its waited-for
 * children, in clock ticks, and returns the time since boot in clock ticks
 * (an arbitrary point, as POSIX allows). A library function here, not a
 * system call: a bad `buffer` faults (SIGSEGV) rather than EFAULT. */
clock_t times(struct tms *buffer)
{
    struct rusage self, children;
    if (getrusage(RUSAGE_SELF, &self) < 0 || getrusage(RUSAGE_CHILDREN, &children) < 0)
        return (clock_t)-1;
    struct tms result = {
        .tms_utime = ticks_of(&self.ru_utime), .tms_stime = ticks_of(&self.ru_stime),
        .tms_cutime = ticks_of(&children.ru_utime), .tms_cstime = ticks_of(&children.ru_stime),
    };
    *buffer = result;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (clock_t)(now.tv_sec * CLOCK_TICKS_PER_SECOND + now.tv_nsec / (1000000000 / CLOCK_TICKS_PER_SECOND));
}

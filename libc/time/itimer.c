/* libc/time/itimer.c - setitimer and getitimer, the interval timers
 * (kernel/sched/itimer.c). struct itimerval is the kernel's layout. */
#include <sys/time.h>

#include "../syscall.h"

_Static_assert(sizeof(struct itimerval) == sizeof(struct kernel_itimerval), "the kernel's layout");

int setitimer(int which, const struct itimerval *value, struct itimerval *old)
{
    return syscall_result(syscall3(SYS_setitimer, which, (long)value, (long)old));
}

int getitimer(int which, struct itimerval *value)
{
    return syscall_result(syscall2(SYS_getitimer, which, (long)value));
}

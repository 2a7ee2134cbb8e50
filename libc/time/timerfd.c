/* libc/time/timerfd.c - timerfd_create, timerfd_settime, timerfd_gettime:
 * the kernel keeps the timer behind the descriptor (kernel/ipc/timerfd.c);
 * these only make the calls. */
#include <sys/timerfd.h>

#include "../syscall.h"

int timerfd_create(int clock, int flags)
{
    return syscall_result(syscall2(SYS_timerfd_create, clock, flags));
}

int timerfd_settime(int fd, int flags, const struct itimerspec *value, struct itimerspec *old)
{
    return syscall_result(syscall4(SYS_timerfd_settime, fd, flags, (long)value, (long)old));
}

int timerfd_gettime(int fd, struct itimerspec *value)
{
    return syscall_result(syscall2(SYS_timerfd_gettime, fd, (long)value));
}

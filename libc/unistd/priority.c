/* libc/unistd/priority.c - getpriority, setpriority and nice
 * (kernel/sched/priority_syscalls.c). */
#include <errno.h>
#include <sys/resource.h>
#include <unistd.h>

#include "../syscall.h"

/* The system call answers 20 - nice (1 .. 40), so that a nice value of
 * -1 cannot be taken for an error; turned back here, as Linux's libc does. */
int getpriority(int which, id_t who)
{
    long result = syscall2(SYS_getpriority, which, (long)who);
    if (result < 0)
        return syscall_result(result);
    return 20 - (int)result;
}

int setpriority(int which, id_t who, int value)
{
    return syscall_result(syscall3(SYS_setpriority, which, (long)who, value));
}

/* Adds `increment` to the caller's nice value; returns the new value, or
 * -1 with errno set (a new value of -1 is a success too: set errno to 0
 * first to tell them apart). */
int nice(int increment)
{
    int saved_errno = errno;
    errno = 0;
    int current = getpriority(PRIO_PROCESS, 0);
    if (current == -1 && errno != 0)
        return -1;
    errno = saved_errno;
    if (increment > 40)                 /* beyond any range: the kernel clamps the sum */
        increment = 40;
    if (increment < -40)
        increment = -40;
    if (setpriority(PRIO_PROCESS, 0, current + increment) < 0)
        return -1;
    return getpriority(PRIO_PROCESS, 0);
}

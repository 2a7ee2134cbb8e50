/* libc/signal/wait.c - taking a signal without a handler: sigwait,
 * sigwaitinfo, sigtimedwait (the kernel's sigtimedwait call). The caller
 * blocks the signals it waits for beforehand, so that no handler and no
 * other thread takes them first. */
#include <errno.h>
#include <signal.h>

#include "../syscall.h"
#include "../thread/thread_internal.h"

int sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout)
{
    return syscall_result(cancel_point_result(
        syscall3(cancel_point_number(SYS_sigtimedwait), (long)set, (long)info, (long)timeout)));
}

int sigwaitinfo(const sigset_t *set, siginfo_t *info)
{
    return sigtimedwait(set, info, 0);
}

/* POSIX: returns 0 with *signal set, or an error number; never EINTR (a
 * handler that interrupts the wait makes it wait again). */
int sigwait(const sigset_t *set, int *signal)
{
    int taken;
    do {
        taken = (int)cancel_point_result(syscall3(cancel_point_number(SYS_sigtimedwait), (long)set, 0, 0));
    } while (taken == -EINTR);
    if (taken < 0)
        return -taken;
    *signal = taken;
    return 0;
}

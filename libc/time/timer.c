/* libc/time/timer.c - POSIX per-process timers: timer_create,
 * timer_settime, timer_gettime, timer_getoverrun, timer_delete. The kernel
 * keeps the timers (kernel/ipc/posix_timer.c); a timer_t is the kernel's
 * id. SIGEV_THREAD is built here with the helper mq_notify uses
 * (libc/signal/sigev_thread.c): a thread reads each expiry's sigev_value
 * from a pipe the kernel writes into, and runs the function with it, one
 * expiry after the other. */
#include <errno.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include <uapi/mqueue.h>

#include "../signal/sigev_thread.h"
#include "../syscall.h"

/* Creates a timer on `clock` that delivers `event` (NULL: SIGALRM with
 * the timer's id as value) at each expiry; disarmed until timer_settime. */
int timer_create(clockid_t clock, struct sigevent *event, timer_t *timer)
{
    if (!event || event->sigev_notify != SIGEV_THREAD)
        return syscall_result(syscall3(SYS_timer_create, clock, (long)event, (long)timer));
    int write_end;
    if (sigev_thread_start(event, 1, &write_end) < 0)
        return -1;
    struct kernel_sigevent request = {
        .value.sival_ptr = (unsigned long)event->sigev_value.sival_ptr,
        .signo = write_end,
        .notify = SIGEV_THREAD,
    };
    long result = syscall3(SYS_timer_create, clock, (long)&request, (long)timer);
    close(write_end);                         /* the kernel's timer holds its own: the thread ends with it */
    return syscall_result(result);
}

/* Arms (or with a zero it_value disarms) `timer`: relative to now, or at
 * a time on its clock with TIMER_ABSTIME; the old setting into *old. */
int timer_settime(timer_t timer, int flags, const struct itimerspec *value, struct itimerspec *old)
{
    return syscall_result(syscall4(SYS_timer_settime, timer, flags, (long)value, (long)old));
}

int timer_gettime(timer_t timer, struct itimerspec *value)
{
    return syscall_result(syscall2(SYS_timer_gettime, timer, (long)value));
}

/* The expiries that came while the last signal taken was still pending. */
int timer_getoverrun(timer_t timer)
{
    return syscall_result(syscall1(SYS_timer_getoverrun, timer));
}

int timer_delete(timer_t timer)
{
    return syscall_result(syscall1(SYS_timer_delete, timer));
}

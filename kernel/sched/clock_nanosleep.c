/* kernel/sched/clock_nanosleep.c - clock_nanosleep and clock_getres.
 *
 * clock_nanosleep is nanosleep on a chosen clock, relative or absolute
 * (TIMER_ABSTIME), as POSIX and Linux have it:
 *  - CLOCK_MONOTONIC and CLOCK_REALTIME; a thread's CPU-time clock is
 *    EINVAL (Linux); a process's is ENOTSUP (Linux sleeps on them; this
 *    kernel does not).
 *  - A relative sleep runs on CLOCK_MONOTONIC whatever the clock, so
 *    setting the date does not change it. Interrupted by a handler, it
 *    ends with EINTR and the time left in *remaining; after a stop and a
 *    continue it sleeps on to the same deadline (as nanosleep).
 *  - An absolute sleep on CLOCK_REALTIME ends when that clock reaches the
 *    time, even if clock_settime moves it meanwhile: the sleeper waits on
 *    realtime_sleepers with the deadline CLOCK_MONOTONIC would reach it
 *    at, and clock_settime wakes them all to work it out again.
 *  - Interrupted absolute sleeps leave *remaining alone.
 * The call returns the error number itself, not -1: the library passes it
 * on. */
#include "clock.h"
#include "cpu_time.h"
#include "ipc/signal.h"
#include "ipc/timers_for_core.h"
#include "kernel/syscall.h"
#include "subsystems/timers_calls.h"
#include "mm/uaccess.h"
#include "proc/thread.h"
#include "task.h"
#include "uapi/errno.h"
#include "uapi/time.h"
#include "wait_queue.h"

#define NS_PER_SECOND 1000000000ull

static struct wait_queue realtime_sleepers = WAIT_QUEUE_INITIALIZER;   /* absolute CLOCK_REALTIME sleeps */
static struct wait_queue monotonic_sleepers = WAIT_QUEUE_INITIALIZER;  /* absolute CLOCK_MONOTONIC: nobody wakes these */

void clock_nanosleep_clock_was_set(void)
{
    wait_queue_wake_all(&realtime_sleepers);
}

int sys_clock_getres(int clock, struct timespec *user_resolution)
{
    uint64_t unused;
    int status = clock_read_ns(clock, &unused);
    if (status < 0)
        return status;
    /* every clock is read to the nanosecond: the timer's between its ticks
     * (clock.c), CPU time at each switch (switch.h) */
    struct timespec resolution = { 0, 1 };
    if (user_resolution && copy_to_user(user_resolution, &resolution, sizeof resolution) < 0)
        return -EFAULT;
    return 0;
}

static int sleep_until_monotonic(uint64_t when)
{
    if (when <= clock_now_ns())
        return 0;
    int result = wait_queue_sleep(&monotonic_sleepers, "clock_nanosleep", when, WAIT_INTERRUPTIBLE);
    return result == WAKE_INTERRUPTED ? -ERESTARTNOHAND : 0;   /* restarted: the same time again */
}

static int sleep_until_realtime(uint64_t when)
{
    for (;;) {
        uint64_t now = (uint64_t)clock_realtime_ns();
        if (when <= now)
            return 0;
        uint64_t deadline = clock_now_ns() + (when - now);
        int result = wait_queue_sleep(&realtime_sleepers, "clock_nanosleep", deadline, WAIT_INTERRUPTIBLE);
        if (result == WAKE_INTERRUPTED)
            return -ERESTARTNOHAND;
    }
}

int sys_clock_nanosleep(int clock, int flags, const struct timespec *user_request, struct timespec *user_remaining)
{
    if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC) {
        struct cpu_clock which;
        if (cpu_clock_decode(clock, &which) < 0 || which.of_thread)
            return -EINVAL;               /* no clock, or a thread's (as Linux) */
        return -ENOTSUP;                  /* a process's CPU time */
    }
    struct timespec request;
    if (copy_from_user(&request, user_request, sizeof request) < 0)
        return -EFAULT;
    if (request.tv_sec < 0 || request.tv_nsec < 0 || request.tv_nsec >= (long)NS_PER_SECOND)
        return -EINVAL;
    uint64_t ns = (uint64_t)request.tv_sec * NS_PER_SECOND + (uint64_t)request.tv_nsec;
    if (!(flags & TIMER_ABSTIME))
        return sleep_relative_ns(ns, user_remaining, "clock_nanosleep");   /* nanosleep's (time_syscalls.c) */
    return clock == CLOCK_MONOTONIC ? sleep_until_monotonic(ns) : sleep_until_realtime(ns);
}

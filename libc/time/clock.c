/* libc/time/clock.c - reading and setting the clocks, and sleeping on them. */
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <uapi/clock_page.h>

#include "../syscall.h"
#include "../thread/thread_internal.h"

#define NANOSECONDS_PER_SECOND      1000000000L
#define MICROSECONDS_PER_SECOND     1000000L
#define NANOSECONDS_PER_MICROSECOND 1000L

/* The clock page (kernel/uapi/clock_page.h), if the kernel maps one:
 * libc/start.c finds it in the auxiliary vector. */
const volatile struct clock_page *__clock_page;

/* Stores the time of `clock` in `now`: CLOCK_REALTIME, since the Epoch;
 * CLOCK_MONOTONIC, since boot. Those two come from the clock page without
 * entering the kernel, as Linux's vDSO gives them (so a bad `now` is
 * SIGSEGV there, as on Linux, not EFAULT); the others, a time past 2038
 * (EOVERFLOW) and a kernel without the page ask the kernel. */
int clock_gettime(clockid_t clock, struct timespec *now)
{
    const volatile struct clock_page *page = __clock_page;
    uint32_t seconds, nanoseconds;
    if (page && (clock == CLOCK_MONOTONIC || clock == CLOCK_REALTIME) &&
        clock_page_read(page, clock == CLOCK_MONOTONIC, &seconds, &nanoseconds) && seconds <= 0x7FFFFFFFu) {
        now->tv_sec = (long)seconds;
        now->tv_nsec = (long)nanoseconds;
        return 0;
    }
    return syscall_result(syscall2(SYS_clock_gettime, clock, (long)now));
}

/* Sets CLOCK_REALTIME (the only clock that can be set) to `time`. */
int clock_settime(clockid_t clock, const struct timespec *time)
{
    return syscall_result(syscall2(SYS_clock_settime, clock, (long)time));
}

/* Returns the seconds since the Epoch, and stores them in *result unless
 * it is NULL; (time_t)-1 with EOVERFLOW once they no longer fit (2038). */
time_t time(time_t *result)
{
    struct timespec now;
    if (clock_gettime(CLOCK_REALTIME, &now) == -1)
        return (time_t)-1;
    if (result)
        *result = now.tv_sec;
    return now.tv_sec;
}

/* The seconds from `earlier` to `later` (ISO C), negative if `later` is
 * the earlier one. */
double difftime(time_t later, time_t earlier)
{
    return (double)later - (double)earlier;
}

/* CLOCK_REALTIME in seconds and microseconds (`now` may be NULL, as on
 * Linux). `timezone` is obsolete (POSIX leaves its effect unspecified)
 * and is not looked at. */
int gettimeofday(struct timeval *now, void *timezone)
{
    (void)timezone;
    struct timespec time;
    if (clock_gettime(CLOCK_REALTIME, &time) == -1)
        return -1;
    if (!now)
        return 0;
    now->tv_sec = time.tv_sec;
    now->tv_usec = time.tv_nsec / NANOSECONDS_PER_MICROSECOND;
    return 0;
}

/* Sleeps for `request`; if a signal cuts it short, returns -1 with EINTR
 * and stores the time left in `remaining` (when not NULL). */
int nanosleep(const struct timespec *request, struct timespec *remaining)
{
    return syscall_result(cancel_point_result(syscall2(cancel_point_number(SYS_nanosleep),
                                                       (long)request, (long)remaining)));
}

/* Sleeps `seconds`; returns 0, or the seconds left if a signal woke it. */
unsigned int sleep(unsigned int seconds)
{
    struct timespec request = { (long)seconds, 0 };
    struct timespec remaining = { 0, 0 };
    if (nanosleep(&request, &remaining) == 0)
        return 0;
    return (unsigned int)remaining.tv_sec + (remaining.tv_nsec >= NANOSECONDS_PER_SECOND / 2);
}

/* Sleeps `microseconds`; returns 0, or -1 with EINTR if a signal woke it. */
int usleep(useconds_t microseconds)
{
    struct timespec request = {
        (long)(microseconds / MICROSECONDS_PER_SECOND),
        (long)(microseconds % MICROSECONDS_PER_SECOND) * NANOSECONDS_PER_MICROSECOND,
    };
    return nanosleep(&request, NULL);
}

/* libc/time/clock.c - reading and setting the clocks, and sleeping on
 * them (sleep() has an object of its own: sleep.c). */
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

/* Reads CLOCK_MONOTONIC (`monotonic` nonzero) or CLOCK_REALTIME from the
 * clock page, as seconds and nanoseconds into the second, by the page's
 * protocol and arithmetic (kernel/uapi/clock_page.h), with this CPU's
 * time-stamp counter. The page keeps both clocks as seconds and
 * nanoseconds at the tick, so a read adds under a tick and carries at
 * most a second: no division of 64 bits, whose cost in the libc grows
 * once the nanoseconds pass 2^32 (4.3 s after boot). Returns 0 if the
 * page holds no time yet (*seconds and *nanoseconds untouched). Never
 * blocks: it copies again while the kernel writes, a few instructions. */
static int clock_page_read(const volatile struct clock_page *page, int monotonic, uint32_t *seconds,
                           uint32_t *nanoseconds)
{
    uint32_t begun, per_tick, multiplier, shift, ns_per_tick, whole, into;
    uint64_t counted, set_at;
    do {
        begun = __atomic_load_n(&page->sequence, __ATOMIC_ACQUIRE);
        counted = page->counted_tick_timestamp;
        per_tick = page->timestamps_per_tick;
        multiplier = page->ns_multiplier;
        shift = page->ns_shift;
        ns_per_tick = page->ns_per_tick;
        whole = monotonic ? page->monotonic_seconds : page->realtime_seconds;
        into = monotonic ? page->monotonic_ns_into_second : page->realtime_ns_into_second;
        set_at = page->realtime_set_since_tick;
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
    } while ((begun & 1) || __atomic_load_n(&page->sequence, __ATOMIC_RELAXED) != begun);
    if (!ns_per_tick)
        return 0;
    uint32_t low, high;
    __asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
    uint64_t since = clock_since_tick_ns(((uint64_t)high << 32) | low, counted, per_tick, multiplier, shift,
                                         ns_per_tick);
    uint64_t ns = into + (monotonic ? since : clock_realtime_since_tick(since, set_at));
    while (ns >= NANOSECONDS_PER_SECOND) {   /* once at most, unless the tick is seconds late */
        ns -= NANOSECONDS_PER_SECOND;
        whole++;
    }
    *seconds = whole;
    *nanoseconds = (uint32_t)ns;
    return 1;
}

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

/* Sleeps `microseconds`; returns 0, or -1 with EINTR if a signal woke it. */
int usleep(useconds_t microseconds)
{
    struct timespec request = {
        (long)(microseconds / MICROSECONDS_PER_SECOND),
        (long)(microseconds % MICROSECONDS_PER_SECOND) * NANOSECONDS_PER_MICROSECOND,
    };
    return nanosleep(&request, NULL);
}

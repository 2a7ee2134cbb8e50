/* tests/boot/timer_absolute_and_relative_settime_and_gettime.c -
 * timer_settime arms a timer relative to now or, with TIMER_ABSTIME, at a
 * time on its clock (CLOCK_MONOTONIC or CLOCK_REALTIME); a time already
 * past fires at once. It returns the old setting; a zero it_value
 * disarms. timer_gettime shows the time left, never more than was set,
 * and 0 once disarmed. SIGEV_NONE timers send nothing but their time runs.
 * Bad input: unknown clocks, notifications, signals, ids, nanoseconds out
 * of range are EINVAL; bad pointers to the settings EFAULT; past the per-process limit
 * (sysconf(_SC_TIMER_MAX), where there is one) EAGAIN. */
#include <signal.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "boot_timer.h"

static timer_t signalling_timer(clockid_t clock, int notify)
{
    struct sigevent event;
    memset(&event, 0, sizeof event);
    event.sigev_notify = notify;
    event.sigev_signo = SIGUSR1;
    timer_t timer;
    CHECK_EQ(0, timer_create(clock, &event, &timer), "timer_create");
    return timer;
}

static void relative_setting_and_the_old_value(void)
{
    record_signals_of(SIGUSR1);
    timer_t timer = signalling_timer(CLOCK_REALTIME, SIGEV_SIGNAL);
    struct itimerspec ten_seconds = { { 1, 0 }, { 10, 0 } }, old, now;
    CHECK_EQ(0, timer_settime(timer, 0, &ten_seconds, &old), "timer_settime(10 s)");
    CHECK_EQ(0, ns_of(old.it_value), "the old value of a new timer");
    CHECK_EQ(0, ns_of(old.it_interval), "the old interval of a new timer");
    CHECK_EQ(0, timer_gettime(timer, &now), "timer_gettime");
    CHECK(ns_of(now.it_value) > 9 * NS_PER_SECOND && ns_of(now.it_value) <= 10 * NS_PER_SECOND,
          "it_value %lld ms, expected 9000..10000", ns_of(now.it_value) / NS_PER_MS);
    CHECK_EQ(NS_PER_SECOND, ns_of(now.it_interval), "it_interval");
    struct itimerspec disarm = { { 0, 0 }, { 0, 0 } };
    CHECK_EQ(0, timer_settime(timer, 0, &disarm, &old), "timer_settime(0): disarm");
    CHECK(ns_of(old.it_value) > 9 * NS_PER_SECOND && ns_of(old.it_value) <= 10 * NS_PER_SECOND,
          "old it_value %lld ms", ns_of(old.it_value) / NS_PER_MS);
    CHECK_EQ(NS_PER_SECOND, ns_of(old.it_interval), "old it_interval");
    CHECK_EQ(0, timer_gettime(timer, &now), "timer_gettime");
    CHECK_EQ(0, ns_of(now.it_value), "a disarmed timer's it_value");
    /* a short relative one: never early */
    struct itimerspec soon = { { 0, 0 }, timespec_ns(30 * NS_PER_MS) };
    long long armed = monotonic_ns();
    CHECK_EQ(0, timer_settime(timer, 0, &soon, NULL), "timer_settime(30 ms)");
    CHECK_EQ(1, wait_for_recorded(1, LATE_NS), "signals of a 30 ms timer");
    CHECK(recorded[0].when_ns - armed >= 30 * NS_PER_MS, "came after %lld ms, not before 30",
          (recorded[0].when_ns - armed) / NS_PER_MS);
    CHECK_EQ(0, timer_delete(timer), "timer_delete");
}

static void absolute_setting_on(clockid_t clock)
{
    record_signals_of(SIGUSR1);
    timer_t timer = signalling_timer(clock, SIGEV_SIGNAL);
    struct timespec start;
    clock_gettime(clock, &start);
    struct itimerspec at = { { 0, 0 }, timespec_ns(ns_of(start) + 40 * NS_PER_MS) }, now;
    CHECK_EQ(0, timer_settime(timer, TIMER_ABSTIME, &at, NULL), "timer_settime(TIMER_ABSTIME)");
    CHECK_EQ(0, timer_gettime(timer, &now), "timer_gettime");
    CHECK(ns_of(now.it_value) > 0 && ns_of(now.it_value) <= 40 * NS_PER_MS,
          "it_value of an absolute setting: the time left, %lld ns", ns_of(now.it_value));
    CHECK_EQ(1, wait_for_recorded(1, LATE_NS), "signals of the absolute timer");
    struct timespec fired;
    clock_gettime(clock, &fired);
    CHECK(ns_of(fired) >= ns_of(at.it_value), "the signal came before the time on the clock");
    /* a time already past: at once */
    recorded_count = 0;
    struct itimerspec past = { { 0, 0 }, start };
    CHECK_EQ(0, timer_settime(timer, TIMER_ABSTIME, &past, NULL), "timer_settime(a past time)");
    CHECK_EQ(1, wait_for_recorded(1, LATE_NS), "a past absolute time fires");
    CHECK_EQ(0, timer_delete(timer), "timer_delete");
}

static void sigev_none_sends_nothing_but_runs(void)
{
    record_signals_of(SIGUSR1);
    timer_t timer = signalling_timer(CLOCK_MONOTONIC, SIGEV_NONE);
    struct itimerspec setting = { { 0, 0 }, timespec_ns(NS_PER_SECOND) }, first, second;
    CHECK_EQ(0, timer_settime(timer, 0, &setting, NULL), "timer_settime");
    CHECK_EQ(0, timer_gettime(timer, &first), "timer_gettime");
    struct timespec nap = timespec_ns(30 * NS_PER_MS);
    nanosleep(&nap, NULL);
    CHECK_EQ(0, timer_gettime(timer, &second), "timer_gettime");
    CHECK(ns_of(second.it_value) <= ns_of(first.it_value) - 25 * NS_PER_MS && ns_of(second.it_value) > 0,
          "SIGEV_NONE: %lld ms left, then %lld ms", ns_of(first.it_value) / NS_PER_MS,
          ns_of(second.it_value) / NS_PER_MS);
    struct itimerspec quick = { { 0, 0 }, timespec_ns(NS_PER_MS) };
    CHECK_EQ(0, timer_settime(timer, 0, &quick, NULL), "timer_settime(1 ms)");
    nanosleep(&nap, NULL);
    CHECK_EQ(0, timer_gettime(timer, &second), "timer_gettime");
    CHECK_EQ(0, ns_of(second.it_value), "an expired one-shot SIGEV_NONE timer");
    CHECK_EQ(0, recorded_count, "signals of a SIGEV_NONE timer");
    CHECK_EQ(0, timer_delete(timer), "timer_delete");
}

static void bad_input(void)
{
    void *unmapped = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(unmapped, 4096);
    struct sigevent event;
    memset(&event, 0, sizeof event);
    event.sigev_notify = SIGEV_SIGNAL;
    event.sigev_signo = SIGUSR1;
    timer_t timer;
    CHECK_ERROR(timer_create(12345, &event, &timer), EINVAL);
    CHECK_ERROR(timer_create(-1, &event, &timer), EINVAL);
    event.sigev_signo = 0;
    CHECK_ERROR(timer_create(CLOCK_MONOTONIC, &event, &timer), EINVAL);
    event.sigev_signo = 200;
    CHECK_ERROR(timer_create(CLOCK_MONOTONIC, &event, &timer), EINVAL);
    event.sigev_signo = SIGUSR1;
    event.sigev_notify = 77;
    CHECK_ERROR(timer_create(CLOCK_MONOTONIC, &event, &timer), EINVAL);
    /* (timer_create's pointers are read and written by the C library
     * itself, on Linux as here: bad ones fault in the program; the fuzzer
     * gives the system call its own) */
    event.sigev_notify = SIGEV_SIGNAL;

    timer = signalling_timer(CLOCK_MONOTONIC, SIGEV_SIGNAL);
    struct itimerspec bad = { { 0, 0 }, { 0, 1000000000 } };
    CHECK_ERROR(timer_settime(timer, 0, &bad, NULL), EINVAL);
    bad.it_value.tv_nsec = -1;
    CHECK_ERROR(timer_settime(timer, 0, &bad, NULL), EINVAL);
    struct itimerspec bad_interval = { { 0, 1000000000 }, { 1, 0 } };
    CHECK_ERROR(timer_settime(timer, 0, &bad_interval, NULL), EINVAL);
    CHECK_ERROR(timer_settime(timer, 0, (struct itimerspec *)unmapped, NULL), EFAULT);
    CHECK_ERROR(timer_gettime(timer, (struct itimerspec *)unmapped), EFAULT);
    struct itimerspec now;
    CHECK_EQ(0, timer_gettime(timer, &now), "timer_gettime after the failed settings");
    CHECK_EQ(0, ns_of(now.it_value), "still disarmed");
    CHECK_EQ(0, timer_delete(timer), "timer_delete");
    CHECK_ERROR(timer_delete(timer), EINVAL);
    CHECK_ERROR(timer_gettime(timer, &now), EINVAL);
    struct itimerspec fine = { { 0, 0 }, { 1, 0 } };
    CHECK_ERROR(timer_settime(timer, 0, &fine, NULL), EINVAL);
    CHECK_ERROR(timer_settime((timer_t)(long)99999, 0, &fine, NULL), EINVAL);
}

static void a_process_has_at_most_timer_max(void)
{
    long max = sysconf(_SC_TIMER_MAX);
    if (max <= 0 || max > 4096)
        return;                      /* no fixed limit (Linux: the signal queue's) */
    static timer_t timers[4096];
    struct sigevent event;
    memset(&event, 0, sizeof event);
    event.sigev_notify = SIGEV_NONE;
    int made = 0;
    while (made < max && timer_create(CLOCK_MONOTONIC, &event, &timers[made]) == 0)
        made++;
    CHECK_EQ(max, made, "timers made up to _SC_TIMER_MAX");
    timer_t one_more;
    CHECK_ERROR(timer_create(CLOCK_MONOTONIC, &event, &one_more), EAGAIN);
    for (int i = 0; i < made; i++)
        CHECK_EQ(0, timer_delete(timers[i]), "timer_delete");
}

static void cases(void)
{
    unsigned timers_before = timers_in_kernel();
    relative_setting_and_the_old_value();
    absolute_setting_on(CLOCK_MONOTONIC);
    absolute_setting_on(CLOCK_REALTIME);
    sigev_none_sends_nothing_but_runs();
    bad_input();
    a_process_has_at_most_timer_max();
    CHECK_EQ(timers_before, timers_in_kernel(), "the kernel's timers after every timer_delete");
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("timer_absolute_and_relative_settime_and_gettime");
}

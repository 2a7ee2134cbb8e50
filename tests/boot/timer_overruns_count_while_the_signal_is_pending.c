/* tests/boot/timer_overruns_count_while_the_signal_is_pending.c - while a
 * timer's signal is pending (here: blocked), its further expiries send
 * nothing more, not even a queued real-time signal: they are counted as
 * overruns. The signal, once taken, carries that count in si_overrun,
 * and timer_getoverrun gives the same; the count then starts again. It
 * stops at DELAYTIMER_MAX (INT_MAX on Linux and here) however many
 * expiries pass. Ids of no timer are EINVAL (negative ones are not
 * tried: glibc takes them for pointers of its own). */
#include <limits.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "boot_timer.h"

#define PERIOD_NS (10 * NS_PER_MS)

static void sleep_ns(long long ns)
{
    struct timespec left = timespec_ns(ns);
    while (nanosleep(&left, &left) < 0 && errno == EINTR)
        ;
}

static timer_t periodic_timer(int signal)
{
    struct sigevent event;
    memset(&event, 0, sizeof event);
    event.sigev_notify = SIGEV_SIGNAL;
    event.sigev_signo = signal;
    event.sigev_value.sival_int = 99;
    timer_t timer;
    CHECK_EQ(0, timer_create(CLOCK_MONOTONIC, &event, &timer), "timer_create");
    return timer;
}

static void expiries_while_pending_are_overruns(int signal)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, signal);
    sigprocmask(SIG_BLOCK, &set, NULL);
    timer_t timer = periodic_timer(signal);
    struct itimerspec setting = { timespec_ns(PERIOD_NS), timespec_ns(PERIOD_NS) };
    long long before_arming = monotonic_ns();
    CHECK_EQ(0, timer_settime(timer, 0, &setting, NULL), "timer_settime");
    long long armed = monotonic_ns();
    sleep_ns(20 * PERIOD_NS);
    long long before_take = monotonic_ns();
    sigset_t pending;
    sigpending(&pending);
    CHECK(sigismember(&pending, signal), "the timer's signal is pending");
    siginfo_t info;
    CHECK_EQ(signal, sigwaitinfo(&set, &info), "sigwaitinfo");
    long long after_take = monotonic_ns();
    CHECK_EQ(SI_TIMER, info.si_code, "si_code");
    CHECK_EQ(99, info.si_value.sival_int, "si_value");
    long long least = (before_take - armed) / PERIOD_NS - 1, most = (after_take - before_arming) / PERIOD_NS + 1;
    CHECK(info.si_overrun + 1 >= least && info.si_overrun + 1 <= most,
          "si_overrun %d: expected %lld..%lld expiries in all, less the one signalled", info.si_overrun, least,
          most);
    CHECK_EQ(info.si_overrun, timer_getoverrun(timer), "timer_getoverrun after the signal was taken");
    /* the count starts again: the next signal stands for the expiries since */
    siginfo_t next;
    struct timespec wait = timespec_ns(LATE_NS);
    CHECK_EQ(signal, sigtimedwait(&set, &next, &wait), "the next signal");
    long long after_next = monotonic_ns();
    CHECK(next.si_overrun >= 0 && next.si_overrun <= (after_next - before_take) / PERIOD_NS + 1,
          "the next si_overrun %d after %lld ms", next.si_overrun, (after_next - before_take) / NS_PER_MS);
    CHECK_EQ(next.si_overrun, timer_getoverrun(timer), "timer_getoverrun of the next one");
    CHECK_EQ(0, timer_delete(timer), "timer_delete");
    /* a signal sent before the delete may still be pending (Linux drops it):
     * take it if so, so that nothing of this case is left */
    struct timespec no_wait = { 0, 0 };
    sigtimedwait(&set, &next, &no_wait);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void overruns_stop_at_delaytimer_max(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    timer_t timer = periodic_timer(SIGUSR2);
    struct itimerspec every_nanosecond = { { 0, 1 }, { 0, 1 } };
    CHECK_EQ(0, timer_settime(timer, 0, &every_nanosecond, NULL), "timer_settime every nanosecond");
    sleep_ns(3 * NS_PER_SECOND);     /* more than 2^31 nanoseconds */
    siginfo_t info;
    CHECK_EQ(SIGUSR2, sigwaitinfo(&set, &info), "sigwaitinfo");
    CHECK_EQ(INT_MAX, info.si_overrun, "si_overrun stops at DELAYTIMER_MAX");
    CHECK_EQ(INT_MAX, timer_getoverrun(timer), "timer_getoverrun stops at DELAYTIMER_MAX");
    CHECK_EQ(0, timer_delete(timer), "timer_delete");
    struct timespec no_wait = { 0, 0 };
    sigtimedwait(&set, &info, &no_wait);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void bad_ids_are_einval(void)
{
    timer_t timer = periodic_timer(SIGUSR1);
    CHECK_EQ(0, timer_getoverrun(timer), "timer_getoverrun of a timer that never fired");
    CHECK_EQ(0, timer_delete(timer), "timer_delete");
    CHECK_ERROR(timer_getoverrun(timer), EINVAL);
    CHECK_ERROR(timer_getoverrun((timer_t)(long)123456), EINVAL);
}

static void cases(void)
{
    unsigned timers_before = timers_in_kernel();
    expiries_while_pending_are_overruns(SIGUSR1);
    expiries_while_pending_are_overruns(SIGRTMIN);
    overruns_stop_at_delaytimer_max();
    bad_ids_are_einval();
    CHECK_EQ(timers_before, timers_in_kernel(), "the kernel's timers after every timer_delete");
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("timer_overruns_count_while_the_signal_is_pending");
}

/* tests/boot/timer_periodic_signal_arrives_each_interval_with_its_value.c -
 * a periodic timer armed for `value` then every `interval` sends its
 * signal at each expiry, never early, with si_code SI_TIMER and the
 * sigevent's value; the n-th signal (counting the overruns it carries)
 * comes no sooner than value + (n-1) interval. A real-time signal works
 * the same. timer_gettime shows the period and a time left no larger
 * than it. A NULL sigevent means SIGALRM carrying the timer's id.
 * SIGEV_THREAD_ID (Linux's) sends it to one thread of the process.
 * Deleting the timer stops it, and the kernel's count of timers is back. */
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "boot_timer.h"

#define PERIOD_NS (20 * NS_PER_MS)

#ifndef sigev_notify_thread_id                   /* glibc before 2.35 names it so */
#define sigev_notify_thread_id _sigev_un._tid
#endif
#define SIGNALS   5

static void periodic_signals_come_each_period(int signal, int value)
{
    record_signals_of(signal);
    struct sigevent event;
    memset(&event, 0, sizeof event);
    event.sigev_notify = SIGEV_SIGNAL;
    event.sigev_signo = signal;
    event.sigev_value.sival_int = value;
    timer_t timer;
    CHECK_EQ(0, timer_create(CLOCK_MONOTONIC, &event, &timer), "timer_create");
    struct itimerspec setting = { timespec_ns(PERIOD_NS), timespec_ns(PERIOD_NS) };
    long long armed = monotonic_ns();
    CHECK_EQ(0, timer_settime(timer, 0, &setting, NULL), "timer_settime");
    struct itimerspec now;
    CHECK_EQ(0, timer_gettime(timer, &now), "timer_gettime");
    CHECK_EQ(PERIOD_NS, ns_of(now.it_interval), "it_interval as set");
    CHECK(ns_of(now.it_value) > 0 && ns_of(now.it_value) <= PERIOD_NS, "it_value %lld ns, expected 1..%lld",
          ns_of(now.it_value), PERIOD_NS);
    wait_for_recorded(SIGNALS, SIGNALS * PERIOD_NS + LATE_NS);
    CHECK_EQ(0, timer_delete(timer), "timer_delete");
    int got = recorded_count;
    CHECK(got >= SIGNALS, "signal %d: %d signals came, expected at least %d", signal, got, SIGNALS);
    long long expiries = 0;
    for (int i = 0; i < got && i < MAX_RECORDED; i++) {
        expiries += 1 + recorded[i].overrun;
        CHECK_EQ(signal, recorded[i].signal, "si_signo");
        CHECK_EQ(SI_TIMER, recorded[i].code, "si_code");
        CHECK_EQ(value, recorded[i].value, "si_value");
        CHECK(recorded[i].overrun >= 0, "si_overrun %d", recorded[i].overrun);
        long long due = armed + expiries * PERIOD_NS;   /* the last expiry this signal stands for */
        CHECK(recorded[i].when_ns >= due, "signal %d came %lld ms before its expiry", i,
              (due - recorded[i].when_ns) / NS_PER_MS);
    }
    CHECK(expiries <= (monotonic_ns() - armed) / PERIOD_NS, "%lld expiries in %lld ms", expiries,
          (monotonic_ns() - armed) / NS_PER_MS);
    /* deleted: nothing more comes */
    int after_delete = recorded_count;
    struct timespec pause_time = timespec_ns(3 * PERIOD_NS);
    while (nanosleep(&pause_time, &pause_time) < 0 && errno == EINTR)
        ;
    CHECK_EQ(after_delete, recorded_count, "signals after timer_delete");
}

static void a_null_sigevent_means_sigalrm_with_the_id(void)
{
    record_signals_of(SIGALRM);
    timer_t timer;
    CHECK_EQ(0, timer_create(CLOCK_REALTIME, NULL, &timer), "timer_create(NULL sigevent)");
    struct itimerspec once = { timespec_ns(0), timespec_ns(5 * NS_PER_MS) };
    CHECK_EQ(0, timer_settime(timer, 0, &once, NULL), "timer_settime");
    CHECK_EQ(1, wait_for_recorded(1, LATE_NS), "SIGALRM signals");
    CHECK_EQ(SIGALRM, recorded[0].signal, "the default signal");
    CHECK_EQ(SI_TIMER, recorded[0].code, "si_code");
    struct itimerspec after;
    CHECK_EQ(0, timer_gettime(timer, &after), "timer_gettime after a one-shot expiry");
    CHECK_EQ(0, ns_of(after.it_value), "a one-shot timer is disarmed once it expired");
    CHECK_EQ(0, timer_delete(timer), "timer_delete");
}

static volatile int taker_tid, taken_by_tid, taker_may_end;

static void note_taker(int signal)
{
    (void)signal;
    taken_by_tid = gettid();
}

static void *wait_for_the_signal(void *unused)
{
    (void)unused;
    sigset_t usr2;
    sigemptyset(&usr2);
    sigaddset(&usr2, SIGUSR2);
    pthread_sigmask(SIG_UNBLOCK, &usr2, NULL);
    taker_tid = gettid();
    while (!taker_may_end) {
        struct timespec nap = timespec_ns(2 * NS_PER_MS);
        nanosleep(&nap, NULL);
    }
    return NULL;
}

/* The main thread blocks SIGUSR2, the other thread does not: a signal for
 * the process would go to that one anyway, so the timer aims at the main
 * thread, which takes it in sigwaitinfo. */
static void sigev_thread_id_sends_to_that_thread(void)
{
    signal(SIGUSR2, note_taker);
    sigset_t usr2;
    sigemptyset(&usr2);
    sigaddset(&usr2, SIGUSR2);
    pthread_sigmask(SIG_BLOCK, &usr2, NULL);
    taker_may_end = 0;
    pthread_t other;
    CHECK_EQ(0, pthread_create(&other, NULL, wait_for_the_signal, NULL), "pthread_create");
    while (!taker_tid) {
        struct timespec nap = timespec_ns(NS_PER_MS);
        nanosleep(&nap, NULL);
    }
    struct sigevent event;
    memset(&event, 0, sizeof event);
    event.sigev_notify = SIGEV_THREAD_ID;
    event.sigev_signo = SIGUSR2;
    event.sigev_value.sival_int = 31;
    event.sigev_notify_thread_id = gettid();
    timer_t timer;
    CHECK_EQ(0, timer_create(CLOCK_MONOTONIC, &event, &timer), "timer_create(SIGEV_THREAD_ID)");
    struct itimerspec once = { { 0, 0 }, timespec_ns(10 * NS_PER_MS) };
    CHECK_EQ(0, timer_settime(timer, 0, &once, NULL), "timer_settime");
    siginfo_t info;
    struct timespec wait = timespec_ns(LATE_NS);
    CHECK_EQ(SIGUSR2, sigtimedwait(&usr2, &info, &wait), "sigtimedwait in the aimed-at thread");
    CHECK_EQ(SI_TIMER, info.si_code, "si_code");
    CHECK_EQ(31, info.si_value.sival_int, "si_value");
    CHECK_EQ(0, taken_by_tid, "the other thread's handler ran: the signal went to the process");
    CHECK_EQ(0, timer_delete(timer), "timer_delete");
    taker_may_end = 1;
    pthread_join(other, NULL);
    pthread_sigmask(SIG_UNBLOCK, &usr2, NULL);
    signal(SIGUSR2, SIG_DFL);
}

static void cases(void)
{
    unsigned timers_before = timers_in_kernel();
    periodic_signals_come_each_period(SIGUSR1, 0x1234);
    periodic_signals_come_each_period(SIGRTMIN + 1, -77);
    a_null_sigevent_means_sigalrm_with_the_id();
    sigev_thread_id_sends_to_that_thread();
    CHECK_EQ(timers_before, timers_in_kernel(), "the kernel's timers after every timer_delete");
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("timer_periodic_signal_arrives_each_interval_with_its_value");
}

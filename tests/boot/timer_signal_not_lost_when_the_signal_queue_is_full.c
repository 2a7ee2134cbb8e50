/* tests/boot/timer_signal_not_lost_when_the_signal_queue_is_full.c -
 * nothing is lost: a timer's expiry always comes out as its signal or as
 * an overrun of it, even when the process's queue of real-time signals is
 * full (RLIMIT_SIGPENDING reached by sigqueue). As on Linux, timer_create
 * reserves the timer's queue entry, counted against that limit for the
 * timer's life: with the limit at 4 and one timer, sigqueue queues 3 and
 * then fails with EAGAIN, and a timer_create with no entry left fails with
 * EAGAIN too. The timer's signal, sent while the queue is full, is taken
 * first (the lower number) and carries the expiries since as si_overrun;
 * the queued signals follow, each once. Deleting the timer gives its
 * entry back. */
#include <signal.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "boot_timer.h"

#define PERIOD_NS (10 * NS_PER_MS)
#define QUEUE_LIMIT 4

static int create_timer(int signal, int value, timer_t *timer)
{
    struct sigevent event;
    memset(&event, 0, sizeof event);
    event.sigev_notify = SIGEV_SIGNAL;
    event.sigev_signo = signal;
    event.sigev_value.sival_int = value;
    return timer_create(CLOCK_MONOTONIC, &event, timer);
}

static void cases(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN);
    sigaddset(&set, SIGRTMIN + 1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    struct rlimit limit = { QUEUE_LIMIT, QUEUE_LIMIT };
    CHECK_EQ(0, setrlimit(RLIMIT_SIGPENDING, &limit), "setrlimit(RLIMIT_SIGPENDING, 4)");

    timer_t timer;
    CHECK_EQ(0, create_timer(SIGRTMIN, 42, &timer), "timer_create");
    int queued = 0;
    union sigval value = { .sival_int = 7 };
    errno = 0;
    while (queued < 2 * QUEUE_LIMIT && sigqueue(getpid(), SIGRTMIN + 1, value) == 0)
        queued++;
    CHECK_EQ(EAGAIN, errno, "sigqueue once the queue is full");
    /* Linux counts per user, so other processes may take some too */
    CHECK(queued >= 1 && queued <= QUEUE_LIMIT - 1,
          "sigqueue queued %d: the timer's reserved entry counts against the limit of %d", queued, QUEUE_LIMIT);
    timer_t refused;
    CHECK_ERROR(create_timer(SIGRTMIN, 1, &refused), EAGAIN);

    struct itimerspec setting = { timespec_ns(PERIOD_NS), timespec_ns(PERIOD_NS) };
    CHECK_EQ(0, timer_settime(timer, 0, &setting, NULL), "timer_settime");
    struct timespec pause = timespec_ns(10 * PERIOD_NS);
    while (nanosleep(&pause, &pause) < 0 && errno == EINTR)
        ;
    siginfo_t info;
    struct timespec late = timespec_ns(LATE_NS);
    CHECK_EQ(SIGRTMIN, sigtimedwait(&set, &info, &late), "the timer's signal, sent while the queue was full");
    CHECK_EQ(SI_TIMER, info.si_code, "si_code");
    CHECK_EQ(42, info.si_value.sival_int, "si_value");
    CHECK(info.si_overrun >= 1, "si_overrun %d: the expiries while the signal was pending", info.si_overrun);
    CHECK_EQ(info.si_overrun, timer_getoverrun(timer), "timer_getoverrun");
    /* disarmed, its signal taken if it came again: deleting it frees its
     * entry, and one more sigqueue fits */
    struct itimerspec disarm = { { 0, 0 }, { 0, 0 } };
    CHECK_EQ(0, timer_settime(timer, 0, &disarm, NULL), "timer_settime disarming");
    sigset_t timer_signal;
    sigemptyset(&timer_signal);
    sigaddset(&timer_signal, SIGRTMIN);
    struct timespec no_wait = { 0, 0 };
    while (sigtimedwait(&timer_signal, &info, &no_wait) > 0)
        ;
    CHECK_EQ(0, timer_delete(timer), "timer_delete");
    CHECK_EQ(0, sigqueue(getpid(), SIGRTMIN + 1, value), "sigqueue once the timer is deleted");

    int taken = 0, signal;
    while ((signal = sigtimedwait(&set, &info, &no_wait)) > 0)
        if (signal == SIGRTMIN + 1 && info.si_code == SI_QUEUE && info.si_value.sival_int == 7)
            taken++;
    CHECK_EQ(queued + 1, taken, "the signals queued by sigqueue, each taken once");
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("timer_signal_not_lost_when_the_signal_queue_is_full");
}

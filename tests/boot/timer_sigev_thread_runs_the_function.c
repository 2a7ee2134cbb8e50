/* tests/boot/timer_sigev_thread_runs_the_function.c - a SIGEV_THREAD
 * timer runs sigev_notify_function(sigev_value) in a thread other than
 * the caller's at each expiry, never before it: once for a one-shot
 * timer, again and again for a periodic one, with the attributes given
 * or without. Once the timer is deleted the function runs no more (one
 * run already under way may finish), and the library's thread and pipe
 * go: nothing is left behind in the kernel. */
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "boot_timer.h"

static volatile int runs, bad_values, runs_in_caller, early_runs;
static pthread_t caller;
static long long due_ns;

static void count_run(union sigval value)
{
    if (value.sival_int != 4242)
        bad_values++;
    if (pthread_equal(pthread_self(), caller))
        runs_in_caller++;
    if (monotonic_ns() < due_ns)
        early_runs++;
    __sync_fetch_and_add(&runs, 1);
}

static void sleep_ns(long long ns)
{
    struct timespec left = timespec_ns(ns);
    while (nanosleep(&left, &left) < 0 && errno == EINTR)
        ;
}

static timer_t thread_timer(pthread_attr_t *attributes)
{
    struct sigevent event;
    memset(&event, 0, sizeof event);
    event.sigev_notify = SIGEV_THREAD;
    event.sigev_notify_function = count_run;
    event.sigev_notify_attributes = attributes;
    event.sigev_value.sival_int = 4242;
    timer_t timer;
    CHECK_EQ(0, timer_create(CLOCK_MONOTONIC, &event, &timer), "timer_create(SIGEV_THREAD)");
    return timer;
}

static void wait_for_runs(int count)
{
    long long end = monotonic_ns() + LATE_NS;
    while (runs < count && monotonic_ns() < end)
        sleep_ns(2 * NS_PER_MS);
}

static void a_one_shot_timer_runs_it_once(void)
{
    runs = 0;
    timer_t timer = thread_timer(NULL);
    struct itimerspec once = { { 0, 0 }, timespec_ns(20 * NS_PER_MS) };
    due_ns = monotonic_ns() + 20 * NS_PER_MS;
    CHECK_EQ(0, timer_settime(timer, 0, &once, NULL), "timer_settime");
    wait_for_runs(1);
    sleep_ns(50 * NS_PER_MS);
    CHECK_EQ(1, runs, "runs of a one-shot SIGEV_THREAD timer");
    CHECK_EQ(0, timer_delete(timer), "timer_delete");
}

static void a_periodic_timer_runs_it_each_period(pthread_attr_t *attributes)
{
    runs = 0;
    timer_t timer = thread_timer(attributes);
    struct itimerspec periodic = { timespec_ns(10 * NS_PER_MS), timespec_ns(10 * NS_PER_MS) };
    due_ns = monotonic_ns() + 10 * NS_PER_MS;
    CHECK_EQ(0, timer_settime(timer, 0, &periodic, NULL), "timer_settime");
    wait_for_runs(4);
    CHECK(runs >= 4, "runs of a periodic SIGEV_THREAD timer: %d, expected 4", runs);
    CHECK_EQ(0, timer_delete(timer), "timer_delete");
    sleep_ns(30 * NS_PER_MS);              /* a run under way finishes */
    int at_delete = runs;
    sleep_ns(50 * NS_PER_MS);
    CHECK_EQ(at_delete, runs, "runs after timer_delete");
}

static void cases(void)
{
    caller = pthread_self();
    unsigned timers_before = timers_in_kernel();
    a_one_shot_timer_runs_it_once();
    a_periodic_timer_runs_it_each_period(NULL);
    pthread_attr_t detached;
    pthread_attr_init(&detached);
    pthread_attr_setdetachstate(&detached, PTHREAD_CREATE_DETACHED);
    a_periodic_timer_runs_it_each_period(&detached);
    pthread_attr_destroy(&detached);
    CHECK_EQ(0, bad_values, "runs with a value other than sigev_value");
    CHECK_EQ(0, runs_in_caller, "runs in the thread that armed the timer");
    CHECK_EQ(0, early_runs, "runs before the timer's expiry");
    CHECK_EQ(timers_before, timers_in_kernel(), "the kernel's timers after every timer_delete");
    sleep_ns(20 * NS_PER_MS);              /* the library's threads see end of file and end */
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("timer_sigev_thread_runs_the_function");
}

/* tests/boot/thread_once_runs_again_after_a_cancelled_init.c -
 * pthread_once(3) and cancellation: an init routine cancelled in a
 * cancellation point (pause) has not run, so the once control goes back
 * to "not run": the two threads that waited for it in pthread_once wake,
 * one of them runs the routine again, to the end, and both return 0 once
 * it has; a later call runs nothing. A routine that ends its thread with
 * pthread_exit counts as not run too. Nothing leaks. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include "boot_test.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static volatile int runs, finished_runs, first_run_started;
static volatile int waiter_returned[2];
static volatile int finished_when_waiter_returned[2];

/* The first run waits in pause, a cancellation point, for ever; a later
 * run returns at once. */
static void init_routine(void)
{
    int run = ++runs;
    if (run == 1) {
        first_run_started = 1;
        for (;;)
            pause();
    }
    finished_runs++;
}

static void *run_once(void *unused)
{
    (void)unused;
    pthread_once(&once, init_routine);
    return NULL;
}

static void *wait_for_once(void *which_argument)
{
    long which = (long)which_argument;
    CHECK_EQ(0, pthread_once(&once, init_routine), "pthread_once in a waiter");
    finished_when_waiter_returned[which] = finished_runs;
    waiter_returned[which] = 1;
    return NULL;
}

static void a_cancelled_init_runs_again(void)
{
    pthread_t first, waiters[2];
    CHECK_EQ(0, pthread_create(&first, NULL, run_once, NULL), "pthread_create");
    while (!first_run_started)
        usleep(1000);
    for (long i = 0; i < 2; i++)
        CHECK_EQ(0, pthread_create(&waiters[i], NULL, wait_for_once, (void *)i), "pthread_create of a waiter");
    usleep(50000);
    CHECK(!waiter_returned[0] && !waiter_returned[1], "the waiters wait while the routine runs");
    CHECK_EQ(1, runs, "one run so far");

    CHECK_EQ(0, pthread_cancel(first), "pthread_cancel of the thread in the routine");
    void *result = NULL;
    CHECK_EQ(0, pthread_join(first, &result), "pthread_join");
    CHECK(result == PTHREAD_CANCELED, "the routine's thread was cancelled (%p)", result);
    for (int i = 0; i < 2; i++)
        CHECK_EQ(0, pthread_join(waiters[i], NULL), "pthread_join of a waiter");
    CHECK_EQ(2, runs, "a waiter ran the routine again, once");
    CHECK_EQ(1, finished_runs, "and to its end");
    CHECK(waiter_returned[0] && waiter_returned[1], "both waiters returned");
    CHECK(finished_when_waiter_returned[0] == 1 && finished_when_waiter_returned[1] == 1,
          "each waiter returned only once the routine had finished");
    CHECK_EQ(0, pthread_once(&once, init_routine), "a later call");
    CHECK_EQ(2, runs, "a later call runs nothing");
}

static pthread_once_t exit_once = PTHREAD_ONCE_INIT;
static volatile int exit_runs;

static void routine_that_exits(void)
{
    if (++exit_runs == 1)
        pthread_exit((void *)7);
}

static void *run_exit_once(void *unused)
{
    (void)unused;
    pthread_once(&exit_once, routine_that_exits);
    return (void *)1;
}

static void an_init_ended_by_pthread_exit_runs_again(void)
{
    pthread_t thread;
    void *result = NULL;
    CHECK_EQ(0, pthread_create(&thread, NULL, run_exit_once, NULL), "pthread_create");
    CHECK_EQ(0, pthread_join(thread, &result), "pthread_join");
    CHECK(result == (void *)7, "the routine ended its thread (%p)", result);
    CHECK_EQ(0, pthread_once(&exit_once, routine_that_exits), "pthread_once again");
    CHECK_EQ(2, exit_runs, "the routine ran again");
    CHECK_EQ(0, pthread_once(&exit_once, routine_that_exits), "and once more");
    CHECK_EQ(2, exit_runs, "but no third time");
}

static void cases(void)
{
    a_cancelled_init_runs_again();
    an_init_ended_by_pthread_exit_runs_again();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("thread_once_runs_again_after_a_cancelled_init");
}

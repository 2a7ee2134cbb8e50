/* tests/boot/thread_asynchronous_cancel_ends_a_computing_loop.c -
 * pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS): a thread in a pure
 * computing loop, which makes no call at all, is cancelled promptly: its
 * cleanup handlers run (last pushed first), then its key destructors,
 * and pthread_join gives PTHREAD_CANCELED. So is a thread waiting in a
 * mutex lock, which is no cancellation point. A request made while the
 * type was deferred acts as soon as the type becomes asynchronous, and
 * one made while cancellation was disabled as soon as it is enabled: the
 * call never returns. While the thread exits, cancelled or by
 * pthread_exit, no request acts on it: a cleanup handler that cancels its
 * own thread and then sleeps (a cancellation point) finishes, and runs
 * once, and pthread_exit's value stands. The old type and state
 * are reported; unknown ones are EINVAL. Nothing leaks. */
#include <errno.h>
#include <pthread.h>
#include <unistd.h>

#include "boot_test.h"

static volatile int started, cleanup_order[4], cleanups, destructor_ran;
static volatile unsigned long spins;
static volatile int reached_after;
static pthread_key_t key;

static void note_cleanup(void *which)
{
    cleanup_order[cleanups++] = (int)(long)which;
}

static void destructor(void *value)
{
    destructor_ran = (int)(long)value;
}

static void reset(void)
{
    started = cleanups = destructor_ran = reached_after = 0;
    spins = 0;
}

static void *compute_for_ever(void *unused)
{
    (void)unused;
    int old = -1;
    pthread_setspecific(key, (void *)42);
    pthread_cleanup_push(note_cleanup, (void *)1);
    pthread_cleanup_push(note_cleanup, (void *)2);
    CHECK_EQ(0, pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, &old), "setcanceltype asynchronous");
    CHECK_EQ(PTHREAD_CANCEL_DEFERRED, old, "the type was deferred");
    started = 1;
    for (;;)
        spins++;
    pthread_cleanup_pop(0);
    pthread_cleanup_pop(0);
    return NULL;
}

static void wait_started(void)
{
    for (int i = 0; i < 2000 && !started; i++)
        usleep(1000);
    CHECK(started, "the thread started");
}

static void a_computing_loop_is_cancelled(void)
{
    reset();
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, NULL, compute_for_ever, NULL), "pthread_create");
    wait_started();
    unsigned long seen = spins;
    usleep(30000);
    CHECK(spins != seen, "the loop runs (%lu spins)", spins);
    long long asked = monotonic_ns();
    CHECK_EQ(0, pthread_cancel(thread), "pthread_cancel");
    void *result = NULL;
    CHECK_EQ(0, pthread_join(thread, &result), "pthread_join");
    long long took = monotonic_ns() - asked;
    CHECK(result == PTHREAD_CANCELED, "the result is PTHREAD_CANCELED (%p)", result);
    CHECK(took < 1000000000LL, "cancelled promptly (%lld ms)", took / 1000000);
    CHECK(cleanups == 2 && cleanup_order[0] == 2 && cleanup_order[1] == 1,
          "the cleanup handlers ran last pushed first (%d ran)", cleanups);
    CHECK_EQ(42, destructor_ran, "the key's destructor ran with the thread's value");
}

static pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;

static void *lock_a_held_mutex(void *unused)
{
    (void)unused;
    pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, NULL);
    pthread_cleanup_push(note_cleanup, (void *)3);
    started = 1;
    pthread_mutex_lock(&held);
    reached_after = 1;
    pthread_cleanup_pop(0);
    return NULL;
}

static void a_thread_waiting_for_a_mutex_is_cancelled(void)
{
    reset();
    pthread_mutex_lock(&held);
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, NULL, lock_a_held_mutex, NULL), "pthread_create");
    wait_started();
    usleep(30000);
    CHECK_EQ(0, pthread_cancel(thread), "pthread_cancel");
    void *result = NULL;
    CHECK_EQ(0, pthread_join(thread, &result), "pthread_join");
    CHECK(result == PTHREAD_CANCELED, "cancelled in a mutex lock (%p)", result);
    CHECK_EQ(0, reached_after, "it never got the mutex");
    CHECK(cleanups == 1 && cleanup_order[0] == 3, "its cleanup handler ran");
    pthread_mutex_unlock(&held);
    CHECK_EQ(0, pthread_mutex_trylock(&held), "the mutex is usable");
    pthread_mutex_unlock(&held);
}

static volatile int go_on;

static void *turn_asynchronous_later(void *unused)
{
    (void)unused;
    pthread_cleanup_push(note_cleanup, (void *)4);
    started = 1;
    while (!go_on)
        spins++;                         /* deferred: a request does nothing here */
    reached_after = 1;
    pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, NULL);
    reached_after = 2;                   /* never: the request acts at once */
    pthread_cleanup_pop(0);
    return NULL;
}

static void *enable_later(void *unused)
{
    (void)unused;
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
    pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, NULL);
    pthread_cleanup_push(note_cleanup, (void *)5);
    started = 1;
    while (!go_on)
        spins++;                         /* disabled: a request waits */
    reached_after = 1;
    int old = -1;
    pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &old);
    reached_after = 2;                   /* never */
    pthread_cleanup_pop(0);
    return NULL;
}

static void a_waiting_request_acts_when_allowed(void *(*body)(void *), int handler, const char *what)
{
    reset();
    go_on = 0;
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, NULL, body, NULL), "pthread_create");
    wait_started();
    CHECK_EQ(0, pthread_cancel(thread), "pthread_cancel");
    usleep(30000);
    CHECK(reached_after == 0, "%s: the request waits", what);
    CHECK(cleanups == 0, "%s: no handler ran yet", what);
    go_on = 1;
    void *result = NULL;
    CHECK_EQ(0, pthread_join(thread, &result), "pthread_join");
    CHECK(result == PTHREAD_CANCELED, "%s: cancelled (%p)", what, result);
    CHECK(reached_after == 1, "%s: cancelled in the call that allowed it (%d)", what, reached_after);
    CHECK(cleanups == 1 && cleanup_order[0] == handler, "%s: its handler ran", what);
}

static volatile int exiting_handler_runs, exiting_handler_finished;

static void cancel_self_while_exiting(void *unused)
{
    (void)unused;
    exiting_handler_runs++;
    pthread_cancel(pthread_self());
    usleep(1000);                        /* a cancellation point */
    exiting_handler_finished++;
}

static void *cancelled_with_a_handler_that_cancels(void *unused)
{
    (void)unused;
    pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, NULL);
    pthread_cleanup_push(cancel_self_while_exiting, NULL);
    started = 1;
    for (;;)
        spins++;
    pthread_cleanup_pop(0);
    return NULL;
}

static void *exit_with_a_handler_that_cancels(void *unused)
{
    (void)unused;
    pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, NULL);
    pthread_cleanup_push(cancel_self_while_exiting, NULL);
    pthread_exit((void *)7);
    pthread_cleanup_pop(0);
    return NULL;
}

static void no_request_acts_while_the_thread_exits(void)
{
    reset();
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, NULL, cancelled_with_a_handler_that_cancels, NULL), "pthread_create");
    wait_started();
    CHECK_EQ(0, pthread_cancel(thread), "pthread_cancel");
    void *result = NULL;
    CHECK_EQ(0, pthread_join(thread, &result), "pthread_join");
    CHECK(result == PTHREAD_CANCELED, "cancelled (%p)", result);
    CHECK_EQ(1, exiting_handler_runs, "the handler ran once");
    CHECK_EQ(1, exiting_handler_finished, "and to its end, past its own cancel and a cancellation point");

    exiting_handler_runs = exiting_handler_finished = 0;
    CHECK_EQ(0, pthread_create(&thread, NULL, exit_with_a_handler_that_cancels, NULL), "pthread_create");
    CHECK_EQ(0, pthread_join(thread, &result), "pthread_join");
    CHECK(result == (void *)7, "pthread_exit's value stands (%p)", result);
    CHECK(exiting_handler_runs == 1 && exiting_handler_finished == 1,
          "its handler ran once, to its end, though it cancelled its thread (%d, %d)",
          exiting_handler_runs, exiting_handler_finished);
}

static void types_and_states_are_reported(void)
{
    int old = -1;
    CHECK_EQ(EINVAL, pthread_setcanceltype(7, &old), "setcanceltype(7)");
    CHECK_EQ(EINVAL, pthread_setcancelstate(-1, &old), "setcancelstate(-1)");
    CHECK_EQ(0, pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old), "disable");
    CHECK_EQ(PTHREAD_CANCEL_ENABLE, old, "it was enabled");
    CHECK_EQ(0, pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, &old), "asynchronous");
    CHECK_EQ(PTHREAD_CANCEL_DEFERRED, old, "it was deferred");
    CHECK_EQ(0, pthread_setcanceltype(PTHREAD_CANCEL_DEFERRED, &old), "deferred");
    CHECK_EQ(PTHREAD_CANCEL_ASYNCHRONOUS, old, "it was asynchronous");
    CHECK_EQ(0, pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &old), "enable");
    CHECK_EQ(PTHREAD_CANCEL_DISABLE, old, "it was disabled");
}

static void cases(void)
{
    CHECK_EQ(0, pthread_key_create(&key, destructor), "pthread_key_create");
    a_computing_loop_is_cancelled();
    a_thread_waiting_for_a_mutex_is_cancelled();
    a_waiting_request_acts_when_allowed(turn_asynchronous_later, 4, "turned asynchronous");
    a_waiting_request_acts_when_allowed(enable_later, 5, "enabled");
    no_request_acts_while_the_thread_exits();
    types_and_states_are_reported();
    a_computing_loop_is_cancelled();     /* again, after all that */
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("thread_asynchronous_cancel_ends_a_computing_loop");
}

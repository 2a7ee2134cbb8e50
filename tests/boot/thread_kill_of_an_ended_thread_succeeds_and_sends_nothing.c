/* tests/boot/thread_kill_of_an_ended_thread_succeeds_and_sends_nothing.c
 * - pthread_kill(3) and pthread_cancel(3) of a thread that has ended but
 * is not yet joined: its id is still valid (POSIX), so both return 0,
 * whatever the signal, and nothing is sent to anyone (glibc since 2.34).
 * Of a live thread, signal 0 checks and sends nothing, a bad signal is
 * EINVAL, and a real one reaches that thread's handler. pthread_kill of
 * the caller itself runs the handler before it returns. Nothing leaks. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "boot_test.h"

static volatile int handled;
static volatile pthread_t handled_in;
static volatile int stop;

/* Says where it ran before it counts: the main thread, on another CPU,
 * reads handled_in as soon as it sees the count (x86 keeps two stores in
 * their order, and volatile keeps the compiler from swapping them). */
static void note(int signal)
{
    (void)signal;
    handled_in = pthread_self();
    handled++;
}

static void *wait_until_stopped(void *unused)
{
    (void)unused;
    while (!stop)
        usleep(1000);
    return NULL;
}

static void *end_at_once(void *unused)
{
    return unused;
}

static void cases(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = note;
    sigemptyset(&action.sa_mask);
    CHECK_EQ(0, sigaction(SIGUSR1, &action, NULL), "sigaction");

    pthread_t live;
    CHECK_EQ(0, pthread_create(&live, NULL, wait_until_stopped, NULL), "pthread_create");
    CHECK_EQ(0, pthread_kill(live, 0), "signal 0 to a live thread");
    CHECK_EQ(EINVAL, pthread_kill(live, -1), "signal -1");
    CHECK_EQ(EINVAL, pthread_kill(live, 999), "signal 999");
    CHECK_EQ(0, handled, "nothing was sent");
    CHECK_EQ(0, pthread_kill(live, SIGUSR1), "SIGUSR1 to a live thread");
    for (int i = 0; i < 1000 && !handled; i++)
        usleep(1000);
    CHECK_EQ(1, handled, "its handler ran");
    CHECK(pthread_equal(handled_in, live), "in that thread: ran in %#lx, the thread is %#lx, main %#lx",
          (unsigned long)handled_in, (unsigned long)live, (unsigned long)pthread_self());
    stop = 1;
    CHECK_EQ(0, pthread_join(live, NULL), "pthread_join");

    pthread_t ended;
    CHECK_EQ(0, pthread_create(&ended, NULL, end_at_once, NULL), "pthread_create");
    usleep(100000);                      /* it has ended; not joined */
    handled = 0;
    CHECK_EQ(0, pthread_kill(ended, 0), "signal 0 to an ended thread");
    CHECK_EQ(0, pthread_kill(ended, SIGUSR1), "SIGUSR1 to an ended thread");
    CHECK_EQ(0, pthread_kill(ended, 999), "signal 999 to an ended thread (not looked at)");
    CHECK_EQ(0, pthread_cancel(ended), "pthread_cancel of an ended thread");
    usleep(20000);
    CHECK_EQ(0, handled, "nobody took a signal");
    void *result = (void *)1;
    CHECK_EQ(0, pthread_join(ended, &result), "pthread_join");
    CHECK(result == NULL, "its result");

    handled = 0;
    CHECK_EQ(0, pthread_kill(pthread_self(), SIGUSR1), "SIGUSR1 to ourselves");
    CHECK_EQ(1, handled, "the handler ran before pthread_kill returned");
    CHECK_EQ(EINVAL, pthread_kill(pthread_self(), 999), "signal 999 to ourselves");
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("thread_kill_of_an_ended_thread_succeeds_and_sends_nothing");
}

/* tests/boot/timer_thread_id_signal_dropped_once_its_thread_ends.c - a
 * SIGEV_THREAD_ID timer (Linux's) signals its one thread, and only it;
 * once that thread has ended, its expiries send nothing (Linux drops
 * them): not to the process, whose default action of SIGUSR1 would kill
 * it, nor to a later thread that may have the same tid. A tid of no
 * thread of the caller's is EINVAL. */
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "boot_timer.h"

#ifndef SIGEV_THREAD_ID
#define SIGEV_THREAD_ID 4
#endif
#ifndef sigev_notify_thread_id
#define sigev_notify_thread_id _sigev_un._tid
#endif

#define PERIOD_NS (2 * NS_PER_MS)

static volatile int worker_tid;
static volatile int worker_signals;
static int release[2];

static void count_signal(int signal)
{
    (void)signal;
    worker_signals++;
}

/* Tells its tid, waits for a byte, then takes its pending signals. */
static void *worker(void *argument)
{
    (void)argument;
    worker_tid = gettid();
    char byte;
    read(release[0], &byte, 1);
    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    pthread_sigmask(SIG_UNBLOCK, &usr1, NULL);   /* the handler runs here */
    return NULL;
}

static int thread_timer(int tid, timer_t *timer)
{
    struct sigevent event;
    memset(&event, 0, sizeof event);
    event.sigev_notify = SIGEV_THREAD_ID;
    event.sigev_signo = SIGUSR1;
    event.sigev_notify_thread_id = tid;
    return timer_create(CLOCK_MONOTONIC, &event, timer);
}

static void sleep_ns(long long ns)
{
    struct timespec left = timespec_ns(ns);
    while (nanosleep(&left, &left) < 0 && errno == EINTR)
        ;
}

/* In a child: SIGUSR1 at its default action (terminate) for the process,
 * blocked in the main thread until the end. */
static void scenario(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = count_signal;
    sigemptyset(&action.sa_mask);
    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr1, NULL);
    sigaction(SIGUSR1, &action, NULL);
    CHECK_EQ(0, pipe(release), "pipe");
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, NULL, worker, NULL), "pthread_create");
    while (!worker_tid)
        usleep(1000);
    timer_t timer;
    CHECK_EQ(0, thread_timer(worker_tid, &timer), "timer_create aimed at the thread");
    struct itimerspec once = { { 0, 0 }, timespec_ns(PERIOD_NS) };
    CHECK_EQ(0, timer_settime(timer, 0, &once, NULL), "timer_settime once");
    sleep_ns(10 * PERIOD_NS);
    sigset_t pending;
    sigpending(&pending);
    CHECK(!sigismember(&pending, SIGUSR1), "the thread's signal is not pending for the main thread");
    write(release[1], "x", 1);
    pthread_join(thread, NULL);
    CHECK_EQ(1, worker_signals, "signals the thread took");

    /* the thread has ended: the timer's expiries go nowhere */
    signal(SIGUSR1, SIG_DFL);
    struct itimerspec periodic = { timespec_ns(PERIOD_NS), timespec_ns(PERIOD_NS) };
    CHECK_EQ(0, timer_settime(timer, 0, &periodic, NULL), "timer_settime periodic");
    sleep_ns(25 * PERIOD_NS);
    sigpending(&pending);
    CHECK(!sigismember(&pending, SIGUSR1), "no SIGUSR1 pending for the process after its thread ended");
    sigprocmask(SIG_UNBLOCK, &usr1, NULL);        /* one pending would kill us here */
    sleep_ns(10 * PERIOD_NS);
    CHECK_EQ(0, timer_delete(timer), "timer_delete");

    timer_t refused;
    CHECK_ERROR(thread_timer(worker_tid, &refused), EINVAL);   /* ended: no thread of ours */
    CHECK_ERROR(thread_timer(getppid(), &refused), EINVAL);    /* another process's */
    close(release[0]);
    close(release[1]);
}

static void cases(void)
{
    pid_t child = fork();
    if (child == 0) {
        scenario();
        fflush(stdout);
        _exit(check_failures ? 1 : 0);
    }
    int status = -1;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the process whose timer's thread ended: status %#x (a signal would have killed it)", status);
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("timer_thread_id_signal_dropped_once_its_thread_ends");
}

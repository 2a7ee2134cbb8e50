/* tests/boot/thread_stop_continue_and_fatal_signals_act_on_every_thread.c -
 * a process of several threads stops, runs on and dies as one (signal(7),
 * pthreads(7)). SIGSTOP stops every thread: once waitpid(WUNTRACED) has
 * reported the stop, no thread's counter moves (the parent reads them in
 * shared memory) and ps -T shows each thread "stopped"; SIGCONT lets every
 * one run on, waitpid(WCONTINUED) reports it once, and a thread that was
 * waiting on a futex all along still waits there, and its wait ends with
 * 0 at the wake, not EINTR. A signal whose default action ends the process
 * ends every thread, whatever each is doing (reading a pipe, waiting on a
 * futex, sleeping, pausing, spinning): sent by kill, by pthread_kill to
 * one thread, or to a process whose first thread has ended already; the
 * parent sees the signal in the status, and the process is gone. */
#include <signal.h>
#include <sys/mman.h>
#include <time.h>

#include "boot_test.h"
#include "boot_thread.h"
#include "boot_wait.h"

#define SPINNERS 4

struct shared {
    volatile int counters[SPINNERS + 1];    /* the spinners', then the first thread's */
    volatile int tids[SPINNERS + 1];
    volatile int ready;
    volatile int futex_word, futex_result, futex_returned, waiter_tid;
    volatile int blocked_tids[4];           /* the waiting threads of the fatal case */
    volatile int all_waiting;
};

static struct shared *shared;

static void *spinner(void *argument)
{
    long index = (long)argument;
    shared->tids[index] = gettid();
    atomic_add_int(&shared->ready, 1);
    for (;;)
        shared->counters[index]++;
    return 0;
}

static void *futex_waiter(void *unused)
{
    (void)unused;
    shared->waiter_tid = gettid();
    atomic_add_int(&shared->ready, 1);
    long result;
    while ((result = raw_futex_wait(&shared->futex_word, 0, NULL)) == -EAGAIN && !shared->futex_word)
        ;
    shared->futex_result = (int)result;
    shared->futex_returned = 1;
    for (;;)
        pause();
    return 0;
}

static void snapshot(int *into)
{
    for (int i = 0; i <= SPINNERS; i++)
        into[i] = shared->counters[i];
}

static void stop_stops_every_thread_and_continue_resumes_them(void)
{
    memset(shared, 0, sizeof *shared);
    pid_t child = fork();
    if (child == 0) {
        pthread_t threads[SPINNERS + 1];
        for (long i = 0; i < SPINNERS; i++)
            pthread_create(&threads[i], NULL, spinner, (void *)i);
        pthread_create(&threads[SPINNERS], NULL, futex_waiter, NULL);
        shared->tids[SPINNERS] = gettid();
        for (;;)
            shared->counters[SPINNERS]++;
    }
    CHECK(wait_until_at_least(&shared->ready, SPINNERS + 1), "the child's threads did not start");
    for (int i = 0; i <= SPINNERS; i++)
        CHECK(wait_until_at_least(&shared->counters[i], 1), "counter %d never moved", i);
    CHECK(wait_until_thread_blocked_in(shared->waiter_tid, "futex"), "the waiter does not wait on its futex");

    kill(child, SIGSTOP);
    int status = 0;
    CHECK_EQ(child, waitpid(child, &status, WUNTRACED), "waitpid(WUNTRACED)");
    CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP, "status 0x%x, expected a stop by SIGSTOP", status);
    int at_stop[SPINNERS + 1], later[SPINNERS + 1];
    snapshot(at_stop);
    for (int i = 0; i <= SPINNERS; i++)
        CHECK(wait_until_thread_blocked_in(shared->tids[i], "stopped"), "thread %d (tid %d) is not stopped", i,
              shared->tids[i]);
    usleep(50000);
    snapshot(later);
    for (int i = 0; i <= SPINNERS; i++)
        CHECK(later[i] == at_stop[i], "thread %d's counter moved while the process was stopped: %d, then %d", i,
              at_stop[i], later[i]);
    CHECK_EQ(0, shared->futex_returned, "the futex wait ended with the stop");

    kill(child, SIGCONT);
    CHECK_EQ(child, waitpid(child, &status, WCONTINUED), "waitpid(WCONTINUED)");
    CHECK(WIFCONTINUED(status), "status 0x%x, expected a continue", status);
    CHECK_EQ(0, waitpid(child, &status, WCONTINUED | WNOHANG), "waitpid(WCONTINUED) a second time");
    for (int i = 0; i <= SPINNERS; i++)
        CHECK(wait_until_at_least(&shared->counters[i], later[i] + 1), "thread %d did not run on after SIGCONT",
              i);
    CHECK(wait_until_thread_blocked_in(shared->waiter_tid, "futex"),
          "after the stop and continue the waiter does not wait on its futex again");
    CHECK_EQ(0, shared->futex_returned, "the futex wait ended with the stop and continue");
    shared->futex_word = 1;
    CHECK_EQ(1, raw_futex_wake(&shared->futex_word, 1), "waiters woken on the shared futex");
    CHECK(wait_until_at_least(&shared->futex_returned, 1), "the woken waiter did not return");
    CHECK_EQ(0, shared->futex_result, "futex_wait's result after a stop, a continue and a wake");

    kill(child, SIGKILL);
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid after SIGKILL");
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "status 0x%x, expected death by SIGKILL", status);
}

/* ---- fatal signals -------------------------------------------------------- */

static int fatal_pipe[2];

static void *read_the_pipe(void *unused)
{
    (void)unused;
    shared->blocked_tids[0] = gettid();
    char c;
    read(fatal_pipe[0], &c, 1);
    return 0;
}

static void *wait_on_the_futex(void *unused)
{
    (void)unused;
    shared->blocked_tids[1] = gettid();
    while (!shared->futex_word)
        raw_futex_wait(&shared->futex_word, 0, NULL);
    return 0;
}

static void *sleep_long(void *unused)
{
    (void)unused;
    shared->blocked_tids[2] = gettid();
    struct timespec long_time = { 1000, 0 };
    nanosleep(&long_time, NULL);
    return 0;
}

static void *pause_forever(void *unused)
{
    (void)unused;
    shared->blocked_tids[3] = gettid();
    for (;;)
        pause();
    return 0;
}

enum how_killed { KILL_THE_PROCESS, PTHREAD_KILL_ONE_THREAD, KILL_AFTER_THE_FIRST_ENDED };

/* A child whose threads read a pipe, wait on a futex, sleep, pause and
 * spin; `how` says who sends SIGTERM (default action: terminate). */
static void fatal_signal_ends_every_thread(enum how_killed how, const char *what)
{
    memset(shared, 0, sizeof *shared);
    pipe(fatal_pipe);
    pid_t child = fork();
    if (child == 0) {
        void *(*starts[])(void *) = { read_the_pipe, wait_on_the_futex, sleep_long, pause_forever };
        pthread_t threads[4], spinning;
        for (int i = 0; i < 4; i++)
            pthread_create(&threads[i], NULL, starts[i], NULL);
        pthread_create(&spinning, NULL, spinner, (void *)0L);
        for (int i = 0; i < 4; i++)
            while (!shared->blocked_tids[i] || !thread_is_blocked_in(shared->blocked_tids[i], ""))
                usleep(1000);
        if (how == PTHREAD_KILL_ONE_THREAD) {
            pthread_kill(threads[1], SIGTERM);   /* the futex waiter's: it ends them all */
            for (;;)
                pause();
        }
        shared->all_waiting = 1;
        if (how == KILL_AFTER_THE_FIRST_ENDED)
            pthread_exit(NULL);
        pthread_join(threads[0], NULL);
        _exit(99);                                /* the pipe got a byte: nobody writes one */
    }
    if (how != PTHREAD_KILL_ONE_THREAD) {
        CHECK(wait_until_at_least(&shared->all_waiting, 1), "%s: the child's threads did not all wait", what);
        if (how == KILL_AFTER_THE_FIRST_ENDED)
            CHECK(WAIT_UNTIL(threads_listed(child) == 5), "%s: the first thread did not end", what);
        CHECK_EQ(0, kill(child, SIGTERM), "kill(SIGTERM)");
    }
    int status = 0;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "%s: status 0x%x, expected death by SIGTERM", what,
          status);
    CHECK_EQ(0, threads_listed(child), "threads left of the dead child");
    /* no thread of it holds the pipe now: with our read end closed, a
     * write finds no reader */
    close(fatal_pipe[0]);
    signal(SIGPIPE, SIG_IGN);
    CHECK_ERROR(write(fatal_pipe[1], "x", 1), EPIPE);
    signal(SIGPIPE, SIG_DFL);
    close(fatal_pipe[1]);
}

static void cases(void)
{
    shared = mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    stop_stops_every_thread_and_continue_resumes_them();
    fatal_signal_ends_every_thread(KILL_THE_PROCESS, "kill");
    fatal_signal_ends_every_thread(PTHREAD_KILL_ONE_THREAD, "pthread_kill to one thread");
    fatal_signal_ends_every_thread(KILL_AFTER_THE_FIRST_ENDED, "kill after the first thread's pthread_exit");
    munmap(shared, sizeof *shared);
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("thread_stop_continue_and_fatal_signals_act_on_every_thread");
}

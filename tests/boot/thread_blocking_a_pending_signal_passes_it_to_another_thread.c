/* tests/boot/thread_blocking_a_pending_signal_passes_it_to_another_thread.c
 * - a signal sent to a process goes to one of its threads that does not
 * block it. When the thread the sender chose blocks the signal before it
 * took it, the signal is another thread's to take at once: a thread
 * asleep in read with the signal unblocked is interrupted and runs the
 * handler (POSIX; Linux's retarget_shared_pending), it does not wait
 * for the blocker to unblock it again.
 *
 * Three threads: the main one blocks SIGUSR1 and sends it to the
 * process, round after round, at the moment a second thread, kept to the
 * other CPU, blocks it (sigprocmask); a third waits in read the whole
 * time with SIGUSR1 unblocked. Every round the handler must run within a
 * second, in the second thread (before its block) or in the third. On
 * two CPUs the send and the block meet: the sender, choosing first,
 * chose the second thread, the newest; the kernel before left the signal
 * pending then, the third thread asleep, until the next round's unblock
 * (signal.c's signal_retarget). One CPU runs no call while another is
 * in one, and checks only the delivery. */
#include <sched.h>
#include <signal.h>
#include <time.h>

#include "boot_test.h"
#include "boot_sched.h"
#include "boot_thread.h"

#define ROUNDS 200

static volatile int round_started, blocker_ready, blocker_go, blocker_done, stop;
static volatile int handled;
static int reader_pipe[2];

static void count(int signal)
{
    (void)signal;
    __atomic_add_fetch(&handled, 1, __ATOMIC_SEQ_CST);
}

/* The calling thread kept to `cpu`, if there are two. */
static void pin(int cpu)
{
    if (sysconf(_SC_NPROCESSORS_ONLN) >= 2)
        keep_to_cpu(cpu);
}

static void set_usr1(int how)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    pthread_sigmask(how, &set, NULL);
}

/* Waits in read with SIGUSR1 unblocked; each handler ends one read. */
static void *reader(void *unused)
{
    (void)unused;
    set_usr1(SIG_UNBLOCK);
    char byte;
    while (!stop && read(reader_pipe[0], &byte, 1) < 0 && errno == EINTR)
        continue;
    return 0;
}

/* Each round: unblocks SIGUSR1, says so, and blocks it when told, at
 * a delay that grows with the round: one of them falls while the send
 * holds the big lock, after it chose this thread (the kernel before). */
static void *blocker(void *unused)
{
    (void)unused;
    pin(1);
    for (int round = 1; round <= ROUNDS; round++) {
        while (round_started != round)
            sched_yield();
        set_usr1(SIG_UNBLOCK);
        blocker_ready = round;
        while (blocker_go != round)
            continue;                            /* spin: the block meets the send */
        for (volatile int step = 0; step < round % 40 * 25; step++)
            continue;                            /* a little later each round: the send's moment swept */
        set_usr1(SIG_BLOCK);
        blocker_done = round;
    }
    return 0;
}

static void cases(void)
{
    set_usr1(SIG_BLOCK);                         /* the main thread never takes it */
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = count;
    sigaction(SIGUSR1, &action, NULL);
    CHECK_EQ(0, pipe(reader_pipe), "pipe");
    pin(0);
    pthread_t reading, blocking;
    pthread_create(&reading, NULL, reader, NULL);
    pthread_create(&blocking, NULL, blocker, NULL);   /* the newest: first in the sender's look */
    int late = 0, waited_longest = 0;
    for (int round = 1; round <= ROUNDS; round++) {
        round_started = round;
        while (blocker_ready != round)
            sched_yield();
        int before = handled;
        blocker_go = round;
        kill(getpid(), SIGUSR1);
        long sent = now_ms(), waited = 0;
        while (handled == before && (waited = now_ms() - sent) < 1000)
            sched_yield();
        if (handled == before)
            late++;
        if ((int)waited > waited_longest)
            waited_longest = (int)waited;
        while (blocker_done != round)
            sched_yield();
    }
    pthread_join(blocking, NULL);
    long end = now_ms();
    while (handled < ROUNDS && now_ms() - end < 1000)
        sched_yield();                           /* a late one, if any, for the count below */
    stop = 1;
    CHECK_EQ(1, write(reader_pipe[1], "x", 1), "write: the reader's last read");
    pthread_join(reading, NULL);
    CHECK(late == 0, "%d of %d signals were not taken within a second: the thread chosen for them blocked them, "
          "and the thread waiting in read with them unblocked was not told", late, ROUNDS);
    CHECK(handled == ROUNDS, "the handler ran %d times for %d signals", handled, ROUNDS);
    printf("%d signals, each taken by the blocker before its block or by the reader; the longest wait %d ms\n",
           ROUNDS, waited_longest);
    close(reader_pipe[0]);
    close(reader_pipe[1]);
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("thread_blocking_a_pending_signal_passes_it_to_another_thread");
}

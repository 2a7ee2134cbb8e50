/* tests/boot/thread_blocking_a_pending_signal_passes_it_to_another_thread.c
 * - a signal sent to a process goes to one of its threads that does not
 * block it. When the thread the sender chose blocks the signal before it
 * took it, the signal is another thread's to take at once: a thread
 * asleep in read with the signal unblocked is interrupted and runs the
 * handler (POSIX; Linux's retarget_shared_pending), it does not wait
 * for the blocker to unblock it again.
 *
 * The block by sigprocmask: the main thread blocks SIGUSR1 and sends it
 * to the process, round after round, at the moment a second thread,
 * kept to the other CPU, blocks it; a third waits in read the whole
 * time with SIGUSR1 unblocked. Every round the handler must run within a
 * second, in the second thread (before its block) or in the third. On
 * two CPUs the send and the block meet: the sender, choosing first,
 * chose the second thread, the newest; the kernel before left the signal
 * pending then, the third thread asleep, until the next round's unblock
 * (signal.c's signal_retarget).
 *
 * The block at the end of sigwaitinfo, which blocks its set again: a
 * thread kept to the other CPU waits in sigwaitinfo for SIGUSR1 and
 * SIGUSR2; a sender thread sends SIGUSR1, which is handed to it, and
 * then SIGUSR2, which finds it still with its set unblocked while it
 * wakes (a sender with the big lock chooses it). Its call returns
 * SIGUSR1 and blocks SIGUSR2 again: a reader asleep with SIGUSR2
 * unblocked must take it within a second (signal_without_big_lock.c's
 * retarget_without_big_lock).
 *
 * One CPU runs no call while another is in one, and checks only the
 * delivery. */
#include <sched.h>
#include <signal.h>
#include <time.h>

#include "boot_test.h"
#include "boot_sched.h"
#include "boot_signal_rounds.h"
#include "boot_thread.h"

#define ROUNDS 200

static volatile int round_started, blocker_ready, blocker_go, blocker_done;

/* The sigwaitinfo case's. */
static volatile int waiter_tid, waiter_round, waiter_done, usr2_taken;

static void count_usr2(int signal)
{
    (void)signal;
    __atomic_add_fetch(&usr2_taken, 1, __ATOMIC_SEQ_CST);
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
        spin_until_go(&blocker_go, round);       /* the block meets the send */
        set_usr1(SIG_BLOCK);
        blocker_done = round;
    }
    return 0;
}

static void block_by_sigprocmask(void)
{
    signal_rounds_begin();
    pthread_t reading, blocking;
    static int usr1 = SIGUSR1;
    pthread_create(&reading, NULL, reader, &usr1);
    pthread_create(&blocking, NULL, blocker, NULL);   /* the newest: first in the sender's look */
    struct signal_rounds rounds = { 0, 0 };
    for (int round = 1; round <= ROUNDS; round++) {
        round_started = round;
        while (blocker_ready != round)
            sched_yield();
        int before = handled;
        blocker_go = round;
        kill(getpid(), SIGUSR1);
        signal_round_wait(&rounds, before, now_ms());
        while (blocker_done != round)
            sched_yield();
    }
    pthread_join(blocking, NULL);
    signal_rounds_end(&rounds, ROUNDS, reading,
                      "the thread chosen for them blocked them, and the thread waiting in read with them "
                      "unblocked was not told", "the blocker before its block or by the reader");
}

static sigset_t usr1_and_usr2(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGUSR2);
    return set;
}

/* Each round: waits in sigwaitinfo until it has taken SIGUSR1 (a
 * SIGUSR2 it takes too is counted as taken). */
static void *sigwaiter(void *unused)
{
    (void)unused;
    pin(1);
    waiter_tid = gettid();
    sigset_t set = usr1_and_usr2();
    for (int round = 1; round <= ROUNDS; round++) {
        while (round_started != round)
            sched_yield();
        waiter_round = round;
        int signal;
        while ((signal = sigwaitinfo(&set, NULL)) != SIGUSR1)
            if (signal == SIGUSR2)
                __atomic_add_fetch(&usr2_taken, 1, __ATOMIC_SEQ_CST);
        waiter_done = round;
    }
    return 0;
}

/* Sends SIGUSR1, then SIGUSR2 a little later each round, to the
 * process; SIGUSR2 must be taken within a second. */
static void *sender(void *unused)
{
    (void)unused;
    pin(0);
    sigset_t usr2;
    sigemptyset(&usr2);
    sigaddset(&usr2, SIGUSR2);
    int late = 0, waited_longest = 0;
    for (int round = 1; round <= ROUNDS; round++) {
        round_started = round;
        while (waiter_round != round)
            sched_yield();
        wait_until_thread_blocked_in(waiter_tid, "sigwait");
        int before = usr2_taken;
        kill(getpid(), SIGUSR1);                 /* handed to the waiter */
        for (volatile int step = 0; step < round % 40 * 25; step++)
            continue;                            /* a little later each round: its wake swept */
        kill(getpid(), SIGUSR2);
        long sent = now_ms(), waited = 0;
        while (usr2_taken == before && (waited = now_ms() - sent) < 1000)
            sched_yield();
        if (usr2_taken == before) {
            late++;
            struct timespec now = { 0, 0 };
            if (sigtimedwait(&usr2, NULL, &now) == SIGUSR2)
                __atomic_add_fetch(&usr2_taken, 1, __ATOMIC_SEQ_CST);   /* taken here, for the next round */
        }
        if ((int)waited > waited_longest)
            waited_longest = (int)waited;
        while (waiter_done != round)
            sched_yield();
    }
    CHECK(late == 0, "%d of %d SIGUSR2s were not taken within a second: sigwaitinfo blocked them again after "
          "they were chosen for it, and the thread waiting in read with them unblocked was not told",
          late, ROUNDS);
    CHECK(usr2_taken == ROUNDS, "SIGUSR2 was taken %d times for %d sent", usr2_taken, ROUNDS);
    printf("%d SIGUSR2s, each taken by the sigwaitinfo thread or the reader; the longest wait %d ms\n", ROUNDS,
           waited_longest);
    return 0;
}

static void block_at_the_end_of_sigwaitinfo(void)
{
    round_started = 0;
    sigset_t set = usr1_and_usr2();
    pthread_sigmask(SIG_BLOCK, &set, NULL);      /* every thread's but the reader's SIGUSR2 */
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = count_usr2;
    sigaction(SIGUSR2, &action, NULL);
    CHECK_EQ(0, pipe(reader_pipe), "pipe");
    static int usr2 = SIGUSR2;
    pthread_t reading, waiting, sending;
    pthread_create(&reading, NULL, reader, &usr2);
    pthread_create(&waiting, NULL, sigwaiter, NULL);   /* newer than the reader: chosen first */
    pthread_create(&sending, NULL, sender, NULL);
    pthread_join(sending, NULL);
    pthread_join(waiting, NULL);
    stop = 1;
    CHECK_EQ(1, write(reader_pipe[1], "x", 1), "write: the reader's last read");
    pthread_join(reading, NULL);
    close(reader_pipe[0]);
    close(reader_pipe[1]);
    signal(SIGUSR2, SIG_DFL);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

static void cases(void)
{
    block_by_sigprocmask();
    block_at_the_end_of_sigwaitinfo();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("thread_blocking_a_pending_signal_passes_it_to_another_thread");
}

/* tests/boot/boot_signal_rounds.h - the rounds of the tests that a
 * signal sent to a process is taken at once by one of its threads that
 * can take it, when the thread the sender chose cannot: a handler that
 * counts, a reader asleep in read with the signal unblocked the whole
 * time, and each round's wait of at most a second for the handler.
 * (thread_blocking_a_pending_signal_passes_it_to_another_thread,
 * thread_exit_passes_a_pending_signal_to_another_thread.) Everything
 * here is static: a test uses what it needs. */
#ifndef TESTS_BOOT_BOOT_SIGNAL_ROUNDS_H
#define TESTS_BOOT_BOOT_SIGNAL_ROUNDS_H

#include <pthread.h>
#include <sched.h>
#include <signal.h>

#include "boot_test.h"
#include "boot_sched.h"
#include "boot_thread.h"

static volatile int handled;                 /* the handler's runs */
static volatile int stop;                    /* the reader's last read is its last */
static int reader_pipe[2];

/* The calling thread kept to `cpu`, if there are two. */
static void pin(int cpu)
{
    if (sysconf(_SC_NPROCESSORS_ONLN) >= 2)
        keep_to_cpu(cpu);
}

static void count(int signal)
{
    (void)signal;
    __atomic_add_fetch(&handled, 1, __ATOMIC_SEQ_CST);
}

static void set_usr1(int how)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    pthread_sigmask(how, &set, NULL);
}

/* Waits in read with `*signal` unblocked; each handler ends one read. */
static void *reader(void *signal)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, *(int *)signal);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    char byte;
    while (!stop && read(reader_pipe[0], &byte, 1) < 0 && errno == EINTR)
        continue;
    return 0;
}

/* Spins until *go is `round` (the sender's word), then a little longer
 * each round, so that where the call that follows falls against the
 * sender's is swept over 40 rounds. On one CPU the sender runs only when
 * this thread lets it: it yields instead of spinning out its time slice. */
static void spin_until_go(volatile int *go, int round)
{
    int one_cpu = sysconf(_SC_NPROCESSORS_ONLN) < 2;
    while (*go != round)
        if (one_cpu)
            sched_yield();
    for (volatile int step = 0; step < round % 40 * 25; step++)
        continue;
}

/* The sending thread's start: SIGUSR1 blocked (it never takes it), the
 * counting handler, the reader's pipe, and CPU 0 if there are two. */
static void signal_rounds_begin(void)
{
    set_usr1(SIG_BLOCK);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = count;
    sigaction(SIGUSR1, &action, NULL);
    CHECK_EQ(0, pipe(reader_pipe), "pipe");
    pin(0);
}

struct signal_rounds {
    int late;                                /* rounds whose signal took a second or more */
    int waited_longest;                      /* ms */
};

/* Waits at most a second, from `sent` (now_ms), for the handler to have
 * run more than `before` times; a round it does not is late. */
static void signal_round_wait(struct signal_rounds *rounds, int before, long sent)
{
    long waited = 0;
    while (handled == before && (waited = now_ms() - sent) < 1000)
        sched_yield();
    if (handled == before)
        rounds->late++;
    if ((int)waited > rounds->waited_longest)
        rounds->waited_longest = (int)waited;
}

/* After `total` rounds of SIGUSR1: waits a second more for a late one,
 * ends the reader's read and joins it, and checks that none was late
 * (`late_because` says what that would mean) and that every one was
 * taken once (by `takers`). */
static void signal_rounds_end(const struct signal_rounds *rounds, int total, pthread_t reading,
                              const char *late_because, const char *takers)
{
    long end = now_ms();
    while (handled < total && now_ms() - end < 1000)
        sched_yield();                       /* a late one, if any, for the count below */
    stop = 1;
    CHECK_EQ(1, write(reader_pipe[1], "x", 1), "write: the reader's last read");
    pthread_join(reading, NULL);
    CHECK(rounds->late == 0, "%d of %d signals were not taken within a second: %s", rounds->late, total,
          late_because);
    CHECK(handled == total, "the handler ran %d times for %d signals", handled, total);
    printf("%d signals, each taken by %s; the longest wait %d ms\n", total, takers, rounds->waited_longest);
    close(reader_pipe[0]);
    close(reader_pipe[1]);
    stop = 0;
}

#endif

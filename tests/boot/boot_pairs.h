/* tests/boot/boot_pairs.h - what the tests of client-server pairs on two
 * CPUs share (pipe_pairs_on_two_cpus_keep_every_byte.c and its msg_call
 * and mailbox siblings): waiting for each pair to end well, and checking
 * that their calls went both ways a call can go on several CPUs, by
 * kinfo's counts (docs/smp.md). */
#ifndef TESTS_BOOT_BOOT_PAIRS_H
#define TESTS_BOOT_BOOT_PAIRS_H

#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <time.h>

#include "boot_test.h"

/* A second thread that only sleeps (pthread_create(&t, 0,
 * pair_thread_sleeping_for_ever, 0)): a process of two threads, whose
 * every call takes the big lock's way. */
static inline void *pair_thread_sleeping_for_ever(void *unused)
{
    (void)unused;
    for (;;)
        pause();
    return 0;
}

static inline void pair_interrupted(int signal_number)
{
    (void)signal_number;
}

/* SIGUSR1, start_interrupting's signal, runs a handler that does nothing,
 * with SA_RESTART: each wait it ends starts again. Set it before the
 * pester starts. */
static inline void restart_after_interruptions(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = pair_interrupted;
    action.sa_flags = SA_RESTART;
    CHECK_EQ(0, sigaction(SIGUSR1, &action, 0), "sigaction");
}

/* A child that polls `fd` for reading again and again (each poll 1 ms at
 * most), never reading it, until it is killed: its watches are on the
 * object's queues nearly all the time. Returns its pid. */
static inline pid_t start_polling(int fd)
{
    pid_t poller = fork();
    if (poller == 0) {
        struct pollfd entry = { fd, POLLIN, 0 };
        for (;;)
            poll(&entry, 1, 1);
    }
    return poller;
}

/* A child that stops and continues (SIGSTOP, SIGCONT) `a` and `b` in
 * turn, every 0.7 ms, until one is gone or it is killed: each wait of
 * theirs ends, and the call is restarted. Returns its pid. */
static inline pid_t start_stopping_and_continuing(pid_t a, pid_t b)
{
    pid_t pester = fork();
    if (pester == 0) {
        struct timespec pause = { 0, 700000 };
        for (unsigned round = 0;; round++) {
            pid_t target = round % 2 ? b : a;
            if (kill(target, SIGSTOP) < 0)
                _exit(0);
            nanosleep(&pause, 0);
            kill(target, SIGCONT);
            nanosleep(&pause, 0);
        }
    }
    return pester;
}

/* A child that sends `target` SIGUSR1 every 0.5 ms, until `target` is
 * gone or it is killed: each wait of `target`'s ends in its handler, and
 * the call restarts (SA_RESTART). Returns its pid. */
static inline pid_t start_interrupting(pid_t target)
{
    pid_t pester = fork();
    if (pester == 0) {
        struct timespec pause = { 0, 500000 };
        for (;;) {
            if (kill(target, SIGUSR1) < 0)
                _exit(0);
            nanosleep(&pause, 0);
        }
    }
    return pester;
}

/* Kills and waits for the two helpers the start_ functions above gave. */
static inline void end_helpers(pid_t first, pid_t second)
{
    kill(first, SIGKILL);
    kill(second, SIGKILL);
    waitpid(first, 0, 0);
    waitpid(second, 0, 0);
}

/* Waits for pair `pair`'s client, then its server: each must exit 0
 * (every message right). */
static inline void expect_pair_done(int pair, pid_t client, pid_t server)
{
    int status;
    CHECK_EQ(client, waitpid(client, &status, 0), "waitpid for a client");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "pair %d's client: every answer right (status 0x%x)",
          pair, status);
    CHECK_EQ(server, waitpid(server, &status, 0), "waitpid for a server");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "pair %d's server: every request right (status 0x%x)",
          pair, status);
}

/* Two pairs of processes over descriptor pairs of their own (ends[p][0]
 * pair p's client's end, ends[p][1] its server's, both open here): pair
 * p's server and client are forked, kept to CPU p % cpus, and given
 * their end by serve(fd, p) and call(fd, p, cpus), which end with _exit
 * (0: every message right); a poller polls pair 1's client's end and a
 * pester keeps interrupting pair 1's client with SIGUSR1 (whose handler
 * the caller set, before: the pester may come first). Returns once every
 * process has ended and each pair ended well (checked). */
static inline void run_two_pairs_polled_and_interrupted(int ends[2][2], int cpus, void (*serve)(int fd, int pair),
                                                        void (*call)(int fd, int pair, int cpus))
{
    pid_t server[2], client[2];
    for (int pair = 0; pair < 2; pair++) {
        fflush(stdout);
        if ((server[pair] = fork()) == 0) {
            keep_to_cpu(pair % cpus);
            close(ends[pair][0]);
            serve(ends[pair][1], pair);
        }
        if ((client[pair] = fork()) == 0) {
            keep_to_cpu(pair % cpus);
            close(ends[pair][1]);
            call(ends[pair][0], pair, cpus);
        }
        close(ends[pair][1]);
    }
    close(ends[0][0]);
    pid_t poller = start_polling(ends[1][0]);   /* pair 1's client's end, never read */
    close(ends[1][0]);
    pid_t pester = start_interrupting(client[1]);
    for (int pair = 0; pair < 2; pair++)
        expect_pair_done(pair, client[pair], server[pair]);
    end_helpers(poller, pester);
}

/* The calls since `before`: on several CPUs some went without the big
 * lock and at least `given_at_least` with it; on one CPU every call went
 * the usual way (neither count moves). Prints both, after `what`. */
static inline void expect_calls_both_ways(const char *what, struct kinfo_counters before, int cpus,
                                          unsigned given_at_least)
{
    struct kinfo_counters after = read_counters();
    unsigned without = after.calls_without_big_lock - before.calls_without_big_lock;
    unsigned given = after.calls_given_to_big_lock - before.calls_given_to_big_lock;
    printf("%s; on %d CPU(s) calls without the big lock %u, given to it %u\n", what, cpus, without, given);
    if (cpus > 1) {
        CHECK(without > 0, "some calls went without the big lock");
        CHECK(given >= given_at_least, "at least %u calls took the big lock (%u)", given_at_least, given);
    } else {
        CHECK(without == 0 && given == 0, "one CPU: every call went the usual way (%u, %u)", without, given);
    }
}

/* The same for a test whose calls should all go without the big lock on
 * two CPUs: prints `what` and the count of calls made without it since
 * `before`, which must be at least `at_least` there, and 0 on one CPU. */
static inline void expect_calls_without_big_lock(const char *what, struct kinfo_counters before, int cpus,
                                                 unsigned at_least)
{
    struct kinfo_counters after = read_counters();
    unsigned without = after.calls_without_big_lock - before.calls_without_big_lock;
    printf("%s; on %d CPU(s) calls without the big lock %u\n", what, cpus, without);
    if (cpus > 1)
        CHECK(without >= at_least, "at least %u calls went without the big lock (%u)", at_least, without);
    else
        CHECK(without == 0, "one CPU: every call went the usual way (%u)", without);
}

/* The signal pairs' tests (signal_pairs_ and signal_handler_pairs_on_two_
 * cpus_keep_every_signal.c): waits for the six processes of their two
 * pairs, each a server, a client and an extra sender (pids[3 * pair +
 * role]); each must exit 0. The first that does not ends the others at
 * once (its peer would wait for ever). */
static inline void expect_signal_trios_done(pid_t pids[6])
{
    static const char *const roles[3] = { "server", "client", "extra sender" };
    for (int left = 6; left > 0; left--) {
        int status;
        pid_t pid = waitpid(-1, &status, 0);
        CHECK(pid > 0, "waitpid");
        if (pid <= 0)
            return;
        int i = 0;
        while (i < 6 && pids[i] != pid)
            i++;
        if (i == 6) {
            left++;                     /* the pester, done with its target: not one of them */
            continue;
        }
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "pair %d's %s: every signal right (status 0x%x)",
              i / 3, roles[i % 3], status);
        pids[i] = 0;
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            for (int j = 0; j < 6; j++)
                if (pids[j] > 0)
                    kill(pids[j], SIGKILL);
    }
}

/* sigqueue, again while the target's queue is full (EAGAIN). */
static inline int send_queued(pid_t to, int signal_number, int value)
{
    union sigval carried = { .sival_int = value };
    int status;
    while ((status = sigqueue(to, signal_number, carried)) < 0 && errno == EAGAIN)
        sched_yield();
    return status;
}

/* A third process's work: `count` numbered signals (values 0, 1, ...) to
 * `to`, a few at a time with a pause between (some find it waiting, some
 * busy); then _exit(0), or _exit(255) if one could not be sent. */
static inline void send_numbered_signals(pid_t to, int signal_number, int count)
{
    struct timespec pause = { 0, 300000 };
    for (int i = 0; i < count; i++) {
        if (send_queued(to, signal_number, i) < 0)
            _exit(255);
        if (i % 3 == 2)
            nanosleep(&pause, 0);
    }
    _exit(0);
}

/* The signal pairs' tests: forks pair p's server, client and extra sender
 * for p = 0 and 1 (pids[3 * p + 0, 1, 2]), the server and client kept to
 * CPU p % cpus, the sender to the other; each runs its function, which
 * ends with _exit. The server first learns its client's and its sender's
 * pids (through a pipe), since it is forked before them. */
static inline void start_signal_trios(pid_t pids[6], int cpus, void (*serve)(int pair, pid_t client, pid_t sender),
                                      void (*call)(int pair, pid_t server), void (*send_extras)(int pair, pid_t server))
{
    for (int pair = 0; pair < 2; pair++) {
        pid_t *server = &pids[3 * pair], *client = server + 1, *sender = server + 2;
        int go[2];
        CHECK_EQ(0, pipe(go), "pipe");
        fflush(stdout);
        if ((*server = fork()) == 0) {
            keep_to_cpu(pair % cpus);
            pid_t told[2];
            close(go[1]);
            if (read(go[0], told, sizeof told) != (ssize_t)sizeof told)
                _exit(255);
            close(go[0]);
            serve(pair, told[0], told[1]);
        }
        if ((*client = fork()) == 0) {
            keep_to_cpu(pair % cpus);
            close(go[0]);
            close(go[1]);
            call(pair, *server);
        }
        if ((*sender = fork()) == 0) {
            keep_to_cpu((pair + 1) % cpus);
            close(go[0]);
            close(go[1]);
            send_extras(pair, *server);
        }
        pid_t told[2] = { *client, *sender };
        CHECK_EQ((ssize_t)sizeof told, write(go[1], told, sizeof told), "the server learns the pids");
        close(go[0]);
        close(go[1]);
    }
}

#endif

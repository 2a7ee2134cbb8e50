/* tests/boot/boot_pairs.h - what the tests of client-server pairs on two
 * CPUs share (pipe_pairs_on_two_cpus_keep_every_byte.c and its msg_call
 * and mailbox siblings): waiting for each pair to end well, and checking
 * that their calls went both ways a call can go on several CPUs, by
 * kinfo's counts (docs/smp.md). */
#ifndef TESTS_BOOT_BOOT_PAIRS_H
#define TESTS_BOOT_BOOT_PAIRS_H

#include <poll.h>
#include <signal.h>
#include <time.h>

#include "boot_test.h"

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

#endif

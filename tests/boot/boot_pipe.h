/* tests/boot/boot_pipe.h - what the tests of a pipe's waits share: a
 * child that does its part (writes, reads, or only closes its end) some
 * time after the fork, while the parent waits in the pipe; filling a
 * pipe without waiting; and checking how the child ended (pipe(7)).
 * Portable: the tests that include it run on Linux too
 * (tools/linux-check). */
#ifndef TESTS_BOOT_BOOT_PIPE_H
#define TESTS_BOOT_BOOT_PIPE_H

#include <fcntl.h>
#include <signal.h>

#include "boot_test.h"

/* Forks a child that closes `its_unused_end` of the pipe and sleeps
 * `delay_ns`, then returns 0 to do its part; the parent gets the child's
 * pid. In *started: the time just before the fork (the child may run
 * first), the earliest the child's part can come. */
static inline pid_t fork_late_child(int its_unused_end, long long delay_ns, long long *started)
{
    fflush(stdout);
    *started = monotonic_ns();
    pid_t child = fork();
    if (child == 0) {
        close(its_unused_end);
        usleep(delay_ns / 1000);
    }
    return child;
}

/* Writes into `write_end` until the pipe is full, without waiting
 * (O_NONBLOCK, up to EAGAIN), then makes its writes wait again; the
 * bytes the pipe took. */
static inline int fill_pipe_without_waiting(int write_end)
{
    static char block[4096];
    int capacity = 0, count;
    fcntl(write_end, F_SETFL, O_NONBLOCK);
    while ((count = write(write_end, block, sizeof block)) > 0)
        capacity += count;
    fcntl(write_end, F_SETFL, 0);           /* the next write may wait */
    return capacity;
}

/* Waits for `child` and checks that it exited 0. */
static inline void expect_exit_0(pid_t child, const char *who)
{
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: expected it to exit 0, got status 0x%x", who, status);
}

#endif

/* user/tools/bench/process.c - the scheduler and the process life cycle:
 * sched_yield between two processes, fork + _exit + waitpid, and the same
 * with vfork. */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

#define EXTRA_YIELDS 10   /* the child keeps yielding a little longer than the parent */

/* The other process of the ping: yields, ROUNDS + EXTRA_YIELDS times. Each
 * of the parent's yields hands the CPU here and each of ours hands it back;
 * the extra ones make sure none of the parent's finds nobody to yield to
 * (once the parent waits for us, ours return at once). */
static int keep_yielding(int unused)
{
    (void)unused;
    for (int round = 0; round < ROUNDS + EXTRA_YIELDS; round++)
        sched_yield();
    return 0;
}

/* One sched_yield timed: our switch to the child, its loop and its own
 * sched_yield, and the switch back. */
int bench_sched_yield_ping(int unused, struct samples *samples)
{
    (void)unused;
    pid_t child = start_child(keep_yielding, 0);
    if (child > 0)
        TIME_EACH(samples, sched_yield());
    return finish_child(child, 0);
}

/* A whole child's life: fork (a copy-on-write copy of this process), the
 * child's _exit, and the parent's waitpid collecting it. */
static inline int fork_exit_wait(void)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    int status;
    return pid > 0 && waitpid(pid, &status, 0) == pid;
}

int bench_fork_exit_wait(int unused, struct samples *samples)
{
    (void)unused;
    int failures = 0;
    fflush(stdout);                     /* no buffered output for the children to inherit */
    TIME_EACH(samples, failures += !fork_exit_wait());
    return failures ? -EIO : 0;
}

/* The same life with vfork: no copy of the address space to make or to
 * take down; the parent waits in vfork until the child's _exit. */
static int __attribute__((noinline)) vfork_exit_wait(void)
{
    pid_t pid = vfork();
    if (pid == 0)
        _exit(0);
    int status;
    return pid > 0 && waitpid(pid, &status, 0) == pid;
}

int bench_vfork_exit_wait(int unused, struct samples *samples)
{
    (void)unused;
    int failures = 0;
    fflush(stdout);
    TIME_EACH(samples, failures += !vfork_exit_wait());
    return failures ? -EIO : 0;
}

/* tests/boot/boot_sched.h - helpers for the tests of the scheduling policy
 * (docs/scheduler.md): spinners, levels read from the kernel's process
 * list, shared counters, and the clock in milliseconds. */
#ifndef TESTS_BOOT_BOOT_SCHED_H
#define TESTS_BOOT_BOOT_SCHED_H

#include <kernel.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "boot_test.h"
#include "boot_wait.h"      /* process_info */

#define BOTTOM_LEVEL 2              /* MLFQ_LEVELS - 1 (kernel/sched/mlfq.h) */

/* Milliseconds on the monotonic clock. */
static inline long now_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1000L + now.tv_nsec / 1000000L;
}

/* `pid`'s level in the multi-level feedback queue (0 runs first), or -1. */
static inline int level_of(pid_t pid)
{
    struct kinfo_process info;
    return process_info(pid, &info) ? info.level : -1;
}

/* Its CPU time in ms, or -1. */
static inline long cpu_ms_of(pid_t pid)
{
    struct kinfo_process info;
    return process_info(pid, &info) ? (long)(info.cpu_time_ns / 1000000) : -1;
}

/* A page shared with every child forked after it (MAP_SHARED|MAP_ANONYMOUS). */
static inline void *shared_page(void)
{
    void *page = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    return page == MAP_FAILED ? 0 : page;
}

/* Spins until it has reached the bottom level, then `then()` (if any),
 * then for ever: a CPU-bound process that has used up its upper levels. */
static inline void spin_to_the_bottom(void (*then)(void))
{
    pid_t self = getpid();
    volatile unsigned counter = 0;
    while (level_of(self) != BOTTOM_LEVEL)
        for (int i = 0; i < 100000; i++)
            counter++;
    if (then)
        then();
    for (;;)
        counter++;
}

/* A process spinning for ever (until killed). */
static inline pid_t start_spinner(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        spin_to_the_bottom(0);
    return pid;
}

/* Waits (sleeping) until `pid` is at the bottom level; 0 if it never gets
 * there within `ms`. */
static inline int wait_until_at_the_bottom(pid_t pid, long ms)
{
    long end = now_ms() + ms;
    while (level_of(pid) != BOTTOM_LEVEL)
        if (now_ms() > end)
            return 0;
        else
            usleep(2000);
    return 1;
}

static inline void stop_process(pid_t pid)
{
    kill(pid, SIGKILL);
    waitpid(pid, 0, 0);
}

#endif

/* tests/boot/boot_realtime.h - helpers for the tests of the real-time
 * classes: bounded spinning, CPU time from getrusage, and the number of
 * CPUs (tests written to hold on one CPU here and on several under Linux). */
#ifndef TESTS_BOOT_BOOT_REALTIME_H
#define TESTS_BOOT_BOOT_REALTIME_H

#include <sched.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>

#include "boot_test.h"

static inline long realtime_now_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1000L + now.tv_nsec / 1000000L;
}

/* CPU time of `who` (RUSAGE_SELF, RUSAGE_CHILDREN, RUSAGE_THREAD) in ms. */
static inline long cpu_ms(int who)
{
    struct rusage usage;
    if (getrusage(who, &usage) < 0)
        return -1;
    return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000L +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000L;
}

/* Spins until `ms` milliseconds of wall time have passed. */
static inline void spin_for_ms(long ms)
{
    long end = realtime_now_ms() + ms;
    volatile unsigned counter = 0;
    while (realtime_now_ms() < end)
        for (int i = 0; i < 1000; i++)
            counter++;
}

/* Sets the caller's class; 1 if it took. */
static inline int become(int policy, int priority)
{
    struct sched_param param = { .sched_priority = priority };
    int result = sched_setscheduler(0, policy, &param);
    CHECK(result == 0, "sched_setscheduler(%d, %d): %s", policy, priority, strerror(errno));
    return result == 0;
}

/* A page shared with every child forked after it. */
static inline volatile long *shared_longs(void)
{
    void *page = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    return page == MAP_FAILED ? 0 : (volatile long *)page;
}

#endif

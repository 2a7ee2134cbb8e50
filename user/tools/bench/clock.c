/* user/tools/bench/clock.c - what a program pays to read the time.
 *
 * clock_gettime(CLOCK_MONOTONIC) is a system call here: the count of ticks
 * and the time-stamp counter's time since the last (kernel/sched/clock.c),
 * read without the big lock (clock_without_big_lock.c). Linux answers it
 * in user mode, from its vDSO: no system call when its clock source is
 * the time-stamp counter. */
#include <time.h>

#include "bench.h"

int bench_clock_gettime(int unused, struct samples *samples)
{
    (void)unused;
    struct timespec now;
    TIME_EACH(samples, clock_gettime(CLOCK_MONOTONIC, &now));
    return 0;
}

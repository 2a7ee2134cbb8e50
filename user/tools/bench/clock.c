/* user/tools/bench/clock.c - what a program pays to read the time.
 *
 * clock_gettime(CLOCK_MONOTONIC) reads the clock page here
 * (docs/timers.md, "Reading the clock without the kernel"): the clock at
 * the last tick and the time-stamp counter's time since, in user mode,
 * with no system call, as Linux answers it from its vDSO. */
#include <time.h>

#include "bench.h"

int bench_clock_gettime(int unused, struct samples *samples)
{
    (void)unused;
    struct timespec now;
    TIME_EACH(samples, clock_gettime(CLOCK_MONOTONIC, &now));
    return 0;
}

/* libc/time/processor_time.c - clock(): the processor time the process has
 * used, in CLOCKS_PER_SEC units (microseconds), read from
 * CLOCK_PROCESS_CPUTIME_ID as glibc does (kernel/sched/cpu_time.c counts
 * it a tick at a time). */
#include <time.h>

/* (clock_t)-1 if the time cannot be had. It wraps after 2^31
 * microseconds (about 36 minutes), as a 32-bit clock_t does on Linux. */
clock_t clock(void)
{
    struct timespec used;
    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &used) < 0)
        return (clock_t)-1;
    return (clock_t)((unsigned long)used.tv_sec * CLOCKS_PER_SEC + (unsigned long)used.tv_nsec / 1000);
}

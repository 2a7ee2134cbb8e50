/* libc/time/processor_time.c - clock(): the processor time the process
 * has used.
 *
 * POSIX defines clock() as CLOCK_PROCESS_CPUTIME_ID in CLOCKS_PER_SEC
 * units, which is what it reads once the kernel has that clock. Until
 * then (kernel/uapi/time.h has no such id yet) it reads the process's
 * CPU time from kinfo(KINFO_PROCESSES), the count that ps shows: every
 * thread's running time, in whole clock ticks. */
#include <errno.h>
#include <kernel.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define NANOSECONDS_PER_CLOCK_UNIT (1000000000LL / CLOCKS_PER_SEC)
#define PROCESS_TABLE_SIZE 64     /* kernel/proc/process.h MAX_PROCESSES */

/* The CPU time of this process in nanoseconds from the process table;
 * -1 with errno if it cannot be read. */
static long long cpu_time_from_process_table(void)
{
    struct kinfo_process *table = malloc(PROCESS_TABLE_SIZE * sizeof *table);
    if (!table)
        return -1;
    int bytes = kinfo(KINFO_PROCESSES, table, PROCESS_TABLE_SIZE * sizeof *table);
    long long result = -1;
    pid_t self = getpid();
    for (int i = 0; bytes > 0 && i < bytes / (int)sizeof *table; i++)
        if (table[i].pid == self)
            result = (long long)table[i].cpu_time_ns;
    if (bytes >= 0 && result < 0)
        errno = ESRCH;
    free(table);
    return result;
}

/* The processor time this process (all its threads) has used, in
 * CLOCKS_PER_SEC units; (clock_t)-1 if it cannot be told. Like glibc's on
 * a 32-bit machine it wraps after 2^31 microseconds (36 minutes). */
clock_t clock(void)
{
    long long nanoseconds = -1;
#ifdef CLOCK_PROCESS_CPUTIME_ID
    struct timespec used;
    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &used) == 0)
        nanoseconds = used.tv_sec * 1000000000LL + used.tv_nsec;
#endif
    if (nanoseconds < 0)
        nanoseconds = cpu_time_from_process_table();
    if (nanoseconds < 0)
        return (clock_t)-1;
    return (clock_t)(unsigned long)(nanoseconds / NANOSECONDS_PER_CLOCK_UNIT);
}

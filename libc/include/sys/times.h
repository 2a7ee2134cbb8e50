/* libc/include/sys/times.h - times(2): the CPU time of the process and of
 * its waited-for children, in clock ticks (sysconf(_SC_CLK_TCK), 100 a
 * second as on Linux). */
#ifndef LIBC_INCLUDE_SYS_TIMES_H
#define LIBC_INCLUDE_SYS_TIMES_H

#include <sys/types.h>

struct tms {
    clock_t tms_utime;     /* the process's user time */
    clock_t tms_stime;     /* its system time */
    clock_t tms_cutime;    /* its waited-for children's user time */
    clock_t tms_cstime;    /* ... and system time */
};

clock_t times(struct tms *buffer);

#endif

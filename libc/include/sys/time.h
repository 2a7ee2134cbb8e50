/* libc/include/sys/time.h - struct timeval and gettimeofday, the older
 * microsecond form of CLOCK_REALTIME that many programs still read; and
 * select, which older programs find here (POSIX allows it). */
#ifndef LIBC_INCLUDE_SYS_TIME_H
#define LIBC_INCLUDE_SYS_TIME_H

#include <sys/types.h>

struct timeval {
    time_t      tv_sec;    /* seconds since the Epoch */
    suseconds_t tv_usec;   /* and microseconds, 0..999999 */
};

int gettimeofday(struct timeval *now, void *timezone);

#include <sys/select.h>

#endif

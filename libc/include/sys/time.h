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

/* Sets the access and modification times of `path` (times[0], times[1],
 * in microseconds; NULL: both now): utimensat(2) in older clothes. */
int utimes(const char *path, const struct timeval times[2]);

/* The interval timers (setitimer(2)): ITIMER_REAL, ITIMER_VIRTUAL,
 * ITIMER_PROF from kernel/uapi/time.h; the layout is the kernel's struct
 * kernel_itimerval. */
#include <uapi/time.h>
struct itimerval {
    struct timeval it_interval;   /* reloaded with after each expiry; 0: once */
    struct timeval it_value;      /* time left; 0: disarmed */
};
int setitimer(int which, const struct itimerval *value, struct itimerval *old);
int getitimer(int which, struct itimerval *value);

#include <sys/select.h>

#endif

/* libc/include/time.h - clocks and sleeping (struct timespec and the clock
 * ids come from kernel/uapi/time.h). */
#ifndef LIBC_INCLUDE_TIME_H
#define LIBC_INCLUDE_TIME_H

#include <sys/types.h>
#include <uapi/time.h>

time_t time(time_t *result);
double difftime(time_t later, time_t earlier);
int nanosleep(const struct timespec *request, struct timespec *remaining);
int clock_gettime(clockid_t clock, struct timespec *now);
int clock_settime(clockid_t clock, const struct timespec *time);

#endif

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

/* Timers and clocks (docs/timers.md): POSIX per-process timers, the
 * clocks' resolution, sleeping on a clock, CPU-time clocks. */
struct sigevent;
int timer_create(clockid_t clock, struct sigevent *event, timer_t *timer);
int timer_settime(timer_t timer, int flags, const struct itimerspec *value, struct itimerspec *old);
int timer_gettime(timer_t timer, struct itimerspec *value);
int timer_getoverrun(timer_t timer);
int timer_delete(timer_t timer);
int clock_getres(clockid_t clock, struct timespec *resolution);
int clock_nanosleep(clockid_t clock, int flags, const struct timespec *request, struct timespec *remaining);
int clock_getcpuclockid(pid_t pid, clockid_t *clock);
#define CLOCKS_PER_SEC 1000000l   /* clock()'s unit, as XSI and glibc have it */
clock_t clock(void);

#endif

/* libc/include/time.h - clocks and sleeping (struct timespec and the clock
 * ids come from kernel/uapi/time.h); calendar time: struct tm and the
 * conversions between it, time_t and text. */
#ifndef LIBC_INCLUDE_TIME_H
#define LIBC_INCLUDE_TIME_H

#include <sys/types.h>
#include <uapi/time.h>

time_t time(time_t *result);
double difftime(time_t later, time_t earlier);
int nanosleep(const struct timespec *request, struct timespec *remaining);
int clock_gettime(clockid_t clock, struct timespec *now);
int clock_settime(clockid_t clock, const struct timespec *time);

/* ---- calendar time (libc/time/calendar.c, strftime.c, strptime.c, asctime.c)
 * The kernel keeps no time zone: local time is UTC. tzset() sets
 * tzname[] to "UTC", timezone to 0 and daylight to 0, whatever TZ says. */
#include <stddef.h>

#define CLOCKS_PER_SEC 1000000L   /* clock()'s unit: microseconds, as POSIX wants */

struct tm {
    int tm_sec;                   /* 0..60 (60: a leap second) */
    int tm_min;                   /* 0..59 */
    int tm_hour;                  /* 0..23 */
    int tm_mday;                  /* 1..31 */
    int tm_mon;                   /* 0..11, January is 0 */
    int tm_year;                  /* years since 1900 */
    int tm_wday;                  /* 0..6, Sunday is 0 */
    int tm_yday;                  /* 0..365, 1 January is 0 */
    int tm_isdst;                 /* > 0 daylight saving time, 0 not, < 0 unknown */
    long tm_gmtoff;               /* seconds east of UTC (glibc, BSD): always 0 here */
    const char *tm_zone;          /* the zone's abbreviation (glibc, BSD) */
};

extern char *tzname[2];
extern long timezone;
extern int daylight;

clock_t clock(void);
struct tm *gmtime(const time_t *time);
struct tm *gmtime_r(const time_t *time, struct tm *result);
struct tm *localtime(const time_t *time);
struct tm *localtime_r(const time_t *time, struct tm *result);
time_t mktime(struct tm *tm);
time_t timegm(struct tm *tm);
void tzset(void);
size_t strftime(char *out, size_t size, const char *format, const struct tm *tm);
char *strptime(const char *text, const char *format, struct tm *tm);
char *asctime(const struct tm *tm);
char *asctime_r(const struct tm *tm, char *buffer);
char *ctime(const time_t *time);
char *ctime_r(const time_t *time, char *buffer);

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

#endif

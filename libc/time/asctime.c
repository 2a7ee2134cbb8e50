/* libc/time/asctime.c - the fixed date format of asctime and ctime:
 * "Sun Sep 16 01:03:52 1973\n", 26 bytes with the NUL. */
#include <errno.h>
#include <stdio.h>
#include <time.h>

#define ASCTIME_SIZE 26   /* what POSIX says the caller's buffer holds */

/* Writes tm as "Www Mmm dd hh:mm:ss yyyy\n" into `buffer` (ASCTIME_SIZE
 * bytes) and returns it; a weekday or month out of range is written "???"
 * as glibc does. NULL with EOVERFLOW if the text would not fit (a year
 * past 9999 or before -999). */
char *asctime_r(const struct tm *tm, char *buffer)
{
    static const char weekdays[][4] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
    static const char months[][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    const char *weekday = tm->tm_wday >= 0 && tm->tm_wday < 7 ? weekdays[tm->tm_wday] : "???";
    const char *month = tm->tm_mon >= 0 && tm->tm_mon < 12 ? months[tm->tm_mon] : "???";
    int length = snprintf(buffer, ASCTIME_SIZE, "%.3s %.3s%3d %.2d:%.2d:%.2d %d\n", weekday, month,
                          tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec, 1900 + tm->tm_year);
    if (length < 0 || length >= ASCTIME_SIZE) {
        errno = EOVERFLOW;
        return NULL;
    }
    return buffer;
}

/* asctime_r into a static buffer (not thread-safe). */
char *asctime(const struct tm *tm)
{
    static char shared[ASCTIME_SIZE];
    return asctime_r(tm, shared);
}

/* asctime_r of localtime_r(time): the local time (UTC here) as text. */
char *ctime_r(const time_t *time, char *buffer)
{
    struct tm tm;
    return asctime_r(localtime_r(time, &tm), buffer);
}

/* ctime_r into asctime's static buffer (not thread-safe). */
char *ctime(const time_t *time)
{
    return asctime(localtime(time));
}

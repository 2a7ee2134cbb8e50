/* kernel/lib/calendar.c - a UTC date and time of day as seconds since the
 * Epoch (calendar.h). */
#include "calendar.h"

#define SECONDS_PER_DAY 86400

static int is_leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
    static const unsigned char days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return days[month - 1] + (month == 2 && is_leap_year(year));
}

int calendar_is_valid(const struct calendar_time *time)
{
    return time->year >= 1970 && time->month >= 1 && time->month <= 12 && time->day >= 1 &&
           time->day <= days_in_month(time->year, time->month) && time->hour >= 0 && time->hour <= 23 &&
           time->minute >= 0 && time->minute <= 59 && time->second >= 0 && time->second <= 59;
}

/* POSIX's words, with tm_year the years since 1900 and tm_yday the days
 * since January 1st:
 *     tm_sec + tm_min*60 + tm_hour*3600 + tm_yday*86400 +
 *     (tm_year-70)*31536000 + ((tm_year-69)/4)*86400 -
 *     ((tm_year-1)/100)*86400 + ((tm_year+299)/400)*86400
 * The last three terms add the leap days of the years before this one:
 * every fourth year, less the centuries, plus every fourth century. */
int64_t calendar_seconds_since_epoch(const struct calendar_time *time)
{
    int64_t tm_year = time->year - 1900;
    int64_t tm_yday = time->day - 1;
    for (int month = 1; month < time->month; month++)
        tm_yday += days_in_month(time->year, month);
    return time->second + time->minute * 60 + time->hour * 3600 + tm_yday * SECONDS_PER_DAY +
           (tm_year - 70) * 31536000 + ((tm_year - 69) / 4) * SECONDS_PER_DAY -
           ((tm_year - 1) / 100) * SECONDS_PER_DAY + ((tm_year + 299) / 400) * SECONDS_PER_DAY;
}

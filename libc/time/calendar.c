/* libc/time/calendar.c - calendar time: seconds since the Epoch to a
 * broken-down date (gmtime, localtime) and back (timegm, mktime).
 *
 * The proleptic Gregorian calendar, counted in days from 1970-01-01 (day
 * 0, a Thursday). Years are counted from 1 March, so that the leap day is
 * the last day of its year and every month but February has a fixed place:
 *
 *   era  = 400 years = 146097 days (the calendar repeats each era)
 *   year = Mar Apr May Jun Jul Aug Sep Oct Nov Dec Jan Feb(28 or 29)
 *
 * The kernel keeps no time zone, so local time is UTC: localtime is
 * gmtime with the zone named "UTC", and mktime is timegm. */
#include <errno.h>
#include <limits.h>
#include <time.h>

#define SECONDS_PER_DAY   86400L
#define DAYS_PER_ERA      146097L   /* 400 Gregorian years */
#define YEARS_PER_ERA     400L
#define EPOCH_WEEKDAY     4         /* 1970-01-01 was a Thursday */
#define DAYS_FROM_ERA_START_TO_EPOCH 719468L   /* 0000-03-01 to 1970-01-01 */

char *tzname[2] = { "UTC", "UTC" };
long timezone;
int daylight;

/* Rounds a / b towards minus infinity (C's division truncates). */
static long long floor_divide(long long a, long long b)
{
    long long quotient = a / b;
    return quotient - (a % b != 0 && (a < 0) != (b < 0));
}

/* Days from 1970-01-01 to `year`-`month`-`day` (month 1..12, day 1..31). */
static long long days_from_date(long long year, int month, int day)
{
    year -= month <= 2;                                   /* Jan and Feb end the year before */
    long long era = floor_divide(year, YEARS_PER_ERA);
    long long year_of_era = year - era * YEARS_PER_ERA;                 /* 0..399 */
    int month_from_march = month > 2 ? month - 3 : month + 9;           /* 0..11 */
    long long day_of_year = (153 * month_from_march + 2) / 5 + day - 1; /* 0..365 */
    long long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * DAYS_PER_ERA + day_of_era - DAYS_FROM_ERA_START_TO_EPOCH;
}

/* Fills the date fields of `tm` (year, month, day, weekday, day of the
 * year) for `days` since 1970-01-01. */
static void date_from_days(long long days, struct tm *tm)
{
    long long shifted = days + DAYS_FROM_ERA_START_TO_EPOCH;
    long long era = floor_divide(shifted, DAYS_PER_ERA);
    long long day_of_era = shifted - era * DAYS_PER_ERA;                /* 0..146096 */
    long long year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 -
                             day_of_era / 146096) / 365;                /* 0..399 */
    long long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    int month_from_march = (int)((5 * day_of_year + 2) / 153);          /* 0..11 */
    int month = month_from_march < 10 ? month_from_march + 3 : month_from_march - 9;
    long long year = year_of_era + era * YEARS_PER_ERA + (month <= 2);
    tm->tm_mday = (int)(day_of_year - (153 * month_from_march + 2) / 5 + 1);
    tm->tm_mon = month - 1;
    tm->tm_year = (int)(year - 1900);
    long long weekday = (days + EPOCH_WEEKDAY) % 7;
    tm->tm_wday = (int)(weekday < 0 ? weekday + 7 : weekday);
    tm->tm_yday = (int)(days - days_from_date(year, 1, 1));
}

/* Breaks `seconds` since the Epoch into `tm` (UTC); `zone` names it. */
static struct tm *break_down(long long seconds, struct tm *tm, const char *zone)
{
    long long days = floor_divide(seconds, SECONDS_PER_DAY);
    long long second_of_day = seconds - days * SECONDS_PER_DAY;
    date_from_days(days, tm);
    tm->tm_hour = (int)(second_of_day / 3600);
    tm->tm_min = (int)(second_of_day / 60 % 60);
    tm->tm_sec = (int)(second_of_day % 60);
    tm->tm_isdst = 0;
    tm->tm_gmtoff = 0;
    tm->tm_zone = zone;
    return tm;
}

/* Breaks *time down into *result as a UTC date (zone "GMT", as glibc
 * names it) and returns result (every 32-bit time_t fits). Thread-safe. */
struct tm *gmtime_r(const time_t *time, struct tm *result)
{
    return break_down(*time, result, "GMT");
}

/* gmtime_r into one static struct tm shared with localtime (ISO C). */
struct tm *gmtime(const time_t *time)
{
    static struct tm shared;
    return gmtime_r(time, &shared);
}

/* Sets tzname, timezone and daylight for the local zone: UTC, always
 * (the kernel has no zones; TZ is not read). */
void tzset(void)
{
    tzname[0] = tzname[1] = "UTC";
    timezone = 0;
    daylight = 0;
}

/* Breaks *time down as local time, which is UTC here (zone "UTC").
 * Thread-safe. */
struct tm *localtime_r(const time_t *time, struct tm *result)
{
    tzset();
    return break_down(*time, result, "UTC");
}

/* localtime_r into a static struct tm (ISO C: not thread-safe). */
struct tm *localtime(const time_t *time)
{
    static struct tm shared;
    return localtime_r(time, &shared);
}

/* The seconds since the Epoch of the UTC date in *tm, whose fields may
 * lie outside their ranges (13 months is a year and a month; day 0 is the
 * last of the month before). *tm is then normalised: every field in
 * range, tm_wday and tm_yday set (their values on entry are ignored), the
 * zone named `zone`. Returns (time_t)-1 with EOVERFLOW, leaving *tm
 * alone, if the date does not fit in a time_t. */
static time_t normalise(struct tm *tm, const char *zone)
{
    long long months = (long long)tm->tm_mon;
    long long year = 1900LL + tm->tm_year + floor_divide(months, 12);
    int month = (int)(months - floor_divide(months, 12) * 12);
    long long days = days_from_date(year, month + 1, 1) + tm->tm_mday - 1;
    long long seconds = days * SECONDS_PER_DAY + tm->tm_hour * 3600LL + tm->tm_min * 60LL + tm->tm_sec;
    if (seconds < LONG_MIN || seconds > LONG_MAX) {
        errno = EOVERFLOW;
        return (time_t)-1;
    }
    break_down(seconds, tm, zone);
    return (time_t)seconds;
}

/* The inverse of gmtime: normalise's work on a UTC date (GNU, BSD). */
time_t timegm(struct tm *tm)
{
    return normalise(tm, "GMT");
}

/* The inverse of localtime: local time is UTC, so this is timegm, with
 * the zone named "UTC" and tm_isdst 0 on return. A tm_isdst > 0 on entry
 * asks for a daylight saving time UTC does not have; glibc then takes the
 * date as one hour ahead of standard time, and so does this. */
time_t mktime(struct tm *tm)
{
    tzset();
    struct tm standard = *tm;
    if (standard.tm_isdst > 0)
        standard.tm_hour -= 1;
    time_t seconds = normalise(&standard, "UTC");
    if (seconds != (time_t)-1 || standard.tm_isdst == 0)
        *tm = standard;
    return seconds;
}

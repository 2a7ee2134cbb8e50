/* libc_time_functions_convert_and_format_dates: gmtime_r, localtime_r,
 * timegm, mktime, strftime, asctime_r, ctime_r and clock as glibc has them
 * with TZ=UTC (this kernel's only zone): known dates both ways, leap
 * years and centuries, dates before the Epoch, every day of the 32-bit
 * range round-tripping and following the one before, mktime normalising fields
 * out of range, every POSIX conversion of strftime, its flags, and 0 for
 * a buffer too small; asctime's fixed format and EOVERFLOW. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "boot_test.h"

#define CHECK_TEXT(expected, actual, what)                                         \
    CHECK(strcmp((expected), (actual)) == 0, "%s: expected \"%s\", got \"%s\"", what, \
          (expected), (actual))

static struct tm date(int year, int month, int day, int hour, int minute, int second)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    return tm;
}

/* The seconds of a date by timegm, and gmtime_r back to the same date. */
static void check_round_trip(int year, int month, int day, int hour, int minute, int second,
                             long expected, int weekday, int year_day)
{
    struct tm tm = date(year, month, day, hour, minute, second);
    time_t seconds = timegm(&tm);
    CHECK(seconds == expected, "timegm(%04d-%02d-%02d): expected %ld, got %ld", year, month, day,
          expected, (long)seconds);
    struct tm back;
    memset(&back, 0xff, sizeof back);
    time_t t = expected;
    CHECK(gmtime_r(&t, &back) == &back, "gmtime_r returns its result argument");
    CHECK(back.tm_year == year - 1900 && back.tm_mon == month - 1 && back.tm_mday == day &&
          back.tm_hour == hour && back.tm_min == minute && back.tm_sec == second,
          "gmtime_r(%ld): %d-%d-%d %d:%d:%d", expected, back.tm_year + 1900, back.tm_mon + 1,
          back.tm_mday, back.tm_hour, back.tm_min, back.tm_sec);
    CHECK_EQ(weekday, back.tm_wday, "tm_wday");
    CHECK_EQ(year_day, back.tm_yday, "tm_yday");
    CHECK_EQ(0, back.tm_isdst, "tm_isdst of UTC");
}

static void check_conversions(void)
{
    check_round_trip(1970, 1, 1, 0, 0, 0, 0, 4, 0);
    check_round_trip(2000, 2, 29, 12, 0, 0, 951825600, 2, 59);
    check_round_trip(2000, 12, 31, 23, 59, 59, 978307199, 0, 365);
    check_round_trip(2024, 12, 31, 21, 43, 56, 1735681436, 2, 365);
    check_round_trip(2038, 1, 19, 3, 14, 7, 2147483647L, 2, 18);
    check_round_trip(1969, 12, 31, 23, 59, 59, -1, 3, 364);
    check_round_trip(1901, 12, 13, 20, 45, 52, -2147483647L - 1, 5, 346);
    check_round_trip(1904, 2, 29, 0, 0, 0, -2077747200L, 1, 59);
    check_round_trip(1999, 3, 1, 0, 0, 0, 920246400, 1, 59);      /* not a leap year */

    time_t t = 86400 * 365;
    struct tm *shared = gmtime(&t);
    CHECK(shared && shared->tm_year == 71 && shared->tm_yday == 0, "gmtime(1971-01-01)");
    struct tm *local = localtime(&t);
    CHECK(local && local->tm_year == 71 && local->tm_hour == 0, "localtime is UTC");
    CHECK(local && local->tm_gmtoff == 0, "tm_gmtoff of local time is 0");
    CHECK(local && local->tm_zone && strcmp(local->tm_zone, "UTC") == 0, "local zone is UTC");
    struct tm mine;
    CHECK(localtime_r(&t, &mine) == &mine && mine.tm_mday == 1, "localtime_r");
    CHECK_TEXT("UTC", tzname[0], "tzname[0]");
    CHECK_EQ(0, timezone, "timezone");
    CHECK_EQ(0, daylight, "daylight");
}

/* Every day of the 32-bit range, at a time of day that moves: gmtime_r
 * and timegm undo each other, and each day follows the one before (the
 * weekday turns by one, the day of the year by one or back to 0 on
 * 1 January, the month and year carry as the calendar says). */
static void check_every_day_round_trips(void)
{
    int failures = 0;
    struct tm previous;
    memset(&previous, 0, sizeof previous);
    for (long long t = -2147483647LL - 1 + 3600; t <= 2147483647LL - 86400; t += 86400 + 7) {
        time_t seconds = (time_t)t;
        struct tm tm;
        gmtime_r(&seconds, &tm);
        struct tm copy = tm;
        if (timegm(&copy) != seconds && failures++ < 5)
            CHECK(0, "timegm(gmtime_r(%lld)) is not %lld", t, t);
        if (previous.tm_mday != 0) {
            int next_day = tm.tm_mday == previous.tm_mday + 1 ||
                           (tm.tm_mday == 1 && (tm.tm_mon == (previous.tm_mon + 1) % 12));
            int next_year_day = tm.tm_yday == previous.tm_yday + 1 ||
                                (tm.tm_yday == 0 && tm.tm_year == previous.tm_year + 1 &&
                                 tm.tm_mon == 0 && previous.tm_mon == 11 && previous.tm_mday == 31);
            if ((!next_day || !next_year_day || tm.tm_wday != (previous.tm_wday + 1) % 7) && failures++ < 5)
                CHECK(0, "%lld: %d-%d-%d (yday %d, wday %d) does not follow %d-%d-%d (yday %d, wday %d)", t,
                      tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_yday, tm.tm_wday,
                      previous.tm_year + 1900, previous.tm_mon + 1, previous.tm_mday, previous.tm_yday,
                      previous.tm_wday);
        }
        previous = tm;
        if (tm.tm_hour == 23 && tm.tm_min >= 59)   /* the drift would skip a day: restart the day */
            previous.tm_mday = 0;
    }
    CHECK_EQ(0, failures, "days that did not round-trip or follow");
}

static void check_mktime_normalises(void)
{
    struct tm tm = date(2023, 14, 1, 0, 0, 0);            /* month 14 of 2023: February 2024 */
    CHECK_EQ(1706745600, mktime(&tm), "mktime of month 14");
    CHECK(tm.tm_year == 124 && tm.tm_mon == 1 && tm.tm_mday == 1, "month 14 became Feb 2024");
    CHECK_EQ(4, tm.tm_wday, "and the weekday is set (Thursday)");

    tm = date(2024, 3, 0, 0, 0, 0);                        /* day 0 of March: 29 February */
    mktime(&tm);
    CHECK(tm.tm_mon == 1 && tm.tm_mday == 29 && tm.tm_yday == 59, "day 0 is the last of February");

    tm = date(2024, 1, 1, 0, 0, -1);                       /* one second before */
    CHECK_EQ(1704067199, mktime(&tm), "second -1");
    CHECK(tm.tm_year == 123 && tm.tm_mon == 11 && tm.tm_mday == 31 && tm.tm_hour == 23 &&
          tm.tm_min == 59 && tm.tm_sec == 59, "second -1 is 2023-12-31 23:59:59");

    tm = date(2024, 1, 1, 25, 70, 3600);                   /* 25 h, 70 min, 3600 s */
    CHECK_EQ(1704067200 + 25 * 3600 + 70 * 60 + 3600, mktime(&tm), "hours and minutes past their range");
    CHECK(tm.tm_mday == 2 && tm.tm_hour == 3 && tm.tm_min == 10 && tm.tm_sec == 0, "carried into the day");

    tm = date(2024, -1, 31, 0, 0, 0);                      /* month -1: November 2023; 31 Nov = 1 Dec */
    mktime(&tm);
    CHECK(tm.tm_year == 123 && tm.tm_mon == 11 && tm.tm_mday == 1, "negative month and day past its end");

    tm = date(2024, 6, 1, 12, 0, 0);
    tm.tm_wday = 99;
    tm.tm_yday = -5;
    CHECK_EQ(1717243200, mktime(&tm), "tm_wday and tm_yday are ignored on entry");
    CHECK(tm.tm_wday == 6 && tm.tm_yday == 152, "and set on return");

    tm = date(2024, 6, 1, 12, 0, 0);
    tm.tm_isdst = -1;
    CHECK_EQ(1717243200, mktime(&tm), "tm_isdst -1: decided by the zone");
    CHECK_EQ(0, tm.tm_isdst, "UTC has no daylight saving time");

    tm = date(2024, 6, 1, 12, 0, 0);
    tm.tm_isdst = 1;                                       /* glibc takes it as an hour ahead */
    CHECK_EQ(1717243200 - 3600, mktime(&tm), "tm_isdst 1 in a zone without it");
    CHECK_EQ(0, tm.tm_isdst, "tm_isdst comes back 0");

    tm = date(2100, 1, 1, 0, 0, 0);
    struct tm before = tm;
    errno = 0;
    time_t far = mktime(&tm);
    if (sizeof(time_t) == 4) {                             /* this kernel's; Linux on x86-64 has 64 bits */
        CHECK_EQ(-1, far, "a date past 2038 does not fit a 32-bit time_t");
        CHECK_EQ(EOVERFLOW, errno, "errno");
        CHECK(tm.tm_year == before.tm_year && tm.tm_mday == before.tm_mday, "tm left alone");
    }

    tm = date(1969, 12, 31, 23, 59, 59);
    errno = 0;
    CHECK_EQ(-1, mktime(&tm), "one second before the Epoch is -1");
    CHECK_EQ(0, errno, "and that is not an error");
    CHECK_EQ(59, tm.tm_sec, "and normalised");

    tm = date(2024, 2, 29, 0, 0, 0);
    CHECK_EQ(timegm(&tm), mktime(&tm), "mktime is timegm in UTC");
}

static void check_strftime(void)
{
    struct tm tm = date(2024, 2, 5, 7, 3, 9);             /* a Monday */
    mktime(&tm);
    char out[128];
    static const struct { const char *format, *expected; } cases[] = {
        { "%a %A %b %B %h", "Mon Monday Feb February Feb" },
        { "%c", "Mon Feb  5 07:03:09 2024" },
        { "%C %y %Y", "20 24 2024" },
        { "%d %e %D %F", "05  5 02/05/24 2024-02-05" },
        { "%H %I %M %S %p %P", "07 07 03 09 AM am" },
        { "%j %m %n%t%%", "036 02 \n\t%" },
        { "%r %R %T", "07:03:09 AM 07:03 07:03:09" },
        { "%u %w %U %W %V %G %g", "1 1 05 06 06 2024 24" },
        { "%x %X", "02/05/24 07:03:09" },
        { "%z %Z", "+0000 UTC" },
        { "%s", "1707116589" },
        { "%k %l", " 7  7" },
        { "%Ey %Od %EY", "24 05 2024" },
        { "%-d %_m %-j %5d %_5H %10Y", "5  2 36 00005     7 0000002024" },
        { "%^a %^B %#Z %#p", "MON FEBRUARY utc am" },
        { "%q %", "%q %" },
        { "", "" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t length = strftime(out, sizeof out, cases[i].format, &tm);
        CHECK(length == strlen(cases[i].expected) && strcmp(out, cases[i].expected) == 0,
              "strftime(\"%s\"): expected \"%s\", got \"%s\" (%zu)", cases[i].format,
              cases[i].expected, out, length);
    }

    struct tm afternoon = date(2023, 1, 1, 0, 0, 0);       /* a Sunday, in ISO week 52 of 2022 */
    mktime(&afternoon);
    afternoon.tm_hour = 12;
    strftime(out, sizeof out, "%I %p %U %W %V %G %u", &afternoon);
    CHECK_TEXT("12 PM 01 00 52 2022 7", out, "noon of 1 January 2023");
    struct tm midnight = date(2020, 12, 31, 0, 0, 0);      /* Thursday, ISO week 53 of 2020 */
    mktime(&midnight);
    strftime(out, sizeof out, "%I %p %V %G %j", &midnight);
    CHECK_TEXT("12 AM 53 2020 366", out, "midnight of 31 December 2020");
    struct tm late = date(2024, 12, 30, 0, 0, 0);          /* Monday, ISO week 1 of 2025 */
    mktime(&late);
    strftime(out, sizeof out, "%V %G %g", &late);
    CHECK_TEXT("01 2025 25", out, "30 December 2024");

    CHECK_EQ(10, strftime(out, 11, "%Y-%m-%d", &tm), "exactly room for the text and the NUL");
    CHECK_TEXT("2024-02-05", out, "the text");
    CHECK_EQ(0, strftime(out, 10, "%Y-%m-%d", &tm), "one byte short gives 0");
    CHECK_EQ(0, strftime(out, 0, "x", &tm), "size 0 gives 0");
    const char *empty = "";
    CHECK_EQ(0, strftime(out, 1, empty, &tm), "an empty result gives 0 too");
}

static void check_asctime_and_ctime(void)
{
    struct tm tm = date(1973, 9, 16, 1, 3, 52);
    mktime(&tm);
    char buffer[26];
    CHECK(asctime_r(&tm, buffer) == buffer, "asctime_r returns its buffer");
    CHECK_TEXT("Sun Sep 16 01:03:52 1973\n", buffer, "asctime_r");
    CHECK_TEXT("Sun Sep 16 01:03:52 1973\n", asctime(&tm), "asctime");
    time_t t = 0;
    CHECK_TEXT("Thu Jan  1 00:00:00 1970\n", ctime_r(&t, buffer), "ctime_r of the Epoch");
    t = 2147483647L;
    CHECK_TEXT("Tue Jan 19 03:14:07 2038\n", ctime(&t), "ctime of the last 32-bit second");

    tm.tm_wday = 9;
    tm.tm_mon = -1;
    CHECK_TEXT("??? ??? 16 01:03:52 1973\n", asctime_r(&tm, buffer), "weekday and month out of range");
    tm = date(10000, 1, 1, 0, 0, 0);
    errno = 0;
    CHECK(asctime_r(&tm, buffer) == NULL && errno == EOVERFLOW, "year 10000 does not fit: EOVERFLOW");
}

static void check_clock(void)
{
    clock_t start = clock();
    CHECK(start != (clock_t)-1, "clock() works");
    CHECK_EQ(1000000, CLOCKS_PER_SEC, "CLOCKS_PER_SEC");
    long long begun = monotonic_ns();
    volatile unsigned long spin = 0;
    while (monotonic_ns() - begun < 300000000LL)           /* 0.3 s of CPU */
        spin++;
    clock_t used = clock() - start;
    CHECK(used >= CLOCKS_PER_SEC / 10 && used <= CLOCKS_PER_SEC * 2,
          "clock() counts 0.3 s of spinning: %ld", (long)used);
    struct timespec pause = { 0, 200000000 };
    clock_t before_sleep = clock();
    nanosleep(&pause, NULL);
    CHECK(clock() - before_sleep < CLOCKS_PER_SEC / 10, "sleeping uses no processor time: %ld",
          (long)(clock() - before_sleep));
}

int main(void)
{
    setenv("TZ", "UTC", 1);          /* the host's zone may be another: UTC is this kernel's */
    tzset();
    check_conversions();
    check_every_day_round_trips();
    check_mktime_normalises();
    check_strftime();
    check_asctime_and_ctime();
    check_clock();
    return test_finish("libc_time_functions_convert_and_format_dates");
}

/* tests/unit/test_calendar.c - a UTC date as seconds since the Epoch
 * (kernel/lib/calendar.c), the sum the kernel makes of the CMOS clock's
 * date at boot.
 *
 * The rule for every case: calendar_seconds_since_epoch gives what the
 * host's timegm gives for the same date, and calendar_is_valid accepts
 * exactly the dates that exist (timegm would carry 31 April into May). */
// unit-sources: kernel/lib/calendar.c
#define _DEFAULT_SOURCE   /* timegm */
#include "kernel/lib/calendar.h"

#include <time.h>

#include "unit.h"

static long long host_seconds(const struct calendar_time *date)
{
    struct tm tm = { .tm_year = date->year - 1900, .tm_mon = date->month - 1, .tm_mday = date->day,
                     .tm_hour = date->hour, .tm_min = date->minute, .tm_sec = date->second };
    return (long long)timegm(&tm);
}

/* Whether the host's calendar has the date: timegm normalises 31 April to
 * 1 May, so a date that comes back changed does not exist. */
static int host_has_date(const struct calendar_time *date)
{
    struct tm tm = { .tm_year = date->year - 1900, .tm_mon = date->month - 1, .tm_mday = date->day };
    timegm(&tm);
    return tm.tm_mday == date->day && tm.tm_mon == date->month - 1;
}

UNIT_TEST(the_epoch_is_0_and_known_dates_match)
{
    struct calendar_time epoch = { 1970, 1, 1, 0, 0, 0 };
    EXPECT_EQ_INT(0, calendar_seconds_since_epoch(&epoch));
    struct calendar_time y2k = { 2000, 1, 1, 0, 0, 0 };
    EXPECT_EQ_INT(946684800, calendar_seconds_since_epoch(&y2k));
    struct calendar_time last_32_bit = { 2038, 1, 19, 3, 14, 7 };
    EXPECT_EQ_INT(2147483647, calendar_seconds_since_epoch(&last_32_bit));
    struct calendar_time pinned = { 2024, 12, 31, 21, 43, 56 };   /* tools/qemu_boot.py's PINNED_DATE */
    EXPECT_EQ_INT(1735681436, calendar_seconds_since_epoch(&pinned));
}

UNIT_TEST(every_day_from_1970_to_2199_matches_timegm)
{
    int checked = 0;
    for (int year = 1970; year < 2200; year++)
        for (int month = 1; month <= 12; month++)
            for (int day = 1; day <= 31; day++) {
                struct calendar_time date = { year, month, day, (day * 7) % 24, (day * 13) % 60, (day * 17) % 60 };
                if (!host_has_date(&date))
                    continue;
                checked++;
                long long expected = host_seconds(&date);
                long long got = calendar_seconds_since_epoch(&date);
                if (expected != got) {
                    EXPECT(0, "%04d-%02d-%02d %02d:%02d:%02d: expected %lld, got %lld", year, month, day,
                           date.hour, date.minute, date.second, expected, got);
                    return;
                }
            }
    EXPECT(checked > 80000, "checked only %d days", checked);
}

UNIT_TEST(valid_dates_are_exactly_the_dates_that_exist)
{
    for (int year = 1970; year < 2200; year++)
        for (int month = 1; month <= 12; month++)
            for (int day = 1; day <= 32; day++) {
                struct calendar_time date = { year, month, day, 12, 0, 0 };
                int exists = day <= 31 && host_has_date(&date);
                if (!calendar_is_valid(&date) != !exists) {
                    EXPECT(0, "%04d-%02d-%02d: calendar_is_valid says %d, the calendar %d", year, month, day,
                           calendar_is_valid(&date), exists);
                    return;
                }
            }
}

UNIT_TEST(fields_out_of_range_are_not_valid)
{
    const struct calendar_time bad[] = {
        { 1969, 12, 31, 23, 59, 59 }, { 2024, 0, 1, 0, 0, 0 }, { 2024, 13, 1, 0, 0, 0 },
        { 2024, 1, 0, 0, 0, 0 },     { 2024, 1, 1, 24, 0, 0 }, { 2024, 1, 1, 0, 60, 0 },
        { 2024, 1, 1, 0, 0, 60 },    { 2024, 1, 1, -1, 0, 0 }, { 2100, 2, 29, 0, 0, 0 },
    };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++)
        EXPECT(!calendar_is_valid(&bad[i]), "case %u (%04d-%02d-%02d %02d:%02d:%02d) is taken as valid", i,
               bad[i].year, bad[i].month, bad[i].day, bad[i].hour, bad[i].minute, bad[i].second);
    struct calendar_time leap_day = { 2000, 2, 29, 0, 0, 0 };
    EXPECT(calendar_is_valid(&leap_day), "2000-02-29 (a fourth century) is not valid");
}

/* kernel/lib/calendar.h - a UTC date and time of day as seconds since the
 * Epoch (1970-01-01 00:00:00 UTC), the unit of CLOCK_REALTIME. Pure
 * arithmetic: the kernel uses it on the CMOS clock's date at boot
 * (kernel/sched/clock.c), and tests/unit/test_calendar.c checks it against
 * the host's timegm. */
#ifndef KERNEL_LIB_CALENDAR_H
#define KERNEL_LIB_CALENDAR_H

#include <stdint.h>

struct calendar_time {
    int year;      /* 1970 and on */
    int month;     /* 1..12 */
    int day;       /* 1..31, as the month allows */
    int hour;      /* 0..23 */
    int minute;    /* 0..59 */
    int second;    /* 0..59 (POSIX time has no leap seconds) */
};

/* Nonzero if every field is in its range (day 29 of February only in a
 * leap year). */
int calendar_is_valid(const struct calendar_time *time);

/* Seconds since the Epoch of a valid `time`, by POSIX's formula (XBD 4.16,
 * "Seconds Since the Epoch"). */
int64_t calendar_seconds_since_epoch(const struct calendar_time *time);

#endif

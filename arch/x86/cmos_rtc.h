/* arch/x86/cmos_rtc.h - the CMOS real-time clock (a Motorola MC146818 and
 * its successors): the date and time of day that the battery keeps while
 * the machine is off. The kernel reads it once, at boot, to start
 * CLOCK_REALTIME (kernel/sched/clock.c). QEMU's `-rtc` option says what it
 * holds. */
#ifndef ARCH_X86_CMOS_RTC_H
#define ARCH_X86_CMOS_RTC_H

#include <stdint.h>

#include "lib/calendar.h"

enum {
    CMOS_RTC_STATUS_B = 0x0B,           /* the register of the formats below */
    CMOS_RTC_STATUS_B_24_HOUR = 0x02,   /* set: hours 0..23; clear: 1..12, bit 7 for PM */
    CMOS_RTC_STATUS_B_BINARY = 0x04,    /* set: binary; clear: BCD (0x59 is 59) */
};

/* Reads the date and time (UTC, as the machine is told to keep it): waits
 * until no update is in progress and reads until two readings agree. 0,
 * or -1 if the clock never settled or holds no valid date. */
int cmos_rtc_read(struct calendar_time *time);

/* The clock's registers as they read, in the formats status B says. */
struct cmos_rtc_reading {
    uint8_t second, minute, hour, day, month, year;
};

/* `reading` as a date, in the formats of `status_b` (BCD or binary,
 * 12-hour or 24-hour); years 70..99 are 1970..1999 and 00..69 2000..2069. */
void cmos_rtc_decode(const struct cmos_rtc_reading *reading, uint8_t status_b, struct calendar_time *time);

/* One register of the CMOS (index 0..127), read or written. */
uint8_t cmos_rtc_read_register(uint8_t index);
void cmos_rtc_write_register(uint8_t index, uint8_t value);

#endif

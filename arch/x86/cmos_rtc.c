/* arch/x86/cmos_rtc.c - reading the CMOS real-time clock (cmos_rtc.h).
 *
 * The CMOS is 128 bytes behind two ports: write a register's index to
 * 0x70, then read or write its value at 0x71. The clock's registers:
 *
 *     0x00 seconds  0x02 minutes  0x04 hours  0x07 day  0x08 month  0x09 year (00..99)
 *     0x0A status A: bit 7 "update in progress"
 *     0x0B status B: bit 2 binary (else BCD), bit 1 24-hour (else 12-hour)
 *
 * Once a second the clock updates its registers, and for a moment they
 * are half old, half new: a reading taken then could say 21:59:59 for
 * 22:00:00, or 21:00:00. Status A's bit 7 is set from 244 us before the
 * update until its end, so we wait for it to clear, read everything, and
 * read again until two readings agree: an update that slipped in between
 * shows as a difference. */
#include "cmos_rtc.h"

#include "cpu.h"
#include "io.h"

enum {
    CMOS_INDEX_PORT = 0x70,   /* bit 7 of the index would mask NMIs: left clear */
    CMOS_DATA_PORT = 0x71,
    REGISTER_SECONDS = 0x00,
    REGISTER_MINUTES = 0x02,
    REGISTER_HOURS = 0x04,
    REGISTER_DAY = 0x07,
    REGISTER_MONTH = 0x08,
    REGISTER_YEAR = 0x09,
    REGISTER_STATUS_A = 0x0A,
    STATUS_A_UPDATE_IN_PROGRESS = 0x80,
    HOURS_PM = 0x80,          /* in 12-hour mode */
    /* an update takes about 2 ms; a clock still busy after this many
     * looks (tens of ms) is broken or absent (port 0x71 then reads 0xFF) */
    UPDATE_WAIT_LOOKS = 1000000,
    READING_TRIES = 10,
};

uint8_t cmos_rtc_read_register(uint8_t index)
{
    uint32_t flags = cpu_save_and_disable_interrupts();   /* the index and the value belong together */
    outb(CMOS_INDEX_PORT, index);
    uint8_t value = inb(CMOS_DATA_PORT);
    cpu_restore_interrupts(flags);
    return value;
}

void cmos_rtc_write_register(uint8_t index, uint8_t value)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    outb(CMOS_INDEX_PORT, index);
    outb(CMOS_DATA_PORT, value);
    cpu_restore_interrupts(flags);
}

static int wait_while_updating(void)
{
    for (int look = 0; look < UPDATE_WAIT_LOOKS; look++)
        if (!(cmos_rtc_read_register(REGISTER_STATUS_A) & STATUS_A_UPDATE_IN_PROGRESS))
            return 1;
    return 0;
}

static int take_reading(struct cmos_rtc_reading *reading)
{
    if (!wait_while_updating())
        return 0;
    reading->second = cmos_rtc_read_register(REGISTER_SECONDS);
    reading->minute = cmos_rtc_read_register(REGISTER_MINUTES);
    reading->hour = cmos_rtc_read_register(REGISTER_HOURS);
    reading->day = cmos_rtc_read_register(REGISTER_DAY);
    reading->month = cmos_rtc_read_register(REGISTER_MONTH);
    reading->year = cmos_rtc_read_register(REGISTER_YEAR);
    return 1;
}

static int same_reading(const struct cmos_rtc_reading *a, const struct cmos_rtc_reading *b)
{
    return a->second == b->second && a->minute == b->minute && a->hour == b->hour && a->day == b->day &&
           a->month == b->month && a->year == b->year;
}

/* BCD keeps one decimal digit in each half of the byte: 0x59 is 59. */
static int from_bcd(uint8_t value)
{
    return (value >> 4) * 10 + (value & 0x0F);
}

void cmos_rtc_decode(const struct cmos_rtc_reading *reading, uint8_t status_b, struct calendar_time *time)
{
    int binary = status_b & CMOS_RTC_STATUS_B_BINARY;
#define FIELD(value) (binary ? (int)(value) : from_bcd(value))
    time->second = FIELD(reading->second);
    time->minute = FIELD(reading->minute);
    time->hour = FIELD(reading->hour & ~HOURS_PM);
    if (!(status_b & CMOS_RTC_STATUS_B_24_HOUR))     /* 12 AM is 0:00, 12 PM is 12:00 */
        time->hour = time->hour % 12 + (reading->hour & HOURS_PM ? 12 : 0);
    time->day = FIELD(reading->day);
    time->month = FIELD(reading->month);
    int year = FIELD(reading->year);
#undef FIELD
    /* two digits: 70..99 are 1970..1999 and 00..69 are 2000..2069, the
     * rule POSIX gives strptime's %y (the century register some machines
     * have at 0x32 is not in every CMOS) */
    time->year = year + (year >= 70 ? 1900 : 2000);
}

int cmos_rtc_read(struct calendar_time *time)
{
    struct cmos_rtc_reading last, reading;
    if (!take_reading(&last))
        return -1;
    for (int try = 0; try < READING_TRIES; try++) {
        if (!take_reading(&reading))
            return -1;
        if (same_reading(&last, &reading)) {
            cmos_rtc_decode(&reading, cmos_rtc_read_register(CMOS_RTC_STATUS_B), time);
            return calendar_is_valid(time) ? 0 : -1;
        }
        last = reading;
    }
    return -1;
}

/* kernel/ktest/clock_tests.c - the CMOS clock and CLOCK_REALTIME: the
 * register formats decoded (BCD or binary, 12-hour or 24-hour), the same
 * date read from QEMU's clock in all four formats, and CLOCK_REALTIME
 * started at that date; and the ticks a late timer interrupt stands for. */
#include "arch/x86/cmos_rtc.h"
#include "arch/x86/cpu.h"
#include "arch/x86/timestamp_counter.h"
#include "ktest.h"
#include "lib/calendar.h"
#include "sched/clock.h"

#define NS_PER_SECOND 1000000000ll
#define FORMAT_BITS (CMOS_RTC_STATUS_B_BINARY | CMOS_RTC_STATUS_B_24_HOUR)

struct decode_case {
    struct cmos_rtc_reading reading;
    uint8_t status_b;
    struct calendar_time expected;
};

static const struct decode_case decode_cases[] = {
    /* 2024-12-31 21:43:56 in each format: 0x21 is 21 in BCD, 0x15 in binary; 9 PM is 0x89 */
    { { 0x56, 0x43, 0x21, 0x31, 0x12, 0x24 }, CMOS_RTC_STATUS_B_24_HOUR, { 2024, 12, 31, 21, 43, 56 } },
    { { 56, 43, 21, 31, 12, 24 }, FORMAT_BITS, { 2024, 12, 31, 21, 43, 56 } },
    { { 0x56, 0x43, 0x89, 0x31, 0x12, 0x24 }, 0, { 2024, 12, 31, 21, 43, 56 } },
    { { 56, 43, 0x80 | 9, 31, 12, 24 }, CMOS_RTC_STATUS_B_BINARY, { 2024, 12, 31, 21, 43, 56 } },
    /* 12-hour: 12 AM is midnight, 12 PM noon, 1 AM one o'clock */
    { { 0x00, 0x30, 0x12, 0x01, 0x01, 0x00 }, 0, { 2000, 1, 1, 0, 30, 0 } },
    { { 0x00, 0x30, 0x92, 0x01, 0x01, 0x00 }, 0, { 2000, 1, 1, 12, 30, 0 } },
    { { 0x00, 0x30, 0x01, 0x01, 0x01, 0x00 }, 0, { 2000, 1, 1, 1, 30, 0 } },
    { { 0, 30, 0x80 | 12, 1, 1, 0 }, CMOS_RTC_STATUS_B_BINARY, { 2000, 1, 1, 12, 30, 0 } },
    /* two-digit years: 70..99 the 1900s, 00..69 the 2000s */
    { { 0x00, 0x00, 0x00, 0x01, 0x01, 0x70 }, CMOS_RTC_STATUS_B_24_HOUR, { 1970, 1, 1, 0, 0, 0 } },
    { { 0x59, 0x59, 0x23, 0x31, 0x12, 0x99 }, CMOS_RTC_STATUS_B_24_HOUR, { 1999, 12, 31, 23, 59, 59 } },
    { { 0x07, 0x14, 0x03, 0x19, 0x01, 0x38 }, CMOS_RTC_STATUS_B_24_HOUR, { 2038, 1, 19, 3, 14, 7 } },
    { { 0, 0, 0, 1, 1, 69 }, FORMAT_BITS, { 2069, 1, 1, 0, 0, 0 } },
};

KTEST(clock_cmos_registers_decode_in_bcd_binary_12_and_24_hour_formats)
{
    for (unsigned i = 0; i < sizeof decode_cases / sizeof decode_cases[0]; i++) {
        const struct decode_case *c = &decode_cases[i];
        struct calendar_time got;
        cmos_rtc_decode(&c->reading, c->status_b, &got);
        const struct calendar_time *e = &c->expected;
        KTEST_EXPECT(got.year == e->year && got.month == e->month && got.day == e->day && got.hour == e->hour &&
                     got.minute == e->minute && got.second == e->second,
                     "case %u: got %04d-%02d-%02d %02d:%02d:%02d, expected %04d-%02d-%02d %02d:%02d:%02d", i,
                     got.year, got.month, got.day, got.hour, got.minute, got.second, e->year, e->month, e->day,
                     e->hour, e->minute, e->second);
    }
}

/* QEMU's clock answers in whatever formats status B asks for: each of
 * the four must give the date of the others (a second may tick between
 * two readings). */
KTEST(clock_cmos_clock_gives_one_date_in_all_four_formats)
{
    uint8_t saved = cmos_rtc_read_register(CMOS_RTC_STATUS_B);
    static const uint8_t formats[4] = { 0, CMOS_RTC_STATUS_B_BINARY, CMOS_RTC_STATUS_B_24_HOUR, FORMAT_BITS };
    int64_t seconds[4];
    int failed_format = -1;
    for (int i = 0; i < 4; i++) {
        cmos_rtc_write_register(CMOS_RTC_STATUS_B, (uint8_t)((saved & ~FORMAT_BITS) | formats[i]));
        struct calendar_time date;
        if (cmos_rtc_read(&date) < 0 && failed_format < 0)
            failed_format = i;
        seconds[i] = calendar_seconds_since_epoch(&date);
    }
    cmos_rtc_write_register(CMOS_RTC_STATUS_B, saved);
    KTEST_EXPECT(failed_format < 0, "no valid date in the format with status B bits 0x%x", formats[failed_format]);
    for (int i = 1; i < 4; i++)
        KTEST_EXPECT(seconds[i] >= seconds[i - 1] && seconds[i] <= seconds[i - 1] + 1,
                     "format 0x%x gave %lld s, the one before %lld s", formats[i], (long long)seconds[i],
                     (long long)seconds[i - 1]);
}

/* The boot set CLOCK_REALTIME from the same clock, in whole seconds: it
 * may be up to a second behind the clock, never ahead. */
KTEST(clock_realtime_starts_at_the_cmos_date)
{
    struct calendar_time date;
    KTEST_EXPECT(cmos_rtc_read(&date) == 0, "the CMOS clock holds no valid date");
    int64_t cmos = calendar_seconds_since_epoch(&date);
    int64_t realtime = clock_realtime_ns() / NS_PER_SECOND;
    KTEST_EXPECT(realtime >= cmos - 2 && realtime <= cmos, "CLOCK_REALTIME is at %lld s, the CMOS clock at %lld s",
                 (long long)realtime, (long long)cmos);
    /* the seconds the last tick left, read after: the same second, or one
     * on either side (a tick between the reads; the second began since the
     * last tick) */
    long seconds = clock_realtime_seconds();
    KTEST_EXPECT(seconds >= realtime - 1 && seconds <= realtime + 1,
                 "clock_realtime_seconds() %ld, clock_realtime_ns() %lld s", seconds, (long long)realtime);
}

/* Interrupts off for five ticks leave one timer interrupt pending: the
 * clock still counts the five (clock.c's ticks_passed), measured by the
 * time-stamp counter, and both clocks move by them. Meanwhile a read goes
 * on with the counter (since_tick_ns), and the late tick does not take the
 * clock back. */
KTEST(clock_counts_the_ticks_that_passed_while_interrupts_were_off)
{
    KTEST_EXPECT(timestamps_per_tick != 0, "the time-stamp counter's rate was never measured");
    if (!timestamps_per_tick)
        return;
    uint64_t start = clock_ticks();
    while (clock_ticks() == start)       /* just after a tick */
        cpu_pause();
    start = clock_ticks();
    int64_t realtime_start = clock_realtime_ns();
    uint64_t monotonic_start = clock_now_ns();
    uint32_t flags = cpu_save_and_disable_interrupts();
    uint64_t off_since = cpu_read_timestamp();
    while (cpu_read_timestamp() - off_since < 5 * timestamps_per_tick + timestamps_per_tick / 2)
        cpu_pause();
    uint64_t monotonic_late = clock_now_ns();   /* five ticks due, none counted yet */
    cpu_restore_interrupts(flags);
    uint64_t on_since = cpu_read_timestamp();   /* the pending interrupt comes now */
    while (clock_ticks() == start && cpu_read_timestamp() - on_since < timestamps_per_tick)
        cpu_pause();
    uint64_t after = clock_ticks();
    uint64_t monotonic_after = clock_now_ns();
    KTEST_EXPECT(after - start >= 5 && after - start <= 6, "%llu ticks counted for five and a half off",
                 (unsigned long long)(after - start));
    KTEST_EXPECT(monotonic_late - monotonic_start >= 5 * NS_PER_CLOCK_TICK,
                 "with the tick five and a half late the clock moved %llu ns",
                 (unsigned long long)(monotonic_late - monotonic_start));
    KTEST_EXPECT(monotonic_after >= monotonic_late, "the late tick took the clock back from %llu to %llu ns",
                 (unsigned long long)monotonic_late, (unsigned long long)monotonic_after);
    /* both reads came within a tick after a tick: the time between them is
     * the ticks counted, give or take what each read added since its tick */
    int64_t realtime_moved = clock_realtime_ns() - realtime_start;
    int64_t counted = (int64_t)(after - start) * NS_PER_CLOCK_TICK;
    KTEST_EXPECT(realtime_moved > counted - NS_PER_CLOCK_TICK && realtime_moved < counted + NS_PER_CLOCK_TICK,
                 "CLOCK_REALTIME moved %lld ns for %llu ticks", (long long)realtime_moved,
                 (unsigned long long)(after - start));
}

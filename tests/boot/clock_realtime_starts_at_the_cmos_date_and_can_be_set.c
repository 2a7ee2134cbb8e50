/* tests/boot/clock_realtime_starts_at_the_cmos_date_and_can_be_set.c -
 * CLOCK_REALTIME counts seconds since the Epoch from the date the CMOS
 * clock held at boot: the date QEMU was given (the Makefile's PINNED_DATE,
 * which every tool that boots passes with -rtc), give or take the boot's
 * own seconds. It advances with CLOCK_MONOTONIC; time() and gettimeofday
 * read the same clock; clock_settime moves it, and CLOCK_MONOTONIC does
 * not move. Only CLOCK_REALTIME can be set: CLOCK_MONOTONIC, an unknown
 * clock, a time before the Epoch or a tv_nsec outside [0, 1e9) is EINVAL.
 * Past 2038-01-19 03:14:07 a 32-bit time_t cannot hold the seconds:
 * clock_gettime and time fail with EOVERFLOW. The System V times are on
 * the same clock. */
#include <sys/msg.h>
#include <sys/time.h>
#include <time.h>

#include "boot_test.h"

#define NS_PER_SECOND 1000000000ll
#define NS_PER_MS 1000000ll
#define PINNED_DATE 1735681436ll       /* 2024-12-31T21:43:56 UTC, the Makefile's PINNED_DATE */
#define YEAR_2000 946684800ll          /* 2000-01-01T00:00:00 UTC */
#define TICK_NS (2 * NS_PER_MS)        /* the clock moves by ticks of just under 1 ms: two of them */

static long long ns_of(struct timespec t)
{
    return (long long)t.tv_sec * NS_PER_SECOND + t.tv_nsec;
}

static void set_realtime_ns(long long ns)
{
    struct timespec time = { (time_t)(ns / NS_PER_SECOND), (long)(ns % NS_PER_SECOND) };
    CHECK_EQ(0, clock_settime(CLOCK_REALTIME, &time), "clock_settime(CLOCK_REALTIME)");
}

static void realtime_is_the_date_qemu_was_given(void)
{
    long long realtime = realtime_ns(), monotonic = monotonic_ns();
    CHECK(realtime / NS_PER_SECOND > YEAR_2000, "CLOCK_REALTIME is %lld s: before 2000", realtime / NS_PER_SECOND);
    /* the date at boot: the CMOS clock is read in whole seconds (up to one
     * behind) after the firmware and the loader ran (a second or so) */
    long long at_boot = (realtime - monotonic) / NS_PER_SECOND;
    CHECK(at_boot >= PINNED_DATE - 1 && at_boot <= PINNED_DATE + 3,
          "CLOCK_REALTIME minus CLOCK_MONOTONIC is %lld s, expected %lld (2024-12-31T21:43:56) within a few "
          "seconds", at_boot, PINNED_DATE);
}

static void realtime_advances_with_monotonic(void)
{
    long long realtime = realtime_ns(), monotonic = monotonic_ns();
    usleep(300 * 1000);
    long long realtime_moved = realtime_ns() - realtime, monotonic_moved = monotonic_ns() - monotonic;
    CHECK(monotonic_moved >= 300 * NS_PER_MS, "CLOCK_MONOTONIC moved %lld ms in a 300 ms sleep",
          monotonic_moved / NS_PER_MS);
    long long difference = realtime_moved - monotonic_moved;
    CHECK(difference > -TICK_NS && difference < TICK_NS,
          "in one sleep CLOCK_REALTIME moved %lld us, CLOCK_MONOTONIC %lld us", realtime_moved / 1000,
          monotonic_moved / 1000);
}

static void time_and_gettimeofday_read_the_same_clock(void)
{
    long long before = realtime_ns();
    struct timeval timeval;
    CHECK_EQ(0, gettimeofday(&timeval, NULL), "gettimeofday");
    time_t seconds = time(NULL);
    time_t stored = 0;
    time(&stored);
    long long after = realtime_ns();
    long long timeval_ns = (long long)timeval.tv_sec * NS_PER_SECOND + timeval.tv_usec * 1000ll;
    CHECK(timeval.tv_usec >= 0 && timeval.tv_usec < 1000000, "tv_usec %ld", (long)timeval.tv_usec);
    CHECK(timeval_ns >= before - 1000 && timeval_ns <= after,
          "gettimeofday %lld.%06ld is not between two clock_gettime(CLOCK_REALTIME) %lld and %lld ns",
          (long long)timeval.tv_sec, (long)timeval.tv_usec, before, after);
    CHECK(seconds >= before / NS_PER_SECOND && seconds <= after / NS_PER_SECOND,
          "time() %ld is not between %lld and %lld", (long)seconds, before / NS_PER_SECOND, after / NS_PER_SECOND);
    CHECK(stored == seconds || stored == seconds + 1, "time(&t) stored %ld after time(NULL) %ld", (long)stored,
          (long)seconds);
    CHECK_EQ(0, gettimeofday(NULL, NULL), "gettimeofday(NULL, NULL)");
}

static void settime_moves_realtime_and_not_monotonic(void)
{
    long long started = realtime_ns() - monotonic_ns();    /* the boot's date, to go back to */
    long long monotonic_before = monotonic_ns();
    long long target = 1000000000ll * NS_PER_SECOND + 123456789;   /* 2001-09-09T01:46:40.123456789 */
    set_realtime_ns(target);
    long long realtime = realtime_ns();
    long long monotonic_after = monotonic_ns();
    CHECK(realtime >= target && realtime < target + TICK_NS,
          "after clock_settime to %lld ns CLOCK_REALTIME reads %lld ns", target, realtime);
    CHECK(monotonic_after >= monotonic_before && monotonic_after - monotonic_before < TICK_NS,
          "CLOCK_MONOTONIC went from %lld to %lld ns across clock_settime", monotonic_before, monotonic_after);
    CHECK(time(NULL) == 1000000000, "time() after clock_settime: %ld", (long)time(NULL));

    /* back, then forwards: the clock may be set to any time from the Epoch on */
    struct timespec epoch = { 0, 0 };
    CHECK_EQ(0, clock_settime(CLOCK_REALTIME, &epoch), "clock_settime to the Epoch");
    CHECK(realtime_ns() < TICK_NS, "after clock_settime to the Epoch CLOCK_REALTIME reads %lld ns", realtime_ns());
    set_realtime_ns(started + monotonic_ns());
    long long at_boot = (realtime_ns() - monotonic_ns()) / NS_PER_SECOND;
    CHECK(at_boot >= PINNED_DATE - 1 && at_boot <= PINNED_DATE + 3, "setting the clock back to the boot's date "
          "gave %lld s", at_boot);
}

static void only_realtime_can_be_set_and_only_to_a_valid_time(void)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    struct timespec monotonic;
    clock_gettime(CLOCK_MONOTONIC, &monotonic);
    CHECK_ERROR(clock_settime(CLOCK_MONOTONIC, &monotonic), EINVAL);
    CHECK_ERROR(clock_settime(7, &now), EINVAL);
    CHECK_ERROR(clock_settime(-1, &now), EINVAL);
    struct timespec bad = now;
    bad.tv_nsec = 1000000000;
    CHECK_ERROR(clock_settime(CLOCK_REALTIME, &bad), EINVAL);
    bad.tv_nsec = -1;
    CHECK_ERROR(clock_settime(CLOCK_REALTIME, &bad), EINVAL);
    struct timespec before_the_epoch = { -1, 0 };
    CHECK_ERROR(clock_settime(CLOCK_REALTIME, &before_the_epoch), EINVAL);
    CHECK_ERROR(clock_settime(CLOCK_REALTIME, (struct timespec *)16), EFAULT);
    CHECK_ERROR(clock_gettime(7, &now), EINVAL);
    CHECK_ERROR(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, (struct timespec *)16), EFAULT);   /* CLOCK_REALTIME reads the clock page: a fault, as on Linux */
    long long moved = realtime_ns() - ns_of(now);
    CHECK(moved >= 0 && moved < 100 * NS_PER_MS, "the failed calls moved CLOCK_REALTIME by %lld ns", moved);
}

static void past_2038_the_seconds_overflow_a_32_bit_time_t(void)
{
    long long started = realtime_ns() - monotonic_ns();
    struct timespec last = { 0x7FFFFFFF, 999000000 };    /* 2038-01-19T03:14:07.999 */
    CHECK_EQ(0, clock_settime(CLOCK_REALTIME, &last), "clock_settime to the last 32-bit second");
    struct timespec now;
    CHECK_EQ(0, clock_gettime(CLOCK_REALTIME, &now), "clock_gettime within the last second");
    CHECK_EQ(0x7FFFFFFF, now.tv_sec, "tv_sec within the last second");
    usleep(5 * 1000);
    CHECK_ERROR(clock_gettime(CLOCK_REALTIME, &now), EOVERFLOW);
    CHECK_ERROR(time(NULL), EOVERFLOW);
    struct timeval timeval;
    CHECK_ERROR(gettimeofday(&timeval, NULL), EOVERFLOW);
    CHECK_EQ(0, clock_gettime(CLOCK_MONOTONIC, &now), "CLOCK_MONOTONIC is not affected");
    set_realtime_ns(started + monotonic_ns());
}

static void system_v_times_are_on_the_real_clock(void)
{
    int queue = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    CHECK(queue >= 0, "msgget: errno %d", errno);
    struct msqid_ds status;
    CHECK_EQ(0, msgctl(queue, IPC_STAT, &status), "msgctl(IPC_STAT)");
    long long now = time(NULL);
    CHECK(status.msg_ctime >= now - 1 && status.msg_ctime <= now,
          "msg_ctime %ld, time() %lld: not the same clock", (long)status.msg_ctime, now);
    msgctl(queue, IPC_RMID, NULL);
}

int main(void)
{
    realtime_is_the_date_qemu_was_given();
    realtime_advances_with_monotonic();
    time_and_gettimeofday_read_the_same_clock();
    settime_moves_realtime_and_not_monotonic();
    only_realtime_can_be_set_and_only_to_a_valid_time();
    past_2038_the_seconds_overflow_a_32_bit_time_t();
    system_v_times_are_on_the_real_clock();
    return test_finish("clock_realtime_starts_at_the_cmos_date_and_can_be_set");
}

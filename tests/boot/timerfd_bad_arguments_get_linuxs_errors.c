/* tests/boot/timerfd_bad_arguments_get_linuxs_errors.c - timerfd_create,
 * timerfd_settime, timerfd_gettime and read/write of a timerfd answer bad
 * input with Linux's errors, in Linux's order, and the kernel keeps
 * nothing of it: an unknown clock or flag is EINVAL; a settime flag other
 * than TFD_TIMER_ABSTIME and TFD_TIMER_CANCEL_ON_SET, a negative time or
 * nanoseconds out of range EINVAL, checked before the descriptor; a
 * descriptor not open EBADF, one that is no timerfd EINVAL; a bad or NULL
 * setting EFAULT (the new one first, then the old one, after the new
 * setting took effect); read of fewer than 8 bytes, and write, EINVAL;
 * a count read into a bad buffer EFAULT. */
#include <stdint.h>
#include <sys/mman.h>
#include <sys/timerfd.h>

#include "boot_timer.h"

static void *unmapped_page(void)
{
    void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(page, 4096);
    return page;
}

static void create_errors(void)
{
    CHECK_ERROR(timerfd_create(CLOCK_PROCESS_CPUTIME_ID, 0), EINVAL);
    CHECK_ERROR(timerfd_create(CLOCK_THREAD_CPUTIME_ID, 0), EINVAL);
    CHECK_ERROR(timerfd_create(-1, 0), EINVAL);
    CHECK_ERROR(timerfd_create(1000, 0), EINVAL);
    CHECK_ERROR(timerfd_create(CLOCK_MONOTONIC, TFD_TIMER_ABSTIME), EINVAL);
    CHECK_ERROR(timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | 0x10), EINVAL);
    CHECK_ERROR(timerfd_create(CLOCK_MONOTONIC, -1), EINVAL);
}

static void settime_and_gettime_errors(void)
{
    int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    CHECK(fd >= 0, "timerfd_create: %d", fd);
    int pipe_ends[2];
    CHECK_EQ(0, pipe(pipe_ends), "pipe");
    void *bad = unmapped_page();
    struct itimerspec good = { { 0, 0 }, { 10, 0 } }, now;

    struct itimerspec nsec_too_big = { { 0, 0 }, { 0, 1000000000 } };
    struct itimerspec nsec_negative = { { 0, 0 }, { 0, -1 } };
    struct itimerspec sec_negative = { { 0, 0 }, { -1, 0 } };
    struct itimerspec interval_nsec_too_big = { { 0, 1000000000 }, { 1, 0 } };
    CHECK_ERROR(timerfd_settime(fd, 0, &nsec_too_big, NULL), EINVAL);
    CHECK_ERROR(timerfd_settime(fd, 0, &nsec_negative, NULL), EINVAL);
    CHECK_ERROR(timerfd_settime(fd, 0, &sec_negative, NULL), EINVAL);
    CHECK_ERROR(timerfd_settime(fd, 0, &interval_nsec_too_big, NULL), EINVAL);
    CHECK_ERROR(timerfd_settime(fd, 4, &good, NULL), EINVAL);
    CHECK_ERROR(timerfd_settime(fd, -1, &good, NULL), EINVAL);
    CHECK_EQ(0, timerfd_gettime(fd, &now), "timerfd_gettime");
    CHECK_EQ(0, ns_of(now.it_value), "still disarmed after the refused settings");

    CHECK_ERROR(timerfd_settime(-1, 0, &good, NULL), EBADF);
    CHECK_ERROR(timerfd_settime(999, 0, &good, NULL), EBADF);
    CHECK_ERROR(timerfd_settime(pipe_ends[0], 0, &good, NULL), EINVAL);
    CHECK_ERROR(timerfd_settime(0x7fffffff, 0, &good, NULL), EBADF);
    CHECK_ERROR(timerfd_gettime(-1, &now), EBADF);
    CHECK_ERROR(timerfd_gettime(999, &now), EBADF);
    CHECK_ERROR(timerfd_gettime(pipe_ends[0], &now), EINVAL);
    /* the order: the setting, then the flags and times, then the descriptor */
    CHECK_ERROR(timerfd_settime(-1, 4, &good, NULL), EINVAL);
    CHECK_ERROR(timerfd_settime(pipe_ends[0], 0, &nsec_too_big, NULL), EINVAL);
    CHECK_ERROR(timerfd_settime(-1, 0, NULL, NULL), EFAULT);
    CHECK_ERROR(timerfd_settime(-1, 4, bad, NULL), EFAULT);

    CHECK_ERROR(timerfd_settime(fd, 0, NULL, NULL), EFAULT);
    CHECK_ERROR(timerfd_settime(fd, 0, bad, NULL), EFAULT);
    CHECK_ERROR(timerfd_gettime(fd, NULL), EFAULT);
    CHECK_ERROR(timerfd_gettime(fd, bad), EFAULT);
    /* a bad old setting: EFAULT, the new one set all the same */
    CHECK_ERROR(timerfd_settime(fd, 0, &good, bad), EFAULT);
    CHECK_EQ(0, timerfd_gettime(fd, &now), "timerfd_gettime");
    CHECK(ns_of(now.it_value) > 9 * NS_PER_SECOND, "armed by the settime that said EFAULT: %lld ms left",
          ns_of(now.it_value) / NS_PER_MS);

    /* the file: read of fewer than 8 bytes, write, a bad buffer */
    struct itimerspec past = { { 0, 0 }, { 0, 1 } };
    CHECK_EQ(0, timerfd_settime(fd, TFD_TIMER_ABSTIME, &past, NULL), "timerfd_settime(a time past)");
    uint32_t small;
    CHECK_ERROR(read(fd, &small, sizeof small), EINVAL);
    uint64_t count = 1;
    CHECK_ERROR(write(fd, &count, sizeof count), EINVAL);
    CHECK_ERROR(read(fd, bad, sizeof count), EFAULT);
    close(pipe_ends[0]);
    close(pipe_ends[1]);
    close(fd);
    CHECK_ERROR(timerfd_gettime(fd, &now), EBADF);     /* closed */
}

/* Many timers, armed every nanosecond and closed: nothing stays. */
static void many_armed_timers_closed(void)
{
    int fds[40];
    struct itimerspec every_ns = { { 0, 1 }, { 0, 1 } };
    for (int i = 0; i < 40; i++) {
        fds[i] = timerfd_create(i % 2 ? CLOCK_REALTIME : CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
        CHECK(fds[i] >= 0, "timerfd_create %d: %d", i, fds[i]);
        CHECK_EQ(0, timerfd_settime(fds[i], 0, &every_ns, NULL), "timerfd_settime(every 1 ns)");
    }
    struct timespec nap = { 0, 20 * NS_PER_MS };
    nanosleep(&nap, NULL);
    uint64_t count = 0;
    CHECK_EQ(8, read(fds[0], &count, sizeof count), "read");
    CHECK(count >= 1, "expirations of a 1 ns period: %llu", (unsigned long long)count);
    for (int i = 0; i < 40; i++)
        close(fds[i]);
}

static void cases(void)
{
    create_errors();
    settime_and_gettime_errors();
    many_armed_timers_closed();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("timerfd_bad_arguments_get_linuxs_errors");
}

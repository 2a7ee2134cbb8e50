/* tests/boot/timerfd_read_returns_the_expirations_since_the_last_read.c -
 * a timerfd (timerfd_create(2)) is a timer read as a file: read returns,
 * as a uint64_t, how many times it expired since the last read (or
 * timerfd_settime), and waits while that is 0 (EAGAIN with TFD_NONBLOCK;
 * a signal's handler ends the wait with EINTR, SA_RESTART restarts it).
 * poll, select and epoll see it readable while the count is above 0. A
 * periodic timer keeps expiring with nobody reading, and the count grows
 * with the time (checked as a ratio: the machine is slow and loaded).
 * timerfd_gettime counts down; timerfd_settime returns the old setting,
 * arms at an absolute time with TFD_TIMER_ABSTIME (a time past counts
 * the periods missed at once), disarms with a zero it_value. fork shares
 * the timer; it lives until its last descriptor is closed; nothing is
 * left in the kernel after. TFD_TIMER_CANCEL_ON_SET: clock_settime makes
 * the next read ECANCELED (here only, as root: the test does not set a
 * Linux host's clock). */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/utsname.h>

#include "boot_timer.h"

static struct itimerspec setting(long long value_ns, long long interval_ns)
{
    struct itimerspec it = { timespec_ns(interval_ns), timespec_ns(value_ns) };
    return it;
}

/* One read of the count: the bytes read (8), the count in *count. */
static int read_count(int fd, uint64_t *count)
{
    *count = 0;
    return (int)read(fd, count, sizeof *count);
}

static void a_blocking_read_waits_for_the_expiry(void)
{
    int fd = timerfd_create(CLOCK_MONOTONIC, 0);
    CHECK(fd >= 0, "timerfd_create(CLOCK_MONOTONIC): %d", fd);
    struct itimerspec in_50_ms = setting(50 * NS_PER_MS, 0);
    long long start = monotonic_ns();
    CHECK_EQ(0, timerfd_settime(fd, 0, &in_50_ms, NULL), "timerfd_settime(50 ms)");
    uint64_t count;
    CHECK_EQ(8, read_count(fd, &count), "read of the count");
    long long waited = monotonic_ns() - start;
    CHECK_EQ(1, count, "expirations of a one-shot timer");
    CHECK(waited >= 50 * NS_PER_MS, "read returned after %lld ms, before the 50 ms", waited / NS_PER_MS);
    CHECK(waited < LATE_NS, "read returned after %lld ms", waited / NS_PER_MS);
    struct itimerspec now;
    CHECK_EQ(0, timerfd_gettime(fd, &now), "timerfd_gettime");
    CHECK_EQ(0, ns_of(now.it_value), "a one-shot timer that expired is disarmed");
    close(fd);
}

static void nonblocking_says_eagain(void)
{
    int fd = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
    CHECK(fd >= 0, "timerfd_create(TFD_NONBLOCK | TFD_CLOEXEC): %d", fd);
    CHECK((fcntl(fd, F_GETFL) & (O_NONBLOCK | O_ACCMODE)) == (O_NONBLOCK | O_RDWR), "F_GETFL 0x%x: O_RDWR | O_NONBLOCK",
          fcntl(fd, F_GETFL));
    CHECK_EQ(FD_CLOEXEC, fcntl(fd, F_GETFD), "F_GETFD: close-on-exec");
    uint64_t count;
    CHECK_ERROR(read_count(fd, &count), EAGAIN);       /* disarmed */
    struct itimerspec in_10_s = setting(10 * NS_PER_SECOND, 0);
    CHECK_EQ(0, timerfd_settime(fd, 0, &in_10_s, NULL), "timerfd_settime(10 s)");
    CHECK_ERROR(read_count(fd, &count), EAGAIN);       /* armed, not yet expired */
    char name[64] = "";
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    ssize_t length = readlink(path, name, sizeof name - 1);
    CHECK(length > 0 && strcmp(name, "anon_inode:[timerfd]") == 0, "%s reads \"%s\"", path, name);
    close(fd);
}

static void poll_select_and_epoll_see_it_readable(void)
{
    int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    struct pollfd watch = { fd, POLLIN, 0 };
    CHECK_EQ(0, poll(&watch, 1, 0), "poll of a disarmed timerfd");
    int epfd = epoll_create1(0);
    struct epoll_event event = { EPOLLIN, { .u32 = 77 } }, got;
    CHECK_EQ(0, epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &event), "epoll_ctl(ADD)");
    CHECK_EQ(0, epoll_wait(epfd, &got, 1, 0), "epoll_wait before the expiry");

    struct itimerspec in_30_ms = setting(30 * NS_PER_MS, 0);
    long long start = monotonic_ns();
    CHECK_EQ(0, timerfd_settime(fd, 0, &in_30_ms, NULL), "timerfd_settime(30 ms)");
    CHECK_EQ(1, epoll_wait(epfd, &got, 1, 5000), "epoll_wait until the expiry");
    CHECK(monotonic_ns() - start >= 30 * NS_PER_MS, "epoll_wait returned before the expiry");
    CHECK(got.events == EPOLLIN && got.data.u32 == 77, "the event: 0x%x, data %u", got.events, got.data.u32);
    CHECK_EQ(1, poll(&watch, 1, 0), "poll after the expiry");
    CHECK_EQ(POLLIN, watch.revents, "revents");
    fd_set readable;
    FD_ZERO(&readable);
    FD_SET(fd, &readable);
    struct timeval zero = { 0, 0 };
    CHECK_EQ(1, select(fd + 1, &readable, NULL, NULL, &zero), "select after the expiry");
    uint64_t count;
    CHECK_EQ(8, read_count(fd, &count), "read");
    CHECK_EQ(1, count, "expirations");
    CHECK_EQ(0, poll(&watch, 1, 0), "poll after the read");
    CHECK_EQ(0, epoll_wait(epfd, &got, 1, 0), "epoll_wait after the read");

    /* poll waiting in the kernel is woken by the expiry */
    CHECK_EQ(0, timerfd_settime(fd, 0, &in_30_ms, NULL), "timerfd_settime(30 ms)");
    start = monotonic_ns();
    CHECK_EQ(1, poll(&watch, 1, 5000), "poll until the expiry");
    CHECK(monotonic_ns() - start < LATE_NS, "poll waited %lld ms", (monotonic_ns() - start) / NS_PER_MS);
    close(epfd);
    close(fd);                         /* closed while readable: nothing stays */
}

/* 10 ms periods for 200 ms, nobody reading: the count follows the time. */
static void periods_accumulate_without_a_reader(void)
{
    int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    struct itimerspec every_10_ms = setting(10 * NS_PER_MS, 10 * NS_PER_MS);
    long long before_set = monotonic_ns();
    CHECK_EQ(0, timerfd_settime(fd, 0, &every_10_ms, NULL), "timerfd_settime(every 10 ms)");
    long long after_set = monotonic_ns();
    struct timespec nap = timespec_ns(200 * NS_PER_MS);
    nanosleep(&nap, NULL);
    long long before_read = monotonic_ns();
    uint64_t count;
    CHECK_EQ(8, read_count(fd, &count), "read after 200 ms");
    long long after_read = monotonic_ns();
    long long least = (before_read - after_set) / (10 * NS_PER_MS);   /* periods surely over */
    long long most = (after_read - before_set) / (10 * NS_PER_MS);    /* periods that could be */
    CHECK(count >= (uint64_t)(least / 2) && count <= (uint64_t)most,
          "%llu expirations in %lld..%lld ms of 10 ms periods", (unsigned long long)count,
          (before_read - after_set) / NS_PER_MS, (after_read - before_set) / NS_PER_MS);
    CHECK(count >= 10, "%llu expirations in 200 ms of 10 ms periods, expected 10 or more", (unsigned long long)count);
    /* the count starts again from the read; the timer keeps going. The
     * expirations between two reads t ms apart are at most t / 10 + 1:
     * one just after the first read, one just before the second */
    nanosleep(&nap, NULL);
    CHECK_EQ(8, read_count(fd, &count), "a second read");
    long long between = monotonic_ns() - before_read;
    CHECK(count >= 10 && count <= (uint64_t)(between / (10 * NS_PER_MS) + 1),
          "%llu expirations in the next %lld ms", (unsigned long long)count, between / NS_PER_MS);
    close(fd);                         /* closed while armed */
}

static void gettime_counts_down_and_settime_returns_the_old_setting(void)
{
    int fd = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
    struct itimerspec ten_seconds = setting(10 * NS_PER_SECOND, NS_PER_SECOND), first, second, old;
    CHECK_EQ(0, timerfd_settime(fd, 0, &ten_seconds, &old), "timerfd_settime(10 s, every 1 s)");
    CHECK(ns_of(old.it_value) == 0 && ns_of(old.it_interval) == 0, "the old setting of a new timer: 0, 0");
    CHECK_EQ(0, timerfd_gettime(fd, &first), "timerfd_gettime");
    CHECK(ns_of(first.it_value) > 9 * NS_PER_SECOND && ns_of(first.it_value) <= 10 * NS_PER_SECOND,
          "it_value %lld ms, expected 9000..10000", ns_of(first.it_value) / NS_PER_MS);
    CHECK_EQ(NS_PER_SECOND, ns_of(first.it_interval), "it_interval");
    struct timespec nap = timespec_ns(50 * NS_PER_MS);
    nanosleep(&nap, NULL);
    CHECK_EQ(0, timerfd_gettime(fd, &second), "timerfd_gettime 50 ms later");
    CHECK(ns_of(second.it_value) <= ns_of(first.it_value) - 50 * NS_PER_MS,
          "it_value went from %lld to %lld ms", ns_of(first.it_value) / NS_PER_MS, ns_of(second.it_value) / NS_PER_MS);
    /* the old setting is what gettime would have said */
    struct itimerspec disarm = setting(0, 0), now;
    CHECK_EQ(0, timerfd_settime(fd, 0, &disarm, &old), "timerfd_settime(0): disarm");
    CHECK(ns_of(old.it_value) > 0 && ns_of(old.it_value) <= ns_of(second.it_value),
          "old it_value %lld ms, at most %lld", ns_of(old.it_value) / NS_PER_MS, ns_of(second.it_value) / NS_PER_MS);
    CHECK_EQ(NS_PER_SECOND, ns_of(old.it_interval), "old it_interval");
    CHECK_EQ(0, timerfd_gettime(fd, &now), "timerfd_gettime");
    CHECK(ns_of(now.it_value) == 0 && ns_of(now.it_interval) == 0, "a disarmed timer: 0, 0");
    close(fd);
}

static void absolute_times_and_the_count_settime_resets(clockid_t clock)
{
    int fd = timerfd_create(clock, 0);
    struct timespec start;
    clock_gettime(clock, &start);
    struct itimerspec at = setting(ns_of(start) + 40 * NS_PER_MS, 0), now;
    CHECK_EQ(0, timerfd_settime(fd, TFD_TIMER_ABSTIME, &at, NULL), "timerfd_settime(TFD_TIMER_ABSTIME)");
    CHECK_EQ(0, timerfd_gettime(fd, &now), "timerfd_gettime");
    CHECK(ns_of(now.it_value) > 0 && ns_of(now.it_value) <= 40 * NS_PER_MS,
          "it_value of an absolute setting: the time left, %lld ns", ns_of(now.it_value));
    uint64_t count;
    CHECK_EQ(8, read_count(fd, &count), "read until the absolute time");
    CHECK_EQ(1, count, "expirations");
    struct timespec woke;
    clock_gettime(clock, &woke);
    CHECK(ns_of(woke) >= ns_of(at.it_value), "read returned before the time on the clock");

    /* a time 100 ms past, every 10 ms: the periods missed count at once */
    clock_gettime(clock, &start);
    struct itimerspec past = setting(ns_of(start) - 100 * NS_PER_MS, 10 * NS_PER_MS);
    CHECK_EQ(0, timerfd_settime(fd, TFD_TIMER_ABSTIME, &past, NULL), "timerfd_settime(100 ms ago)");
    CHECK_EQ(8, read_count(fd, &count), "read");
    struct timespec read_at;
    clock_gettime(clock, &read_at);
    CHECK(count >= 10 && count <= (uint64_t)((ns_of(read_at) - ns_of(past.it_value)) / (10 * NS_PER_MS) + 1),
          "%llu expirations of 10 ms periods from 100 ms ago", (unsigned long long)count);
    /* settime sets the count back to 0 */
    struct itimerspec far = setting(10 * NS_PER_SECOND, 0);
    fcntl(fd, F_SETFL, O_NONBLOCK);
    CHECK_EQ(0, timerfd_settime(fd, TFD_TIMER_ABSTIME, &past, NULL), "timerfd_settime(100 ms ago)");
    CHECK_EQ(0, timerfd_settime(fd, 0, &far, NULL), "timerfd_settime(10 s)");
    CHECK_ERROR(read_count(fd, &count), EAGAIN);
    close(fd);
}

static volatile sig_atomic_t alarms;

static void on_alarm(int signal)
{
    (void)signal;
    alarms++;
}

/* A signal's handler ends a waiting read with EINTR; under SA_RESTART the
 * read goes on and returns the expiry. */
static void a_handler_interrupts_the_read(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_alarm;
    sigaction(SIGALRM, &action, NULL);
    int fd = timerfd_create(CLOCK_MONOTONIC, 0);
    struct itimerval in_30_ms = { { 0, 0 }, { 0, 30000 } };
    alarms = 0;
    setitimer(ITIMER_REAL, &in_30_ms, NULL);
    uint64_t count;
    CHECK_ERROR(read_count(fd, &count), EINTR);        /* disarmed: only the signal ends it */
    CHECK_EQ(1, alarms, "SIGALRM handled");

    action.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &action, NULL);
    struct itimerspec in_100_ms = setting(100 * NS_PER_MS, 0);
    CHECK_EQ(0, timerfd_settime(fd, 0, &in_100_ms, NULL), "timerfd_settime(100 ms)");
    setitimer(ITIMER_REAL, &in_30_ms, NULL);
    CHECK_EQ(8, read_count(fd, &count), "read under SA_RESTART");
    CHECK_EQ(1, count, "expirations");
    CHECK_EQ(2, alarms, "SIGALRM handled");
    signal(SIGALRM, SIG_DFL);
    close(fd);
}

/* fork shares the timer and its count; it outlives its creator's close. */
static void fork_shares_it_until_the_last_close(void)
{
    int fd = timerfd_create(CLOCK_MONOTONIC, 0);
    struct itimerspec in_30_ms = setting(30 * NS_PER_MS, 0);
    CHECK_EQ(0, timerfd_settime(fd, 0, &in_30_ms, NULL), "timerfd_settime(30 ms)");
    pid_t child = fork();
    if (child == 0) {
        uint64_t count;
        _exit(read_count(fd, &count) == 8 && count == 1 ? 0 : 1);
    }
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child's read of the shared timer: status 0x%x", status);
    fcntl(fd, F_SETFL, O_NONBLOCK);    /* shared: the child's read took the count */
    uint64_t count;
    CHECK_ERROR(read_count(fd, &count), EAGAIN);

    CHECK_EQ(0, timerfd_settime(fd, 0, &in_30_ms, NULL), "timerfd_settime(30 ms)");
    fcntl(fd, F_SETFL, 0);
    int go[2];
    CHECK_EQ(0, pipe(go), "pipe");
    child = fork();
    if (child == 0) {
        close(go[1]);
        char c;
        if (read(go[0], &c, 1) != 1)   /* until the parent has closed its descriptor */
            _exit(2);
        _exit(read_count(fd, &count) == 8 && count == 1 ? 0 : 1);
    }
    close(go[0]);
    close(fd);
    CHECK_EQ(1, write(go[1], "x", 1), "write");
    close(go[1]);
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child's read after the parent's close: status 0x%x",
          status);
}

static int running_on_linux(void)
{
    struct utsname name;
    return uname(&name) == 0 && strcmp(name.sysname, "Linux") == 0;
}

static void cancel_on_set_makes_the_read_ecanceled(void)
{
    if (running_on_linux() || geteuid() != 0)
        return;                        /* not the host's clock */
    int fd = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
    struct timespec start;
    clock_gettime(CLOCK_REALTIME, &start);
    long long begun = monotonic_ns();
    struct itimerspec at = setting(ns_of(start) + 60 * NS_PER_SECOND, 0), now;
    CHECK_EQ(0, timerfd_settime(fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &at, NULL),
             "timerfd_settime(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)");
    struct timespec later = timespec_ns(ns_of(start) + NS_PER_SECOND);
    CHECK_EQ(0, clock_settime(CLOCK_REALTIME, &later), "clock_settime 1 s on");
    struct pollfd watch = { fd, POLLIN, 0 };
    CHECK_EQ(1, poll(&watch, 1, 0), "poll after clock_settime");
    uint64_t count;
    CHECK_ERROR(read_count(fd, &count), ECANCELED);
    CHECK_ERROR(read_count(fd, &count), EAGAIN);
    CHECK_EQ(0, timerfd_gettime(fd, &now), "timerfd_gettime");
    CHECK(ns_of(now.it_value) > 50 * NS_PER_SECOND, "still armed: %lld ms left", ns_of(now.it_value) / NS_PER_MS);
    /* without TFD_TIMER_ABSTIME the flag does nothing (Linux) */
    struct itimerspec in_60_s = setting(60 * NS_PER_SECOND, 0);
    CHECK_EQ(0, timerfd_settime(fd, TFD_TIMER_CANCEL_ON_SET, &in_60_s, NULL), "timerfd_settime(CANCEL_ON_SET)");
    CHECK_EQ(0, clock_settime(CLOCK_REALTIME, &later), "clock_settime");
    CHECK_ERROR(read_count(fd, &count), EAGAIN);
    struct timespec back = timespec_ns(ns_of(start) + (monotonic_ns() - begun));
    clock_settime(CLOCK_REALTIME, &back);
    close(fd);
}

static void cases(void)
{
    a_blocking_read_waits_for_the_expiry();
    nonblocking_says_eagain();
    poll_select_and_epoll_see_it_readable();
    periods_accumulate_without_a_reader();
    gettime_counts_down_and_settime_returns_the_old_setting();
    absolute_times_and_the_count_settime_resets(CLOCK_MONOTONIC);
    absolute_times_and_the_count_settime_resets(CLOCK_REALTIME);
    a_handler_interrupts_the_read();
    fork_shares_it_until_the_last_close();
    cancel_on_set_makes_the_read_ecanceled();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("timerfd_read_returns_the_expirations_since_the_last_read");
}

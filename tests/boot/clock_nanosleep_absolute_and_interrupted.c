/* tests/boot/clock_nanosleep_absolute_and_interrupted.c - clock_nanosleep
 * sleeps for a time, or until a time (TIMER_ABSTIME), on CLOCK_MONOTONIC
 * or CLOCK_REALTIME, never waking early; a time already past returns at
 * once. It returns the error number itself and leaves errno alone: a
 * handler ends it with EINTR, a relative sleep giving the time left, an
 * absolute one leaving *remaining untouched. An absolute sleep on
 * CLOCK_REALTIME ends when the clock is set past its time (checked on
 * this kernel only: a test must not set the host's clock). Bad input:
 * nanoseconds out of range and unknown clocks are EINVAL, as is
 * CLOCK_THREAD_CPUTIME_ID; a bad pointer is EFAULT. */
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "boot_timer.h"

static void relative_and_absolute_never_early(clockid_t clock)
{
    struct timespec request = timespec_ns(50 * NS_PER_MS), start, end;
    clock_gettime(clock, &start);
    long long monotonic_start = monotonic_ns();
    CHECK_EQ(0, clock_nanosleep(clock, 0, &request, NULL), "clock_nanosleep(50 ms)");
    CHECK(monotonic_ns() - monotonic_start >= 50 * NS_PER_MS, "a 50 ms sleep took %lld ms",
          (monotonic_ns() - monotonic_start) / NS_PER_MS);
    clock_gettime(clock, &start);
    struct timespec until = timespec_ns(ns_of(start) + 50 * NS_PER_MS);
    CHECK_EQ(0, clock_nanosleep(clock, TIMER_ABSTIME, &until, NULL), "clock_nanosleep(TIMER_ABSTIME)");
    clock_gettime(clock, &end);
    CHECK(ns_of(end) >= ns_of(until), "woke %lld ns before the absolute time", ns_of(until) - ns_of(end));
    long long before = monotonic_ns();
    CHECK_EQ(0, clock_nanosleep(clock, TIMER_ABSTIME, &start, NULL), "clock_nanosleep(a past time)");
    CHECK(monotonic_ns() - before < LATE_NS, "a past time took %lld ms", (monotonic_ns() - before) / NS_PER_MS);
}

static volatile sig_atomic_t caught;

static void catch_signal(int signal)
{
    (void)signal;
    caught++;
}

/* SIGUSR1, without SA_RESTART, 30 ms from now. */
static timer_t interrupt_soon(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = catch_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGUSR1, &action, NULL);
    struct sigevent event;
    memset(&event, 0, sizeof event);
    event.sigev_notify = SIGEV_SIGNAL;
    event.sigev_signo = SIGUSR1;
    timer_t timer;
    timer_create(CLOCK_MONOTONIC, &event, &timer);
    struct itimerspec soon = { { 0, 0 }, timespec_ns(30 * NS_PER_MS) };
    timer_settime(timer, 0, &soon, NULL);
    return timer;
}

static void a_handler_interrupts_with_eintr(void)
{
    caught = 0;
    timer_t timer = interrupt_soon();
    struct timespec request = { 5, 0 }, remaining = { -1, -1 };
    errno = 0;
    long long start = monotonic_ns();
    int result = clock_nanosleep(CLOCK_MONOTONIC, 0, &request, &remaining);
    long long slept = monotonic_ns() - start;
    CHECK_EQ(EINTR, result, "an interrupted relative sleep returns EINTR");
    CHECK_EQ(0, errno, "errno after clock_nanosleep");
    CHECK_EQ(1, caught, "handler runs");
    CHECK(ns_of(remaining) > 0 && ns_of(remaining) <= 5 * NS_PER_SECOND - slept + 2 * NS_PER_MS,
          "remaining %lld ms after %lld ms of a 5 s sleep", ns_of(remaining) / NS_PER_MS, slept / NS_PER_MS);

    caught = 0;
    struct itimerspec soon = { { 0, 0 }, timespec_ns(30 * NS_PER_MS) };
    timer_settime(timer, 0, &soon, NULL);
    struct timespec now, untouched = { 77, 77 };
    clock_gettime(CLOCK_REALTIME, &now);
    struct timespec until = timespec_ns(ns_of(now) + 5 * NS_PER_SECOND);
    result = clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &until, &untouched);
    CHECK_EQ(EINTR, result, "an interrupted absolute sleep returns EINTR");
    CHECK(untouched.tv_sec == 77 && untouched.tv_nsec == 77, "an absolute sleep wrote *remaining");
    timer_delete(timer);
    signal(SIGUSR1, SIG_DFL);
}

static int running_on_linux(void)
{
    struct utsname name;
    return uname(&name) == 0 && strcmp(name.sysname, "Linux") == 0;
}

static void an_absolute_realtime_sleep_follows_clock_settime(void)
{
    if (running_on_linux() || geteuid() != 0)
        return;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    pid_t child = fork();
    if (child == 0) {
        struct timespec until = timespec_ns(ns_of(now) + 20 * NS_PER_SECOND);
        int result = clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &until, NULL);
        struct timespec woke;
        clock_gettime(CLOCK_REALTIME, &woke);
        _exit(result == 0 && ns_of(woke) >= ns_of(until) ? 0 : 1);
    }
    struct timespec nap = timespec_ns(100 * NS_PER_MS);
    nanosleep(&nap, NULL);
    long long start = monotonic_ns();
    struct timespec later = timespec_ns(ns_of(now) + 30 * NS_PER_SECOND);
    CHECK_EQ(0, clock_settime(CLOCK_REALTIME, &later), "clock_settime 30 s on");
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the sleeper: status 0x%x", status);
    CHECK(monotonic_ns() - start < LATE_NS, "the sleeper woke %lld ms after the clock passed its time",
          (monotonic_ns() - start) / NS_PER_MS);
    struct timespec back = timespec_ns(ns_of(now) + 100 * NS_PER_MS + (monotonic_ns() - start));
    clock_settime(CLOCK_REALTIME, &back);
}

static void bad_input(void)
{
    void *unmapped = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(unmapped, 4096);
    struct timespec bad = { 0, 1000000000 };
    errno = 0;
    CHECK_EQ(EINVAL, clock_nanosleep(CLOCK_MONOTONIC, 0, &bad, NULL), "tv_nsec 1000000000");
    bad.tv_nsec = -1;
    CHECK_EQ(EINVAL, clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &bad, NULL), "tv_nsec -1");
    struct timespec fine = { 0, 1000 };
    CHECK_EQ(EINVAL, clock_nanosleep(12345, 0, &fine, NULL), "an unknown clock");
    CHECK_EQ(EINVAL, clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &fine, NULL), "CLOCK_THREAD_CPUTIME_ID");
    CHECK_EQ(EFAULT, clock_nanosleep(CLOCK_MONOTONIC, 0, (struct timespec *)unmapped, NULL), "a bad pointer");
    CHECK_EQ(0, errno, "errno after failed clock_nanosleep calls");
}

static void cases(void)
{
    relative_and_absolute_never_early(CLOCK_MONOTONIC);
    relative_and_absolute_never_early(CLOCK_REALTIME);
    a_handler_interrupts_with_eintr();
    an_absolute_realtime_sleep_follows_clock_settime();
    bad_input();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("clock_nanosleep_absolute_and_interrupted");
}

/* tests/boot/time_waits_end_at_their_deadline_not_at_the_next_tick.c -
 * a wait shorter than a tick ends at its own deadline, as on Linux, not
 * at the timer tick after it: each CPU's local APIC timer interrupts at
 * the earliest deadline before its next tick
 * (arch/x86/local_apic_timer.c). Each way of waiting is measured
 * ROUNDS times back to back, on CLOCK_MONOTONIC:
 *  - nanosleep, clock_nanosleep to an absolute time, select's timeout;
 *  - sem_timedwait's absolute deadline on CLOCK_REALTIME;
 *  - a POSIX timer's signal and setitimer's SIGALRM, taken by sigwaitinfo.
 * Every wait lasts at least what was asked (nothing wakes early), and the
 * median is under LATE_US past it. Woken at ticks instead, each wait
 * begins just after a tick and ends at the next: the median is a tick. */
#include <semaphore.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/time.h>

#include "boot_test.h"

#define NS_PER_SECOND 1000000000ll
#define NS_PER_US     1000ll
#define ROUNDS        15
#define WAIT_US       100              /* a tenth of a tick */
#define LATE_US       500              /* the median's lateness at most: half a tick */

static long long now_ns(clockid_t clock)
{
    struct timespec now = { -1, -1 };
    CHECK_EQ(0, clock_gettime(clock, &now), "clock_gettime");
    return now.tv_sec * NS_PER_SECOND + now.tv_nsec;
}

static struct timespec timespec_of(long long ns)
{
    struct timespec time = { (time_t)(ns / NS_PER_SECOND), (long)(ns % NS_PER_SECOND) };
    return time;
}

enum way { NANOSLEEP, ABSOLUTE_NANOSLEEP, SELECT, SEM_TIMEDWAIT, POSIX_TIMER, ITIMER_REAL_ALARM };
static const char *const way_names[] = { "nanosleep", "clock_nanosleep TIMER_ABSTIME", "select",
                                         "sem_timedwait",  "timer_settime + sigwaitinfo",
                                         "setitimer ITIMER_REAL + sigwaitinfo" };

static sem_t never_posted;
static timer_t timer;

/* Waits WAIT_US one way: the time it took, in nanoseconds. */
static long long wait_once(enum way way)
{
    long long begun = now_ns(CLOCK_MONOTONIC);
    struct timespec wait = timespec_of(WAIT_US * NS_PER_US);
    if (way == NANOSLEEP) {
        CHECK_EQ(0, nanosleep(&wait, 0), "nanosleep");
    } else if (way == ABSOLUTE_NANOSLEEP) {
        struct timespec until = timespec_of(begun + WAIT_US * NS_PER_US);
        CHECK_EQ(0, clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, 0), "clock_nanosleep");
    } else if (way == SELECT) {
        struct timeval timeout = { 0, WAIT_US };
        CHECK_EQ(0, select(0, 0, 0, 0, &timeout), "select with no descriptors");
    } else if (way == SEM_TIMEDWAIT) {
        /* read after `begun`: the deadline is at least WAIT_US after it */
        struct timespec until = timespec_of(now_ns(CLOCK_REALTIME) + WAIT_US * NS_PER_US);
        errno = 0;
        CHECK(sem_timedwait(&never_posted, &until) == -1 && errno == ETIMEDOUT, "sem_timedwait: errno %d", errno);
    } else {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, way == POSIX_TIMER ? SIGUSR1 : SIGALRM);
        if (way == POSIX_TIMER) {
            struct itimerspec once = { { 0, 0 }, wait };
            CHECK_EQ(0, timer_settime(timer, 0, &once, 0), "timer_settime");
        } else {
            struct itimerval once = { { 0, 0 }, { 0, WAIT_US } };
            CHECK_EQ(0, setitimer(ITIMER_REAL, &once, 0), "setitimer");
        }
        siginfo_t info;
        int signal_number = sigwaitinfo(&set, &info);
        CHECK_EQ(way == POSIX_TIMER ? SIGUSR1 : SIGALRM, signal_number, "sigwaitinfo's signal");
    }
    return now_ns(CLOCK_MONOTONIC) - begun;
}

static int compare(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? -1 : x > y;
}

static void waits_end_at_their_deadline(enum way way)
{
    long long took[ROUNDS];
    for (int round = 0; round < ROUNDS; round++)
        took[round] = wait_once(way);
    qsort(took, ROUNDS, sizeof took[0], compare);
    long long median = took[ROUNDS / 2];
    printf("%s of %d us: shortest %lld us, median %lld us, longest %lld us\n", way_names[way], WAIT_US,
           took[0] / NS_PER_US, median / NS_PER_US, took[ROUNDS - 1] / NS_PER_US);
    CHECK(took[0] >= WAIT_US * NS_PER_US, "%s: a wait of %d us ended after %lld ns", way_names[way], WAIT_US,
          took[0]);
    CHECK(median < (WAIT_US + LATE_US) * NS_PER_US, "%s: the median wait of %d us took %lld us", way_names[way],
          WAIT_US, median / NS_PER_US);
}

int main(void)
{
    CHECK_EQ(0, sem_init(&never_posted, 0, 0), "sem_init");
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGALRM);
    CHECK_EQ(0, sigprocmask(SIG_BLOCK, &set, 0), "sigprocmask");
    struct sigevent event = { 0 };
    event.sigev_notify = SIGEV_SIGNAL;
    event.sigev_signo = SIGUSR1;
    CHECK_EQ(0, timer_create(CLOCK_MONOTONIC, &event, &timer), "timer_create");
    for (enum way way = NANOSLEEP; way <= ITIMER_REAL_ALARM; way++)
        waits_end_at_their_deadline(way);
    return test_finish("time_waits_end_at_their_deadline_not_at_the_next_tick");
}

/* tests/boot/boot_timer.h - what the timer tests share (docs/timers.md):
 * a handler that records each timer signal's siginfo and when it came,
 * waiting for signals with a deadline, and the timer counter of kinfo.
 *
 * Timing rules for these tests: they run under QEMU's emulation on a
 * loaded machine, so a timer may fire late by a lot but never early.
 * Checks say "not before" exactly and "not after" with room (LATE_NS). */
#ifndef TESTS_BOOT_BOOT_TIMER_H
#define TESTS_BOOT_BOOT_TIMER_H

#include <signal.h>
#include <string.h>
#include <time.h>

#include "boot_test.h"

#define NS_PER_MS     1000000ll
#define NS_PER_SECOND 1000000000ll
#define LATE_NS       (3 * NS_PER_SECOND)   /* how late a signal may come on a loaded machine */

/* What the recording handler saw. */
#define MAX_RECORDED 64
struct recorded_signal {
    int signal, code, overrun;
    int value;
    long long when_ns;                      /* CLOCK_MONOTONIC at the handler */
};
static struct recorded_signal recorded[MAX_RECORDED];
static volatile sig_atomic_t recorded_count;

static void record_signal(int signal, siginfo_t *info, void *context)
{
    (void)context;
    if (recorded_count < MAX_RECORDED) {
        struct recorded_signal *entry = &recorded[recorded_count];
        entry->signal = signal;
        entry->code = info->si_code;
        entry->overrun = info->si_overrun;
        entry->value = info->si_value.sival_int;
        entry->when_ns = monotonic_ns();
    }
    recorded_count++;
}

/* Catches `signal` with record_signal (SA_SIGINFO) and forgets what came. */
static inline void record_signals_of(int signal)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = record_signal;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    sigaction(signal, &action, NULL);
    recorded_count = 0;
}

/* Waits (in short sleeps, which the signals interrupt) until `count`
 * signals were recorded or `timeout_ns` passed; returns the count. */
static inline int wait_for_recorded(int count, long long timeout_ns)
{
    long long end = monotonic_ns() + timeout_ns;
    while (recorded_count < count && monotonic_ns() < end) {
        struct timespec nap = { 0, 2 * NS_PER_MS };
        nanosleep(&nap, NULL);
    }
    return recorded_count;
}

static inline struct timespec timespec_ns(long long ns)
{
    struct timespec time = { (time_t)(ns / NS_PER_SECOND), (long)(ns % NS_PER_SECOND) };
    return time;
}

static inline long long ns_of(struct timespec time)
{
    return (long long)time.tv_sec * NS_PER_SECOND + time.tv_nsec;
}

/* The kernel's count of timers (0 on Linux, where kinfo fails). */
static inline unsigned timers_in_kernel(void)
{
    return read_counters().posix_timers;
}

/* Uses CPU time for about `ns` of CPU time of the calling thread. */
static inline void burn_cpu(long long ns)
{
    struct timespec start, now;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start);
    do {
        for (volatile int spin = 0; spin < 10000; spin++)
            ;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    } while (ns_of(now) - ns_of(start) < ns);
}

#endif

/* user/tools/bench/timer.c - how long from a timer's expiry to its
 * signal handler (docs/timers.md).
 *
 * timer_expiry_to_handler: a POSIX timer (CLOCK_MONOTONIC, SIGEV_SIGNAL,
 * SIGUSR1 caught by a plain handler) is armed one-shot for EXPIRY_NS from
 * now, long enough that the program is back in user mode, spinning, when
 * the timer's interrupt comes at the expiry (each CPU's local APIC timer
 * is set for it: docs/timers.md, "Waking at the deadline"; the same on
 * Linux, whose hrtimer's interrupt comes at the expiry). Meanwhile the
 * program spins:
 * each turn of the loop reads rdtsc, then looks whether the handler has
 * run, and only if not stores the reading into `last_spin`, so that
 * `last_spin` always holds a reading taken before the interrupt, wherever
 * in the loop the interrupt lands. The handler's first statement reads
 * rdtsc. One sample is
 *
 *     the handler's rdtsc - the last rdtsc the loop stored
 *
 * that is, everything between the last instructions the program ran
 * before the expiry's interrupt and the handler's first: the interrupt,
 * the clock's tick work, finding the timer due, queueing the signal, the
 * way back to user mode building the handler's frame, and the handler's
 * entry (plus the few instructions of one turn of the loop). On Linux the
 * same program measures the same path. The spinning itself is outside the
 * sample, so how long the timer takes to come does not count; the timer's
 * own arming (timer_settime) does not either. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>

#include "bench.h"

#define EXPIRY_NS 20000                   /* 20 us: far more than timer_settime's return takes */

static volatile uint32_t last_spin, handler_entered;
static volatile sig_atomic_t fired;

static void note_entry(int signal)
{
    handler_entered = read_tsc();         /* first: the handler's first work */
    (void)signal;
    fired = 1;
}

/* Arms the timer for EXPIRY_NS and spins until the handler ran; returns
 * the sample. */
static uint32_t one_expiry(timer_t timer)
{
    struct itimerspec soon = { { 0, 0 }, { 0, EXPIRY_NS } };
    fired = 0;
    if (timer_settime(timer, 0, &soon, 0) < 0)
        return 0;
    for (;;) {
        uint32_t now = read_tsc();
        if (fired || benchmark_stopped)
            break;                        /* `now` may be after the handler: not kept */
        last_spin = now;                  /* read before the interrupt, whenever it lands */
    }
    return handler_entered - last_spin;
}

int bench_timer_expiry_to_handler(int unused, struct samples *samples)
{
    (void)unused;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = note_entry;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGUSR1, &action, 0) < 0)
        return last_error();
    struct sigevent event;
    memset(&event, 0, sizeof event);
    event.sigev_notify = SIGEV_SIGNAL;
    event.sigev_signo = SIGUSR1;
    timer_t timer;
    if (timer_create(CLOCK_MONOTONIC, &event, &timer) < 0)
        return last_error();
    for (int warmup = 0; warmup < warmup_runs && !benchmark_stopped; warmup++)
        one_expiry(timer);
    int run = 0;
    for (; run < timed_runs && !benchmark_stopped; run++)
        samples->value[run] = one_expiry(timer);
    samples->count = run;
    timer_delete(timer);
    return 0;
}

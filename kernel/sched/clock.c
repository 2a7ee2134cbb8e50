/* kernel/sched/clock.c - the timer interrupt: counts ticks, wakes sleepers
 * (step 9) at the tick or at their own deadline between ticks, and drives
 * time slices (step 11); and counts the real-time clock beside them
 * (docs/scheduler.md, "The real-time clock"). */
#include "clock.h"

#include "arch/x86/cmos_rtc.h"
#include "arch/x86/cpu.h"
#include "arch/x86/per_cpu.h"
#include "arch/x86/smp_for_core.h"
#include "arch/x86/pit.h"
#include "arch/x86/timestamp_counter.h"
#include "arch/x86/trap.h"
#include "cpu_time.h"
#include "ipc/signal.h"
#include "ipc/timers_for_core.h"
#include "lib/kprintf.h"
#include "scheduler.h"
#include "sleep.h"
#include "uapi/time.h"

static volatile uint64_t clock_tick_count;   /* clock_ticks(); the timer alone writes it */

/* Odd while the clocks change (the timer's tick, clock_set_realtime_ns):
 * clock_read_lock_free reads them again if it was odd or moved meanwhile.
 * The writers are serialized by the kernel lock (the timer's interrupt and
 * clock_settime both hold it). */
static volatile uint32_t clock_sequence;

static inline void clocks_change_begin(void)
{
    __atomic_store_n(&clock_sequence, clock_sequence + 1, __ATOMIC_RELAXED);
    __atomic_thread_fence(__ATOMIC_RELEASE);
}

static inline void clocks_change_end(void)
{
    __atomic_store_n(&clock_sequence, clock_sequence + 1, __ATOMIC_RELEASE);
}
volatile uint32_t clock_seconds_count;   /* clock_seconds(); the timer alone writes it */
static uint32_t ns_into_second;

#define NS_PER_SECOND 1000000000ll

/* CLOCK_REALTIME, counted by the timer beside the monotonic clock (so it
 * moves with it), as whole seconds and nanoseconds into the second: the
 * seconds are then one load for clock_realtime_seconds, which every System
 * V operation calls. Unsigned, they count to 2106; clock_gettime says
 * EOVERFLOW from 2038 on. Set at boot and by clock_set_realtime_ns. */
volatile uint32_t clock_realtime_seconds_count;
static uint32_t realtime_ns_into_second;

uint64_t clock_ticks(void)
{
    uint32_t flags = cpu_save_and_disable_interrupts();   /* 64-bit read in two halves */
    uint64_t value = clock_tick_count;
    cpu_restore_interrupts(flags);
    return value;
}

uint64_t clock_tick_ns(void)
{
    return clock_ticks() * NS_PER_CLOCK_TICK;
}

/* The time-stamp counter's reading at the tick the clock last counted, as
 * near as whole ticks of it can say: the clock is this far. A read between
 * two ticks adds the counter's time since (since_tick_ns). Moved by the
 * timer's tick (ticks_passed), under the clocks' sequence count. */
static volatile uint64_t counted_tick_timestamp;

/* How far past the last counted tick clock_settime set CLOCK_REALTIME:
 * reads of it take this off what they add, and the ticks take it off what
 * they add, until it is used up. So setting makes the real-time clock's
 * seconds the ones set at once (a file's times, the System V times), as
 * on Linux, and the clock goes on from the time set. */
static volatile uint64_t realtime_set_since_tick;

/* Nanoseconds since the tick counted at `counted` (counted_tick_timestamp),
 * by this CPU's time-stamp counter: under a tick, unless the next tick's
 * interrupt is late; the rule, shared with the programs that read the
 * clock page, is uapi/clock_page.h's clock_since_tick_ns. */
static inline uint64_t since_tick_ns(uint64_t counted)
{
    return clock_since_tick_ns(cpu_read_timestamp(), counted, (uint32_t)timestamps_per_tick,
                               timestamp_ns_multiplier, timestamp_ns_shift, NS_PER_CLOCK_TICK);
}

uint64_t clock_now_ns(void)
{
    uint32_t begun;
    uint64_t ticks, counted;
    do {                                 /* the count and its mark, together */
        begun = __atomic_load_n(&clock_sequence, __ATOMIC_ACQUIRE);
        ticks = clock_tick_count;
        counted = counted_tick_timestamp;
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
    } while ((begun & 1) || __atomic_load_n(&clock_sequence, __ATOMIC_RELAXED) != begun);
    return ticks * NS_PER_CLOCK_TICK + since_tick_ns(counted);
}

int64_t clock_realtime_ns(void)
{
    uint32_t begun, seconds, ns;
    uint64_t counted, set_at;
    do {                                 /* the time at the tick and its mark, together */
        begun = __atomic_load_n(&clock_sequence, __ATOMIC_ACQUIRE);
        seconds = clock_realtime_seconds_count;
        ns = realtime_ns_into_second;
        set_at = realtime_set_since_tick;
        counted = counted_tick_timestamp;
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
    } while ((begun & 1) || __atomic_load_n(&clock_sequence, __ATOMIC_RELAXED) != begun);
    uint64_t since = clock_realtime_since_tick(since_tick_ns(counted), set_at);
    return (int64_t)seconds * NS_PER_SECOND + ns + (int64_t)since;
}

/* Copies the clocks into the clock page (uapi/clock_page.h), from which
 * programs read CLOCK_MONOTONIC and CLOCK_REALTIME without a system call,
 * if this kernel maps one (the subsystem "timers": timers_for_core.h).
 * The page has a sequence count of its own, made odd here while the
 * copy is half made. Context: the clocks' writer (the timer's tick,
 * clock_set_realtime_ns, clock_publish), interrupts off. */
static void clock_page_write(void)
{
    volatile struct clock_page *page = clock_page_for_writing();
    if (!page)
        return;
    __atomic_store_n(&page->sequence, page->sequence + 1, __ATOMIC_RELAXED);
    __atomic_thread_fence(__ATOMIC_RELEASE);
    page->ns_per_tick = NS_PER_CLOCK_TICK;
    page->tick_count = clock_tick_count;
    page->counted_tick_timestamp = counted_tick_timestamp;
    page->timestamps_per_tick = (uint32_t)timestamps_per_tick;
    page->ns_multiplier = timestamp_ns_multiplier;
    page->ns_shift = timestamp_ns_shift;
    page->realtime_seconds = clock_realtime_seconds_count;
    page->realtime_ns_into_second = realtime_ns_into_second;
    page->realtime_set_since_tick = realtime_set_since_tick;
    page->monotonic_seconds = clock_seconds_count;         /* = tick_count x ns_per_tick: both */
    page->monotonic_ns_into_second = ns_into_second;      /* advance together at the tick */
    __atomic_store_n(&page->sequence, page->sequence + 1, __ATOMIC_RELEASE);
}

void clock_publish(void)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    clock_page_write();
    cpu_restore_interrupts(flags);
}

/* Context: holds the kernel lock (so the timer's tick does not run
 * meanwhile, on any CPU). */
void clock_set_realtime_ns(int64_t ns_since_epoch)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    clocks_change_begin();
    clock_realtime_seconds_count = (uint32_t)(ns_since_epoch / NS_PER_SECOND);
    realtime_ns_into_second = (uint32_t)(ns_since_epoch % NS_PER_SECOND);
    realtime_set_since_tick = since_tick_ns(counted_tick_timestamp);
    clock_page_write();
    clocks_change_end();
    cpu_restore_interrupts(flags);
}

int clock_read_lock_free(int clock, uint64_t *ns)
{
    if (clock != CLOCK_MONOTONIC && clock != CLOCK_REALTIME)
        return 0;
    *ns = clock == CLOCK_MONOTONIC ? clock_now_ns() : (uint64_t)clock_realtime_ns();
    return 1;
}

/* How many ticks have passed since the last interrupt: one, or more when
 * interrupts came too late to be told apart. The PIT, and the local APIC
 * timer, raise one interrupt and keep one pending: ticks that fall due while
 * one waits are lost. That happens when interrupts are off for longer than
 * a tick, and under QEMU without -icount whenever the host does not run the
 * CPU's thread for a while: on a busy host the clock fell behind the time
 * that passed, and CPU time, counted by the time-stamp counter, came out
 * longer than the time it took. So the counter measures the gap: an
 * interrupt counts every whole tick the counter saw pass since the last
 * counted one, and at least one. The mark never runs ahead of the counter,
 * so if the counter's rate (measured at boot) makes ticks look longer than
 * they are, each interrupt still counts one. Context: the timer interrupt,
 * CPU 0, between clocks_change_begin and clocks_change_end. */
static uint32_t ticks_passed(uint64_t now)
{
    uint64_t per_tick = timestamps_per_tick;
    if (!per_tick || !counted_tick_timestamp) {
        counted_tick_timestamp = now;
        return 1;
    }
    uint64_t since = now - counted_tick_timestamp;
    uint32_t ticks = 1;
    if (since >= 2 * per_tick)
        ticks = (uint32_t)(since / per_tick);
    uint64_t mark = counted_tick_timestamp + ticks * per_tick;
    counted_tick_timestamp = mark > now ? now : mark;
    return ticks;
}

/* Adds `ns` to a clock kept as whole seconds and nanoseconds into one. */
static void clock_advance(volatile uint32_t *seconds, uint32_t *ns_into, uint64_t ns)
{
    uint64_t total = *ns_into + ns;
    while (total >= 1000000000u) {        /* once a second, unless ticks were lost */
        total -= 1000000000u;
        (*seconds)++;
    }
    *ns_into = (uint32_t)total;
}

/* Wakes the sleepers, and sends the signals of the alarms and POSIX timers,
 * whose time has come at `now`; then asks this CPU's timer for the
 * earliest still to come if it falls before the next tick (a later one
 * is the next tick's), no sooner than 50 us from now (local_apic_timer.c's
 * DEADLINE_GAP_NS). Context: the timer interrupt, switches postponed. */
static void expire_deadlines(uint64_t now)
{
    uint64_t earliest = sleep_wake_expired(now);
    uint64_t alarm = signal_alarm_expire(now);   /* alarm, ITIMER_REAL */
    uint64_t timer = posix_timers_expire();
    if (alarm < earliest)
        earliest = alarm;
    if (timer < earliest)
        earliest = timer;
    if (earliest < now + NS_PER_CLOCK_TICK)
        local_apic_timer_next_deadline(earliest);
}

/* The end-of-interrupt has been sent (arch/x86/trap.c) before we get here,
 * so a switch made at unlock_stuff cannot hold up the next tick. */
static void timer_interrupt(struct trap_frame *frame)
{
    uint64_t now_timestamp = cpu_read_timestamp();
    clocks_change_begin();
    uint32_t ticks = ticks_passed(now_timestamp);
    uint64_t passed = (uint64_t)ticks * NS_PER_CLOCK_TICK;
    clock_tick_count += ticks;
    clock_advance(&clock_seconds_count, &ns_into_second, passed);
    /* a time set since the last tick counts only from when it was set */
    uint64_t set_at = realtime_set_since_tick;
    realtime_set_since_tick = set_at > passed ? set_at - passed : 0;
    clock_advance(&clock_realtime_seconds_count, &realtime_ns_into_second, set_at > passed ? 0 : passed - set_at);
    clock_page_write();
    clocks_change_end();
    lock_stuff();
    uint64_t now = clock_tick_ns();               /* this tick's time: what a read adds is under a tick */
    cpu_time_tick(trap_frame_from_user(frame));   /* CPU time, ITIMER_VIRTUAL, ITIMER_PROF */
    expire_deadlines(now);                        /* and the earliest left, if before the next tick */
    scheduler_tick();
    unlock_stuff();
}

void clock_deadline_interrupt(void)
{
    lock_stuff();
    expire_deadlines(clock_now_ns());
    unlock_stuff();
}

void clock_local_timer_tick(struct trap_frame *frame)
{
    if (this_cpu()->index == 0) {
        timer_interrupt(frame);
        return;
    }
    lock_stuff();
    cpu_time_tick(trap_frame_from_user(frame));   /* CPU time, ITIMER_VIRTUAL, ITIMER_PROF */
    scheduler_tick_this_cpu();
    unlock_stuff();
}

/* CLOCK_REALTIME starts at the CMOS clock's date: whole seconds, so it
 * may be up to a second behind (waiting for the clock's next second would
 * cost up to a second of every boot). */
static void start_realtime_clock(void)
{
    struct calendar_time date;
    if (cmos_rtc_read(&date) < 0) {
        kprintf("clock: the CMOS clock holds no date; CLOCK_REALTIME starts at the Epoch\n");
        return;
    }
    clock_set_realtime_ns(calendar_seconds_since_epoch(&date) * NS_PER_SECOND);
    kprintf("clock: %04d-%02d-%02d %02d:%02d:%02d UTC, from the CMOS clock\n", date.year, date.month, date.day,
            date.hour, date.minute, date.second);
}

void clock_init(void)
{
    timestamp_counter_calibrate();          /* the measure of the switches' charges (switch.h) */
    current_task->ran_timestamps = -(int64_t)cpu_read_timestamp();   /* it runs: from now on (switch.h) */
    /* The clocks count from here, tick 0. The boot runs with interrupts
     * off, and the first tick may come only once the first program runs
     * (the local APIC timer starts a tick before it): meanwhile a read
     * adds the counter's time since this mark, and the first tick counts
     * every tick that passed. */
    counted_tick_timestamp = cpu_read_timestamp();
    pit_init();
    irq_set_handler(PIT_IRQ, timer_interrupt);
    start_realtime_clock();
}

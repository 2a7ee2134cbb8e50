/* arch/x86/local_apic_timer.c - each CPU's local APIC timer: periodic,
 * one interrupt a tick, while no deadline falls between two ticks; set
 * once at a time while one does, for the deadline and then for the tick.
 *
 *   ticks:                 |-----------|-----------|-----------|----
 *   a sleep until d:              s--d
 *   the timer:             periodic   one-shot for d, then for the
 *                                     tick; periodic again from it
 *
 * Periodic, the timer needs nothing at a tick: QEMU sets its next expiry
 * itself. Set again at every tick, it would cost QEMU's main thread a
 * wake-up each time, for the new expiry (docs/smp.md, "The timers in
 * step"). So the one-shot mode is kept for the ticks that have a deadline
 * before them.
 *
 * Every CPU starts its periodic timer a whole number of ticks after the
 * first CPU's, by the time-stamp counter (QEMU keeps it the same on each
 * CPU): QEMU's main thread then serves the CPUs' ticks in one wake-up.
 * A CPU back from a deadline starts it again at its tick's interrupt, a
 * few microseconds after the tick: its ticks then fall that much after
 * the others'. A deadline is asked for by whoever makes it
 * (local_apic_timer_deadline, on the CPU that runs the caller), and only
 * if it falls before that CPU's next tick: the first CPU's tick looks at
 * every deadline and asks for the earliest before its next tick
 * (clock.c), so none waits for a tick it does not need.
 *
 * The local APIC counts at a rate of its own, measured against the
 * counter at boot; a count set from the measure may run out a little
 * early, so a one-shot interrupt checks the counter: before the tick it
 * was set for, it is a deadline's interrupt, which wakes nothing early
 * (the walks read the clock) and sets the timer again. */
#include "local_apic_timer.h"

#include "cpu.h"
#include "local_apic.h"
#include "per_cpu.h"
#include "pit.h"
#include "mm/heap_cpu_cache.h"
#include "sched/clock.h"
#include "timestamp_counter.h"

struct cpu_timer {
    uint64_t next_tick;                /* the counter at this CPU's next tick */
    uint64_t set_for;                  /* one-shot: when the count runs out; 0: periodic */
} __attribute__((aligned(64)));        /* a cache line each: each CPU writes its own */

static struct cpu_timer cpu_timers[CPU_MAX];
static uint64_t first_tick;            /* the counter when the first CPU's timer started */
static uint64_t counts_per_timestamp;  /* the timer's counts per counter count, x 2^32 */
static uint64_t timestamps_per_ns;     /* counter counts per nanosecond, x 2^32 */
static uint32_t counts_per_tick;       /* the periodic timer's count */
static volatile int started;

/* The least time from a deadline interrupt's walks to the next one they
 * ask for (local_apic_timer_next_deadline): the CPU runs at least this
 * long between two. Under QEMU an interrupt may take longer than the time
 * to the next deadline (its writes to the local APIC wait for QEMU's
 * global lock), and a CPU that found its next deadline already past on the
 * way out would run nothing else. Linux's timer slack, 50 us, groups
 * nearby wake-ups the same way. */
#define DEADLINE_GAP_NS 50000

/* The timer's count for `timestamps` of the counter (at most two ticks'):
 * rounded up, and 1/256 more, so that it runs out at or just after the
 * time, rarely before it. */
static uint32_t counts_for(uint64_t timestamps)
{
    if (timestamps > 2 * timestamps_per_tick)
        timestamps = 2 * timestamps_per_tick;
    uint64_t counts = (timestamps * counts_per_timestamp >> 32) + 1;
    return (uint32_t)(counts + (counts >> 8));
}

/* One-shot: the timer runs out at `at` on the counter (now if passed). */
static void set_timer(struct cpu_timer *timer, uint64_t at, uint64_t now)
{
    if (!timer->set_for)
        local_apic_timer_one_shot();   /* from periodic */
    timer->set_for = at;
    local_apic_timer_fire_in(at > now ? counts_for(at - now) : 1);
}

/* Counted against the time-stamp counter, already measured against the
 * PIT (timestamp_counter.c), for a quarter of a tick, up to five times. A
 * host that stops running the CPU's thread (QEMU without -icount) between
 * a read of the counter and the timer's start or read makes the timer's
 * count look smaller beside the counter's: the largest rate is the truth.
 * Two windows in a row that agree within 1/4096 (under -icount every
 * window does) end it early; on a PC's 100 MHz bus a window is 25,000
 * counts, so a count or two of error in a read stays below that.
 * Counting against the PIT for 10 ms, as it once did, cost a boot 10 ms
 * of QEMU's virtual time spent spinning: under -icount, 46 ms of the
 * host's, a seventh of a short boot test. Two windows of a whole tick
 * still cost 2 ms, a seventh of the kernel's boot. */
#define CALIBRATION_WINDOW_SHIFT 2
#define CALIBRATION_WINDOWS 5
#define CALIBRATION_AGREEMENT_SHIFT 12

void local_apic_timer_init(void)
{
    uint32_t counts = 0, previous_counts = 0;
    uint64_t timestamps = 1, previous_timestamps = 1;
    for (int window = 0; window < CALIBRATION_WINDOWS; window++) {
        uint64_t these_timestamps = timestamps_per_tick >> CALIBRATION_WINDOW_SHIFT;
        uint32_t these = local_apic_timer_count_while(&these_timestamps);
        if (!these_timestamps)
            break;                         /* a counter that does not move: no rate */
        /* these / these_timestamps against counts / timestamps, crosswise */
        uint64_t this_rate = (uint64_t)these * timestamps, best_rate = (uint64_t)counts * these_timestamps;
        if (window == 0 || this_rate > best_rate) {
            counts = these;
            timestamps = these_timestamps;
        }
        uint64_t this_one = (uint64_t)these * previous_timestamps,
                 last_one = (uint64_t)previous_counts * these_timestamps;
        uint64_t apart = this_one > last_one ? this_one - last_one : last_one - this_one;
        if (window > 0 && apart <= last_one >> CALIBRATION_AGREEMENT_SHIFT)
            break;
        previous_counts = these;
        previous_timestamps = these_timestamps;
    }
    counts_per_timestamp = timestamps ? ((uint64_t)counts << 32) / timestamps : 0;
    counts_per_tick = (uint32_t)(timestamps_per_tick * counts_per_timestamp >> 32);
    timestamps_per_ns = (timestamps_per_tick << 32) / NS_PER_TICK;
    __atomic_store_n(&started, 1, __ATOMIC_RELEASE);
}

/* Waits for the next instant a whole number of ticks after the first
 * CPU's timer started (at most a tick) and starts this CPU's periodic
 * there: the writes of every CPU fall together, so QEMU's expiries do. */
void local_apic_timer_start_this_cpu(void)
{
    struct cpu_timer *timer = &cpu_timers[this_cpu()->index];
    uint64_t now = cpu_read_timestamp(), per_tick = timestamps_per_tick;
    if (!first_tick)
        first_tick = now;                /* the first CPU's: at once */
    uint64_t at = now <= first_tick ? first_tick : now + per_tick - (now - first_tick) % per_tick;
    while (cpu_read_timestamp() < at)
        cpu_pause();
    timer->next_tick = at + per_tick;
    timer->set_for = 0;
    local_apic_timer_periodic(counts_per_tick);
}

void local_apic_timer_interrupt(struct trap_frame *frame)
{
    struct cpu_timer *timer = &cpu_timers[this_cpu()->index];
    uint64_t now = cpu_read_timestamp();
    if (!timer->set_for || now >= timer->next_tick) {   /* a tick */
        if (timer->set_for) {
            timer->set_for = 0;
            local_apic_timer_periodic(counts_per_tick);
        }
        timer->next_tick = now + timestamps_per_tick;
        if (big_kernel_lock_in_use)
            heap_cpu_cache_tick();        /* blocks kept a second unasked go back (mm/) */
        clock_local_timer_tick(frame);
        return;
    }
    set_timer(timer, timer->next_tick, now);   /* a deadline's: the tick next, unless the walks ask sooner */
    clock_deadline_interrupt();
}

/* Sets this CPU's timer for `when_ns`, or `gap_ns` from now if that is
 * later, if that comes before its next tick and before what it is set
 * for. */
static void ask_for(uint64_t when_ns, uint64_t gap_ns)
{
    if (when_ns == CLOCK_NO_DEADLINE || !__atomic_load_n(&started, __ATOMIC_ACQUIRE))
        return;
    uint32_t flags = cpu_save_and_disable_interrupts();
    struct cpu_timer *timer = &cpu_timers[this_cpu()->index];
    uint64_t now_ns = clock_now_ns(), now = cpu_read_timestamp();
    if (when_ns < now_ns + gap_ns)
        when_ns = now_ns + gap_ns;
    if (when_ns < now_ns + NS_PER_TICK && timer->next_tick) {
        uint64_t at = now + (when_ns > now_ns ? ((when_ns - now_ns) * timestamps_per_ns >> 32) + 1 : 0);
        if (at < timer->next_tick && (!timer->set_for || at < timer->set_for))
            set_timer(timer, at, now);
    }
    cpu_restore_interrupts(flags);
}

void local_apic_timer_deadline(uint64_t when_ns)
{
    ask_for(when_ns, 0);
}

void local_apic_timer_next_deadline(uint64_t when_ns)
{
    ask_for(when_ns, DEADLINE_GAP_NS);
}

/* kernel/uapi/clock_page.h - the clock page: CLOCK_MONOTONIC and
 * CLOCK_REALTIME as the kernel counts them, in a page every process maps
 * read-only, so that clock_gettime reads them without a system call (as
 * Linux's vDSO). The kernel's clock (kernel/sched/clock.c) writes it at
 * every tick and when the time is set; the libc (libc/time/clock.c,
 * clock_page_read) reads it; both compute the time with the functions
 * below, so a read in a program and a read in the kernel at the same
 * moment give the same nanosecond (docs/timers.md, "Reading the clock
 * without the kernel").
 *
 * One writer, any number of readers, no lock: the writer makes
 * `sequence` odd, writes, and makes it even again; a reader copies what it
 * needs between two reads of `sequence` and copies again if the two
 * differ or were odd (a sequence count, as the kernel's own readers use).
 *
 * A program finds the page in its auxiliary vector (after the
 * environment's NULL on the first stack, kernel/proc/exec.c): the entry
 * AT_CLOCK_PAGE (uapi/auxv.h) holds its address, and
 * getauxval(AT_CLOCK_PAGE) returns it. A
 * kernel built without the subsystem "timers" maps no page and gives no
 * such entry: clock_gettime then asks the kernel. */
#ifndef KERNEL_UAPI_CLOCK_PAGE_H
#define KERNEL_UAPI_CLOCK_PAGE_H

#include <stdint.h>

struct clock_page {
    uint32_t sequence;               /* odd while the kernel writes the page */
    uint32_t ns_per_tick;            /* a tick of the clock, in nanoseconds */
    uint64_t tick_count;             /* ticks since boot: CLOCK_MONOTONIC at the tick */
    uint64_t counted_tick_timestamp; /* the time-stamp counter at that tick (0: not yet) */
    uint32_t timestamps_per_tick;    /* the counter's counts in a tick (0: not measured) */
    uint32_t ns_multiplier;          /* counts to ns: counts x multiplier >> shift */
    uint32_t ns_shift;
    uint32_t realtime_seconds;       /* CLOCK_REALTIME at the tick: seconds since the Epoch */
    uint32_t realtime_ns_into_second;
    uint64_t realtime_set_since_tick;   /* ns past the tick where the time was set since */
    uint32_t monotonic_seconds;      /* CLOCK_MONOTONIC at the tick, as seconds and ns into */
    uint32_t monotonic_ns_into_second;   /* one (tick_count x ns_per_tick, cut without dividing) */
};

/* `counts` of the time-stamp counter in nanoseconds. The usual difference,
 * under 2^32 counts, costs one multiplication. */
static inline uint64_t clock_counts_to_ns(uint64_t counts, uint32_t multiplier, uint32_t shift)
{
    uint32_t high = (uint32_t)(counts >> 32);
    uint64_t low_part = (uint64_t)(uint32_t)counts * multiplier >> shift;
    if (__builtin_expect(high == 0, 1))
        return low_part;
    return ((uint64_t)high * multiplier << (32 - shift)) + low_part;
}

/* Nanoseconds from the tick counted at `counted` to the counter's `now`:
 * under a tick, unless the next tick's interrupt is late (interrupts off
 * on the first CPU, or QEMU's thread for it not running), when the clocks
 * go on without it. Whole ticks of the counter are whole ticks of the
 * clock, as the tick counts them (kernel/sched/clock.c, ticks_passed), so
 * when the late interrupt moves the mark on by them and counts them, a
 * read gives the same time as before it: the clocks never go back. 0
 * before the clock started, before the counter's rate is known, or if
 * this CPU's counter reads behind the mark (QEMU keeps every CPU's
 * counter the same, as CPUs with an invariant counter do). */
static inline uint64_t clock_since_tick_ns(uint64_t now, uint64_t counted, uint32_t per_tick,
                                           uint32_t multiplier, uint32_t shift, uint32_t ns_per_tick)
{
    uint64_t since = now - counted;
    if (__builtin_expect((uint32_t)(since >> 32) == 0 && (uint32_t)since < per_tick, 1))
        return clock_counts_to_ns(since, multiplier, shift);   /* under a tick: rounds down */
    if (!counted || !per_tick || (int64_t)since < 0)
        return 0;
    uint64_t whole_ticks = since / per_tick;           /* a late tick */
    return whole_ticks * ns_per_tick + clock_counts_to_ns(since - whole_ticks * per_tick, multiplier, shift);
}

/* How far CLOCK_REALTIME has moved past its value at the tick, `since_tick`
 * ns after the tick: a time set between two ticks counts only from when it
 * was set, `set_since_tick` ns after the tick. */
static inline uint64_t clock_realtime_since_tick(uint64_t since_tick, uint64_t set_since_tick)
{
    return since_tick > set_since_tick ? since_tick - set_since_tick : 0;
}

#endif

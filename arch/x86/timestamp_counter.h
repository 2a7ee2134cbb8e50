/* arch/x86/timestamp_counter.h - the time-stamp counter (rdtsc) as a
 * measure of short times: how long a task ran between two switches
 * (kernel/sched/switch.h). It counts at a rate of its own, measured once
 * at boot against the PIT; QEMU keeps it the same on every CPU, and under
 * -icount it counts instructions (one a nanosecond of QEMU's virtual
 * time). Only differences taken on one CPU are converted. */
#ifndef ARCH_X86_TIMESTAMP_COUNTER_H
#define ARCH_X86_TIMESTAMP_COUNTER_H

#include <stdint.h>

#include "cpu.h"
#include "uapi/clock_page.h"

/* Measures the counter's rate against the PIT's channel 2: the shortest
 * of five windows of 2 ms.
 * Until then every conversion gives 0. Context: boot, one CPU,
 * interrupts off. */
void timestamp_counter_calibrate(void);

/* The counter's rate as a fraction: nanoseconds = counts x multiplier
 * >> shift (multiplier below 2^32). */
extern uint32_t timestamp_ns_multiplier;
extern uint32_t timestamp_ns_shift;

/* How many counts a clock tick takes (0 before the calibration). */
extern uint64_t timestamps_per_tick;

/* `counts` of the counter in nanoseconds (the conversion the clock page's
 * readers make too: uapi/clock_page.h). */
static inline uint64_t timestamp_to_ns(uint64_t counts)
{
    return clock_counts_to_ns(counts, timestamp_ns_multiplier, timestamp_ns_shift);
}

#endif

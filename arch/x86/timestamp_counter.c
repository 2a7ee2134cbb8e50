/* arch/x86/timestamp_counter.c - the time-stamp counter's rate, measured
 * once at boot (timestamp_counter.h). */
#include "timestamp_counter.h"

#include "pit.h"

/* Counted against the PIT for 2 ms, up to five times. A host that stops
 * running the CPU's thread (QEMU without -icount) between the PIT's end
 * and the counter's read makes a window look longer: the shortest is the
 * truth. Two windows in a row that agree within 1/4096 (as every window
 * does where nothing stops the CPU, under -icount exactly) end it early:
 * the shortest of five would be one of them, or as near. */
#define CALIBRATION_US 2000u
#define CALIBRATION_WINDOWS 5
#define CALIBRATION_AGREEMENT_SHIFT 12

uint32_t timestamp_ns_multiplier;
uint32_t timestamp_ns_shift;
uint64_t timestamps_per_tick;

void timestamp_counter_calibrate(void)
{
    uint64_t counts = 0, previous = 0;
    for (int window = 0; window < CALIBRATION_WINDOWS; window++) {
        uint64_t began = cpu_read_timestamp();
        pit_delay_us(CALIBRATION_US);
        uint64_t these = cpu_read_timestamp() - began;
        if (window == 0 || these < counts)
            counts = these;
        uint64_t apart = these > previous ? these - previous : previous - these;
        if (window > 0 && apart <= these >> CALIBRATION_AGREEMENT_SHIFT)
            break;
        previous = these;
    }
    /* what the PIT counted: its whole input periods, in nanoseconds */
    uint64_t pit_periods = (uint64_t)PIT_INPUT_HZ * CALIBRATION_US / 1000000u;
    uint64_t elapsed_ns = pit_periods * 1000000000u / PIT_INPUT_HZ;
    if (!counts)
        return;                        /* no counter that moves: every time stays 0 */
    /* the largest shift (the finest fraction) whose multiplier fits 32 bits */
    uint32_t shift = 32;
    while (shift > 0 && (elapsed_ns << shift) / counts > 0xFFFFFFFFu)
        shift--;
    timestamp_ns_shift = shift;
    timestamp_ns_multiplier = (uint32_t)((elapsed_ns << shift) / counts);
    timestamps_per_tick = counts * NS_PER_TICK / elapsed_ns;
}

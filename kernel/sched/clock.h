/* kernel/sched/clock.h - the monotonic clock, counted in timer ticks. */
#ifndef KERNEL_SCHED_CLOCK_H
#define KERNEL_SCHED_CLOCK_H

#include <stdint.h>

#include "arch/x86/pit.h"

#define NS_PER_CLOCK_TICK NS_PER_TICK

/* Starts the PIT and its interrupt (IRQ 0). */
void clock_init(void);

/* Nanoseconds since boot; advances by NS_PER_CLOCK_TICK per tick. */
uint64_t clock_now_ns(void);
uint64_t clock_ticks(void);

/* Whole seconds since boot (counted by the timer: cheap to read). */
extern volatile uint32_t clock_seconds_count;
static inline uint32_t clock_seconds(void)
{
    return clock_seconds_count;
}

/* A function the timer interrupt calls every tick with the time (alarms). */
void clock_set_tick_hook(void (*hook)(uint64_t now_ns));

#endif

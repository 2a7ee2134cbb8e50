/* arch/x86/local_apic_timer.h - each CPU's clock interrupt, from its local
 * APIC's timer: every tick, and between two ticks for a deadline that
 * falls there (a sleep, a timed wait, an alarm, a POSIX timer), so that a
 * wait ends at its own time and not at the tick after (docs/timers.md,
 * "Waking at the deadline"). */
#ifndef ARCH_X86_LOCAL_APIC_TIMER_H
#define ARCH_X86_LOCAL_APIC_TIMER_H

#include <stdint.h>

struct trap_frame;

/* Measures the local APIC timer's rate against the time-stamp counter's.
 * Context: boot, the first CPU, interrupts off, the counter calibrated
 * (clock_init). */
void local_apic_timer_init(void);

/* Starts this CPU's timer, periodic: the first CPU's at once, every
 * other's a whole number of ticks later (it waits up to a tick for that),
 * so that all tick together. Context: boot, interrupts off, after
 * local_apic_timer_init. */
void local_apic_timer_start_this_cpu(void);

/* The timer's interrupt (arch/x86/trap.c, after the end of interrupt):
 * the CPU's tick if its time has come (clock_local_timer_tick), else a
 * deadline's (clock_deadline_interrupt). A timer in one-shot mode is set
 * again first: periodic from a tick, for the tick from a deadline. */
void local_apic_timer_interrupt(struct trap_frame *frame);

/* Something falls due at `when_ns` on CLOCK_MONOTONIC (clock_now_ns):
 * if that is before the next tick, this CPU's timer interrupts then, not
 * at the tick. A later deadline needs nothing: the first CPU's tick looks
 * at every deadline and sets its timer for the earliest before the next
 * tick (clock.c). Does nothing before the timers start (the PIT ticks).
 * Context: interrupts off or on; never sleeps. */
void local_apic_timer_deadline(uint64_t when_ns);

/* The same, for the earliest deadline left after the walks of the timer
 * interrupt (clock.c): no sooner than 50 us from now, so that the CPU
 * runs between two deadline interrupts whatever they cost. */
void local_apic_timer_next_deadline(uint64_t when_ns);

#endif

/* arch/x86/pit.h - the programmable interval timer, the kernel's clock. */
#ifndef ARCH_X86_PIT_H
#define ARCH_X86_PIT_H

#include <stdint.h>

/* The PIT's input clock is 1,193,182 Hz; dividing by 1193 gives interrupts
 * at 1000.15 Hz, one tick every 999,847 ns. */
#define PIT_INPUT_HZ    1193182
#define PIT_DIVISOR     1193
#define NS_PER_TICK     999847u
#define PIT_IRQ         0

/* Programs channel 0 to interrupt at IRQ 0 every tick. */
void pit_init(void);

/* Stops channel 0's ticks for good: the local APIC timers tick instead
 * (smp_boot.c). Channel 2's waits go on. */
void pit_stop(void);

/* Waits `microseconds` (at most 50,000) by counting down channel 2, with
 * no interrupt: for waits the hardware asks for before the clock runs
 * (the other CPUs' start, smp_boot.c). Context: boot, one CPU. */
void pit_delay_us(uint32_t microseconds);

#endif

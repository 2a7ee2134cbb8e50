/* arch/x86/local_apic.h - each CPU's own interrupt controller, the local
 * APIC: its ID, the messages one CPU sends another (INIT and STARTUP to
 * start it, an interrupt, an NMI), and its timer (one-shot:
 * local_apic_timer.h sets it). */
#ifndef ARCH_X86_LOCAL_APIC_H
#define ARCH_X86_LOCAL_APIC_H

#include <stdint.h>

/* Maps the local APIC's registers (at `physical`, the same address on
 * every CPU: each reaches its own). 0, or -1 if they cannot be mapped.
 * Context: boot, before the first process (device_map). */
int local_apic_map(uint32_t physical);

/* The local APIC ID of the CPU that runs this. */
uint8_t local_apic_id(void);

/* Sends INIT to the CPU whose local APIC ID is `apic_id`: it resets and
 * waits for a STARTUP. 0, or -1 if the message was not delivered. */
int local_apic_send_init(uint8_t apic_id);

/* Sends STARTUP: the CPU starts in real mode at physical address
 * `page` (a multiple of 4 KiB below 1 MiB), cs = page >> 4, ip = 0. */
int local_apic_send_startup(uint8_t apic_id, uint32_t page);

/* Turns this CPU's local APIC on, so that it takes the other CPUs'
 * interrupts and its timer's (which counts at the bus rate / 16 in
 * every mode); the first CPU's two local lines bring the PIC's
 * interrupts (LINT0) and the NMI (LINT1), the others' are masked. */
void local_apic_enable_this_cpu(int first_cpu);

/* Acknowledges the interrupt this CPU's local APIC delivered. */
void local_apic_end_of_interrupt(void);

/* Sends interrupt `vector` to the CPU with `apic_id`. Context: any; it
 * does not wait for the other CPU to take it. */
void local_apic_send_interrupt(uint8_t apic_id, uint8_t vector);

/* Sends an NMI to every CPU but this one (a panic stops them). */
void local_apic_send_nmi_to_others(void);

/* How far the timer counts (divided by 16) while the time-stamp counter
 * counts at least *timestamps, which it sets to the counter's counts from
 * just before the timer starts to just after it is read: the two rates,
 * for local_apic_timer.c. Context: boot, one CPU, interrupts off. */
uint32_t local_apic_timer_count_while(uint64_t *timestamps);

/* Starts this CPU's timer in periodic mode: an interrupt at
 * LOCAL_TIMER_VECTOR (trap.h) every `counts`, the first `counts` from now,
 * with nothing more to do between them. Context: interrupts off. */
void local_apic_timer_periodic(uint32_t counts);

/* Puts this CPU's timer in one-shot mode: one interrupt at
 * LOCAL_TIMER_VECTOR when a count set by local_apic_timer_fire_in runs
 * out, then silence until the next is set. Context: interrupts off. */
void local_apic_timer_one_shot(void);

/* Sets this CPU's timer to interrupt once, `counts` (at least 1) from
 * now; a count set before is forgotten. Context: interrupts off. */
void local_apic_timer_fire_in(uint32_t counts);

#endif

/* arch/x86/local_apic.h - each CPU's own interrupt controller, the local
 * APIC: here only what starting the other CPUs needs (its ID, and the
 * INIT and STARTUP messages a CPU sends another). */
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

#endif

/* arch/x86/io_apic.h - the I/O APIC: brings the devices' interrupts to a
 * CPU's local APIC when the kernel runs on several CPUs (with one, the
 * 8259 PIC does, pic.h). */
#ifndef ARCH_X86_IO_APIC_H
#define ARCH_X86_IO_APIC_H

#include <stdint.h>

#include "acpi_madt.h"

/* Maps the I/O APIC the MADT lists, masks all of its inputs and keeps the
 * table's wiring of the ISA interrupts; from then on irq_set_handler
 * (trap.c) routes through it. 0, or -1 (no I/O APIC, or no room to map
 * it: the PIC stays). Context: boot, interrupts off, before any device
 * turns its interrupt on. */
int io_apic_start(const struct madt_cpus *madt);

/* True once io_apic_start has succeeded. */
int io_apic_in_use(void);

/* Sends ISA interrupt `irq` (0-15) as vector IRQ_BASE_VECTOR + irq to the
 * CPU whose local APIC ID is `apic_id`; io_apic_mask stops it. Context:
 * interrupts off. */
void io_apic_route(int irq, uint8_t apic_id);
void io_apic_mask(int irq);

#endif

/* arch/x86/acpi_madt.h - which CPUs the machine has: ACPI's table of
 * interrupt controllers (the MADT, "APIC" in the firmware's tables). */
#ifndef ARCH_X86_ACPI_MADT_H
#define ARCH_X86_ACPI_MADT_H

#include <stdint.h>

#define MADT_MAX_CPUS 8
#define MADT_ISA_IRQS 16

/* How an ISA interrupt (0-15) reaches the I/O APIC: at which input, and
 * how its line signals. Without an override in the table, IRQ n is input
 * n, active high, edge-triggered (the ISA bus's way). */
struct madt_isa_irq {
    uint32_t input;                    /* "global system interrupt" */
    uint8_t active_low;
    uint8_t level_triggered;
};

struct madt_cpus {
    uint32_t local_apic_physical;      /* every CPU's local APIC registers, at this address */
    uint32_t io_apic_physical;         /* the first I/O APIC's, 0 if none is listed */
    uint32_t io_apic_first_input;      /* the global system interrupt of its input 0 */
    struct madt_isa_irq isa_irq[MADT_ISA_IRQS];  /* with the table's overrides */
    int count;                         /* CPUs the firmware lists as enabled */
    int boot_index;                    /* which of them runs now: filled by the caller */
    uint8_t apic_id[MADT_MAX_CPUS];    /* each one's local APIC ID, in the table's order */
};

/* Finds the RSDP in the BIOS areas, then the RSDT, then the MADT, checking
 * each one's checksum, and lists the enabled CPUs (at most MADT_MAX_CPUS;
 * more are left out, and said so on the log), the first I/O APIC and
 * where each ISA interrupt reaches it. 0, or -1 when there is no
 * valid table: then the machine has one CPU as far as the kernel knows.
 * Context: boot; the tables lie in the direct map (below 1 GiB). */
int acpi_madt_read(struct madt_cpus *cpus);

#endif

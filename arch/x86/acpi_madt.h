/* arch/x86/acpi_madt.h - which CPUs the machine has: ACPI's table of
 * interrupt controllers (the MADT, "APIC" in the firmware's tables). */
#ifndef ARCH_X86_ACPI_MADT_H
#define ARCH_X86_ACPI_MADT_H

#include <stdint.h>

#define MADT_MAX_CPUS 8

struct madt_cpus {
    uint32_t local_apic_physical;      /* every CPU's local APIC registers, at this address */
    uint32_t io_apic_physical;         /* the first I/O APIC's, 0 if none is listed */
    int count;                         /* CPUs the firmware lists as enabled */
    int boot_index;                    /* which of them runs now: filled by the caller */
    uint8_t apic_id[MADT_MAX_CPUS];    /* each one's local APIC ID, in the table's order */
};

/* Finds the RSDP in the BIOS areas, then the RSDT, then the MADT, checking
 * each one's checksum, and lists the enabled CPUs (at most MADT_MAX_CPUS;
 * more are left out, and said so on the log). 0, or -1 when there is no
 * valid table: then the machine has one CPU as far as the kernel knows.
 * Context: boot; the tables lie in the direct map (below 1 GiB). */
int acpi_madt_read(struct madt_cpus *cpus);

#endif

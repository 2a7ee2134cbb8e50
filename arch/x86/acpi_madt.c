/* arch/x86/acpi_madt.c - reading ACPI's MADT, the firmware's list of CPUs.
 *
 * The firmware (SeaBIOS, in QEMU) leaves a chain of tables in memory:
 *
 *   RSDP "RSD PTR " (in the EBDA's first KiB, or 0xE0000-0xFFFFF, on a
 *     |              16-byte boundary; its first 20 bytes sum to 0)
 *     v rsdt_physical
 *   RSDT "RSDT"     (a header, then one 32-bit address per table)
 *     v
 *   MADT "APIC"     (a header, the local APICs' address, then entries:
 *                    type 0 a CPU's local APIC, type 1 an I/O APIC,
 *                    type 2 an ISA interrupt wired to another input, ...)
 *
 * Each table's bytes sum to 0 (mod 256); a table that does not is not
 * believed. Only the 32-bit RSDT is read: on this 32-bit kernel the
 * XSDT's 64-bit addresses would give nothing more. */
#include "acpi_madt.h"

#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/memory_layout.h"

struct acpi_rsdp {
    char signature[8];                 /* "RSD PTR " */
    uint8_t checksum;                  /* the first 20 bytes sum to 0 */
    char oem_id[6];
    uint8_t revision;
    uint32_t rsdt_physical;
} __attribute__((packed));

struct acpi_header {
    char signature[4];
    uint32_t length;                   /* of the whole table, this header included */
    uint8_t revision;
    uint8_t checksum;                  /* the whole table sums to 0 */
    char oem_id[6];
    char oem_table_id[8];
    uint32_t oem_revision;
    uint32_t creator_id;
    uint32_t creator_revision;
} __attribute__((packed));

struct madt {
    struct acpi_header header;
    uint32_t local_apic_physical;
    uint32_t flags;
    uint8_t entries[];                 /* each: type, length, then its fields */
} __attribute__((packed));

enum {
    MADT_LOCAL_APIC = 0,               /* processor id, APIC id, flags (32 bits) */
    MADT_IO_APIC = 1,                  /* id, reserved, address (32 bits), first interrupt */
    MADT_SOURCE_OVERRIDE = 2,          /* bus, ISA IRQ, its input (32 bits), flags (16 bits) */
    OVERRIDE_POLARITY_MASK = 0x3, OVERRIDE_ACTIVE_LOW = 0x3,     /* 00: the bus's own way */
    OVERRIDE_TRIGGER_MASK = 0xC, OVERRIDE_LEVEL = 0xC,
    LOCAL_APIC_ENABLED = 1,
    BIOS_EBDA_SEGMENT = 0x40E,         /* where the BIOS data area keeps the EBDA's segment */
    BIOS_AREA_START = 0xE0000,
    BIOS_AREA_END = 0x100000,
    ACPI_TABLE_MAX = 64 * 1024,        /* larger than any MADT: a length past it is damage */
};

static int sums_to_zero(const void *bytes, uint32_t length)
{
    uint8_t sum = 0;
    for (uint32_t i = 0; i < length; i++)
        sum = (uint8_t)(sum + ((const uint8_t *)bytes)[i]);
    return sum == 0;
}

static const struct acpi_rsdp *rsdp_in(uint32_t start, uint32_t end)
{
    for (uint32_t at = start; at + sizeof(struct acpi_rsdp) <= end; at += 16) {
        const struct acpi_rsdp *rsdp = physical_to_virtual(at);
        if (!memcmp(rsdp->signature, "RSD PTR ", 8) && sums_to_zero(rsdp, 20))
            return rsdp;
    }
    return 0;
}

/* A table the firmware names at `physical`, if it lies in the direct
 * map, is not absurdly long and its checksum holds; else 0. */
static const struct acpi_header *table_at(uint32_t physical)
{
    if (physical == 0 || physical >= DIRECT_MAP_LIMIT - sizeof(struct acpi_header))
        return 0;
    const struct acpi_header *header = physical_to_virtual(physical);
    if (header->length < sizeof *header || header->length > ACPI_TABLE_MAX ||
        physical + header->length > DIRECT_MAP_LIMIT || !sums_to_zero(header, header->length))
        return 0;
    return header;
}

static const struct madt *find_madt(void)
{
    uint32_t ebda = (uint32_t)*(const uint16_t *)physical_to_virtual(BIOS_EBDA_SEGMENT) << 4;
    const struct acpi_rsdp *rsdp = ebda ? rsdp_in(ebda, ebda + 1024) : 0;
    if (!rsdp)
        rsdp = rsdp_in(BIOS_AREA_START, BIOS_AREA_END);
    const struct acpi_header *rsdt = rsdp ? table_at(rsdp->rsdt_physical) : 0;
    if (!rsdt || memcmp(rsdt->signature, "RSDT", 4))
        return 0;
    const uint32_t *tables = (const uint32_t *)(rsdt + 1);
    uint32_t count = (rsdt->length - sizeof *rsdt) / 4;
    for (uint32_t i = 0; i < count; i++) {
        const struct acpi_header *table = table_at(tables[i]);
        if (table && !memcmp(table->signature, "APIC", 4) && table->length >= sizeof(struct madt))
            return (const struct madt *)table;
    }
    return 0;
}

int acpi_madt_read(struct madt_cpus *cpus)
{
    memset(cpus, 0, sizeof *cpus);
    const struct madt *madt = find_madt();
    if (!madt)
        return -1;
    cpus->local_apic_physical = madt->local_apic_physical;
    for (int irq = 0; irq < MADT_ISA_IRQS; irq++)
        cpus->isa_irq[irq].input = (uint32_t)irq;
    int left_out = 0;
    const uint8_t *entry = madt->entries, *end = (const uint8_t *)madt + madt->header.length;
    while (entry + 2 <= end && entry[1] >= 2 && entry + entry[1] <= end) {
        if (entry[0] == MADT_LOCAL_APIC && entry[1] >= 8) {
            uint32_t flags;
            memcpy(&flags, entry + 4, sizeof flags);
            if (flags & LOCAL_APIC_ENABLED) {
                if (cpus->count < MADT_MAX_CPUS)
                    cpus->apic_id[cpus->count++] = entry[3];
                else
                    left_out++;
            }
        } else if (entry[0] == MADT_IO_APIC && entry[1] >= 12 && !cpus->io_apic_physical) {
            memcpy(&cpus->io_apic_physical, entry + 4, sizeof cpus->io_apic_physical);
            memcpy(&cpus->io_apic_first_input, entry + 8, sizeof cpus->io_apic_first_input);
        } else if (entry[0] == MADT_SOURCE_OVERRIDE && entry[1] >= 10 && entry[3] < MADT_ISA_IRQS) {
            struct madt_isa_irq *irq = &cpus->isa_irq[entry[3]];
            uint16_t flags;
            memcpy(&irq->input, entry + 4, sizeof irq->input);
            memcpy(&flags, entry + 8, sizeof flags);
            irq->active_low = (flags & OVERRIDE_POLARITY_MASK) == OVERRIDE_ACTIVE_LOW;
            irq->level_triggered = (flags & OVERRIDE_TRIGGER_MASK) == OVERRIDE_LEVEL;
        }
        entry += entry[1];
    }
    if (left_out)
        kprintf("smp: %d more CPUs than the kernel's %d left out\n", left_out, MADT_MAX_CPUS);
    return cpus->count ? 0 : -1;
}

/* arch/x86/io_apic.c - the I/O APIC (82093AA and its successors).
 *
 * Two registers in memory: IOREGSEL (offset 0x00) chooses one of its
 * internal registers, IOWIN (offset 0x10) reads or writes it. Internal
 * register 1 holds, in bits 16-23, the number of its last input; from
 * register 0x10 on, each input has a 64-bit redirection entry (two
 * registers, low then high):
 *
 *   bits 0-7    the vector the CPU receives
 *   bits 8-10   delivery mode: 000 fixed
 *   bit 11      destination mode: 0 physical (an APIC ID)
 *   bit 13      polarity: 1 active low
 *   bit 15      trigger: 1 level
 *   bit 16      mask
 *   bits 56-63  the destination's APIC ID
 *
 * An interrupt it delivers is acknowledged at the receiving CPU's local
 * APIC (local_apic_end_of_interrupt); for a level-triggered input that
 * end-of-interrupt is passed on to the I/O APIC, which then looks at the
 * line again. Every device interrupt goes to the first CPU, as in xv6:
 * under the big kernel lock another CPU would handle it no sooner. */
#include "io_apic.h"

#include "idt.h"
#include "lib/kprintf.h"
#include "mm/device_map.h"

enum {
    REGISTER_SELECT = 0x00 / 4,
    REGISTER_WINDOW = 0x10 / 4,
    REGISTER_SPACE = 0x20,
    INTERNAL_VERSION = 0x01,           /* bits 16-23: the last input's number */
    INTERNAL_REDIRECTION = 0x10,       /* input n: 0x10 + 2n (low), 0x11 + 2n (high) */
    ENTRY_ACTIVE_LOW = 1 << 13,
    ENTRY_LEVEL = 1 << 15,
    ENTRY_MASKED = 1 << 16,
};

static volatile uint32_t *registers;
static uint32_t input_count;
static struct madt_cpus wiring;        /* the MADT's: where each ISA interrupt arrives */

static uint32_t read_internal(uint32_t index)
{
    registers[REGISTER_SELECT] = index;
    return registers[REGISTER_WINDOW];
}

static void write_internal(uint32_t index, uint32_t value)
{
    registers[REGISTER_SELECT] = index;
    registers[REGISTER_WINDOW] = value;
}

int io_apic_start(const struct madt_cpus *madt)
{
    if (!madt->io_apic_physical)
        return -1;
    registers = (volatile uint32_t *)device_map(madt->io_apic_physical, REGISTER_SPACE);
    if (!registers)
        return -1;
    wiring = *madt;
    input_count = ((read_internal(INTERNAL_VERSION) >> 16) & 0xFF) + 1;
    for (uint32_t input = 0; input < input_count; input++) {
        write_internal(INTERNAL_REDIRECTION + 2 * input, ENTRY_MASKED);
        write_internal(INTERNAL_REDIRECTION + 2 * input + 1, 0);
    }
    kprintf("io_apic: %u inputs at 0x%x; the devices' interrupts go to the first CPU\n", input_count,
            madt->io_apic_physical);
    return 0;
}

int io_apic_in_use(void)
{
    return registers != 0;
}

/* The input ISA interrupt `irq` arrives at, or -1 if this I/O APIC has none. */
static int input_of(int irq)
{
    uint32_t input = wiring.isa_irq[irq].input - wiring.io_apic_first_input;
    return input < input_count ? (int)input : -1;
}

void io_apic_route(int irq, uint8_t apic_id)
{
    int input = input_of(irq);
    if (input < 0) {
        kprintf("io_apic: IRQ %d has no input here; it stays off\n", irq);
        return;
    }
    uint32_t low = IRQ_BASE_VECTOR + (uint32_t)irq;
    if (wiring.isa_irq[irq].active_low)
        low |= ENTRY_ACTIVE_LOW;
    if (wiring.isa_irq[irq].level_triggered)
        low |= ENTRY_LEVEL;
    write_internal(INTERNAL_REDIRECTION + 2 * (uint32_t)input + 1, (uint32_t)apic_id << 24);
    write_internal(INTERNAL_REDIRECTION + 2 * (uint32_t)input, low);
}

void io_apic_mask(int irq)
{
    int input = input_of(irq);
    if (input >= 0)
        write_internal(INTERNAL_REDIRECTION + 2 * (uint32_t)input, ENTRY_MASKED);
}

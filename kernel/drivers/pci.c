/* kernel/drivers/pci.c - the PCI bus through configuration mechanism #1.
 *
 * Every PCI function has 256 bytes of configuration space: who it is
 * (vendor and device ids), where its registers are (the BARs), which
 * interrupt line it raises. The CPU reaches that space through two ports:
 * it writes the address of one 32-bit word to CONFIG_ADDRESS (0xCF8),
 * then reads or writes the word at CONFIG_DATA (0xCFC):
 *
 *   bit 31     30..24    23..16   15..11   10..8      7..2        1..0
 *   [enable] [reserved] [ bus  ] [ slot ] [function] [word offset] [00]
 *
 * The two ports are one conversation, so each access runs with interrupts
 * off (no handler may move CONFIG_ADDRESS between our write and our read).
 *
 * The layout of the start of a configuration space (header type 0, the
 * one every ordinary device has):
 *
 *   0x00  vendor id (16) | device id (16)
 *   0x04  command (16)   | status (16)
 *   0x0C  ...            | header type (8, bit 7: more functions) | ...
 *   0x10  BAR0 .. 0x24 BAR5
 *   0x3C  interrupt line (8) | interrupt pin (8) | ... */
#include "pci.h"

#include "arch/x86/cpu.h"
#include "arch/x86/io.h"

enum {
    PCI_CONFIG_ADDRESS = 0xCF8,
    PCI_CONFIG_DATA = 0xCFC,
    PCI_CONFIG_ENABLE = 0x80000000u,   /* bit 31: this is a configuration access */
};

enum {
    PCI_BUS_COUNT = 256,
    PCI_SLOT_COUNT = 32,
    PCI_FUNCTION_COUNT = 8,
    PCI_NO_DEVICE = 0xFFFF,             /* the vendor id read where nothing answers */
};

/* Offsets in the configuration space. */
enum {
    PCI_VENDOR_DEVICE = 0x00,           /* vendor in the low half, device in the high */
    PCI_COMMAND = 0x04,                 /* 16 bits; the status register follows */
    PCI_HEADER_TYPE_WORD = 0x0C,        /* header type is byte 2 of this word */
    PCI_BAR0 = 0x10,
    PCI_INTERRUPT_WORD = 0x3C,          /* interrupt line is byte 0 of this word */
};

#define PCI_BAR_COUNT            6
#define PCI_HEADER_TYPE_SHIFT    16
#define PCI_HEADER_MULTI_FUNCTION 0x80  /* in the header type: functions 1-7 may exist */
#define PCI_HEADER_LAYOUT_MASK   0x7F
#define PCI_HEADER_ORDINARY      0x00   /* a device (not a bridge): has six BARs */

/* Command register bits. */
enum {
    PCI_COMMAND_IO_SPACE = 0x1,         /* answer accesses to its I/O BARs */
    PCI_COMMAND_MEMORY_SPACE = 0x2,     /* answer accesses to its memory BARs */
    PCI_COMMAND_BUS_MASTER = 0x4,       /* may start memory accesses itself (DMA) */
};

/* The CONFIG_ADDRESS value for the 32-bit word holding `offset`. */
static uint32_t config_address(uint8_t bus, uint8_t slot, uint8_t function, uint8_t offset)
{
    return PCI_CONFIG_ENABLE | (uint32_t)bus << 16 | (uint32_t)slot << 11 | (uint32_t)function << 8 |
           (offset & 0xFCu);
}

/* Reads the configuration word at `offset` (rounded down to a multiple
 * of 4) of one function. CONFIG_DATA answers 8-, 16- and 32-bit reads,
 * the port's low bits choosing the bytes; arch/x86/io.h has 16-bit reads,
 * so the word comes in two halves. Context: any. */
static uint32_t read_word(uint8_t bus, uint8_t slot, uint8_t function, uint8_t offset)
{
    uint32_t saved = cpu_save_and_disable_interrupts();
    outl(PCI_CONFIG_ADDRESS, config_address(bus, slot, function, offset));
    uint32_t low = inw(PCI_CONFIG_DATA);
    uint32_t high = inw(PCI_CONFIG_DATA + 2);
    cpu_restore_interrupts(saved);
    return high << 16 | low;
}

uint32_t pci_config_read32(const struct pci_device *device, uint8_t offset)
{
    return read_word(device->bus, device->slot, device->function, offset);
}

void pci_config_write32(const struct pci_device *device, uint8_t offset, uint32_t value)
{
    uint32_t saved = cpu_save_and_disable_interrupts();
    outl(PCI_CONFIG_ADDRESS, config_address(device->bus, device->slot, device->function, offset));
    outl(PCI_CONFIG_DATA, value);
    cpu_restore_interrupts(saved);
}

/* Writes the 16 bits at `offset` (a multiple of 2) alone: the command
 * register shares its word with the status register, whose bits are
 * cleared by writing ones, so a 32-bit write back would clear them. */
static void config_write16(const struct pci_device *device, uint8_t offset, uint16_t value)
{
    uint32_t saved = cpu_save_and_disable_interrupts();
    outl(PCI_CONFIG_ADDRESS, config_address(device->bus, device->slot, device->function, offset));
    outw((uint16_t)(PCI_CONFIG_DATA + (offset & 2)), value);
    cpu_restore_interrupts(saved);
}

/* Fills `result` with what we keep of function bus:slot.function, whose
 * first word `identity` was read already. */
static void describe(uint8_t bus, uint8_t slot, uint8_t function, uint32_t identity, struct pci_device *result)
{
    result->bus = bus;
    result->slot = slot;
    result->function = function;
    result->vendor = (uint16_t)identity;
    result->device = (uint16_t)(identity >> 16);
    result->irq = (uint8_t)read_word(bus, slot, function, PCI_INTERRUPT_WORD);
    uint32_t header = read_word(bus, slot, function, PCI_HEADER_TYPE_WORD) >> PCI_HEADER_TYPE_SHIFT;
    int ordinary = (header & PCI_HEADER_LAYOUT_MASK) == PCI_HEADER_ORDINARY;
    for (int i = 0; i < PCI_BAR_COUNT; i++)
        result->bar[i] = ordinary ? read_word(bus, slot, function, (uint8_t)(PCI_BAR0 + 4 * i)) : 0;
}

/* The brute-force scan: every bus and slot; functions 1-7 of a slot only
 * when function 0 says it has more than one (a single-function device
 * may answer the same on every function number). */
int pci_find_device(uint16_t vendor, uint16_t device, struct pci_device *result)
{
    for (int bus = 0; bus < PCI_BUS_COUNT; bus++) {
        for (int slot = 0; slot < PCI_SLOT_COUNT; slot++) {
            uint32_t first = read_word((uint8_t)bus, (uint8_t)slot, 0, PCI_VENDOR_DEVICE);
            if ((first & 0xFFFF) == PCI_NO_DEVICE)
                continue;
            uint32_t header = read_word((uint8_t)bus, (uint8_t)slot, 0, PCI_HEADER_TYPE_WORD) >> PCI_HEADER_TYPE_SHIFT;
            int functions = (header & PCI_HEADER_MULTI_FUNCTION) ? PCI_FUNCTION_COUNT : 1;
            for (int function = 0; function < functions; function++) {
                uint32_t identity = function == 0 ? first
                                                  : read_word((uint8_t)bus, (uint8_t)slot, (uint8_t)function,
                                                              PCI_VENDOR_DEVICE);
                if ((identity & 0xFFFF) == vendor && (identity >> 16) == device) {
                    describe((uint8_t)bus, (uint8_t)slot, (uint8_t)function, identity, result);
                    return 1;
                }
            }
        }
    }
    return 0;
}

void pci_enable_bus_master(const struct pci_device *device)
{
    uint16_t command = (uint16_t)pci_config_read32(device, PCI_COMMAND);
    command |= PCI_COMMAND_IO_SPACE | PCI_COMMAND_MEMORY_SPACE | PCI_COMMAND_BUS_MASTER;
    config_write16(device, PCI_COMMAND, command);
}

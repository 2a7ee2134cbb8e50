/* kernel/drivers/pci.h - the PCI bus, through configuration mechanism #1
 * (ports 0xCF8/0xCFC): finding a device by vendor and device id, reading
 * its BARs, turning on bus mastering. */
#ifndef KERNEL_DRIVERS_PCI_H
#define KERNEL_DRIVERS_PCI_H

#include <stdint.h>

struct pci_device {
    uint8_t bus, slot, function;
    uint16_t vendor, device;
    uint8_t irq;                       /* the interrupt line the firmware assigned */
    uint32_t bar[6];                   /* raw BAR values */
};

/* Finds the first device with `vendor`/`device` (scanning bus 0..255):
 * 1 with *result filled, or 0. Context: boot. */
int pci_find_device(uint16_t vendor, uint16_t device, struct pci_device *result);

uint32_t pci_config_read32(const struct pci_device *device, uint8_t offset);
void pci_config_write32(const struct pci_device *device, uint8_t offset, uint32_t value);

/* Lets the device read and write memory itself (DMA) and answer I/O and
 * memory accesses: sets the command register's three bits. */
void pci_enable_bus_master(const struct pci_device *device);

#endif

/* kernel/mm/device_map.h - reaching a device's registers when they lie
 * outside the direct map (memory_layout.h), as a PCI card's memory BAR
 * does: QEMU places the e1000's above 3 GiB physical. */
#ifndef KERNEL_MM_DEVICE_MAP_H
#define KERNEL_MM_DEVICE_MAP_H

#include <stdint.h>

/* The device window: the last 4 MiB of the kernel half. The direct map's
 * last 4 MiB page (physical 0x3FC00000-0x3FFFFFFF) gives way to it, so
 * that physical memory must not be in use (see device_map.c). */
#define DEVICE_MAP_BASE  0xFFC00000u
#define DEVICE_MAP_SIZE  (4u << 20)

/* Maps the `size` bytes of device registers at physical address
 * `physical` into the device window, uncached: their virtual address, or
 * NULL when the window is full or no frame is left for its page table.
 * The mapping lasts until the machine stops. Context: boot,
 * before the first process exists (a page directory copies the kernel
 * half when it is created, so later ones share this mapping). */
volatile void *device_map(uint32_t physical, uint32_t size);

#endif

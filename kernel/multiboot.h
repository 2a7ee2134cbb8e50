/* kernel/multiboot.h - what GRUB (or QEMU's -kernel) tells the kernel:
 * the Multiboot 1 information structure, at a physical address. */
#ifndef KERNEL_MULTIBOOT_H
#define KERNEL_MULTIBOOT_H

#include <stdint.h>

#define MULTIBOOT_LOADER_MAGIC 0x2BADB002

#define MULTIBOOT_INFO_MEMORY   0x001
#define MULTIBOOT_INFO_CMDLINE  0x004
#define MULTIBOOT_INFO_MODULES  0x008
#define MULTIBOOT_INFO_MEMORY_MAP 0x040

struct multiboot_info {
    uint32_t flags;
    uint32_t mem_lower, mem_upper;         /* KiB below 1 MiB / above 1 MiB */
    uint32_t boot_device;
    uint32_t cmdline;                      /* physical address of a C string */
    uint32_t mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
} __attribute__((packed));

struct multiboot_module {
    uint32_t start, end;                   /* physical, end exclusive */
    uint32_t string;
    uint32_t reserved;
} __attribute__((packed));

struct multiboot_memory_region {
    uint32_t size;                         /* of this entry, without this field */
    uint64_t address, length;
    uint32_t type;                         /* 1 = usable RAM */
} __attribute__((packed));

#define MULTIBOOT_MEMORY_AVAILABLE 1

#endif

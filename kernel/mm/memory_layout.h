/* kernel/mm/memory_layout.h - where things live in the virtual address space.
 *
 *   0xFFFFFFFF +----------------------------+
 *              | direct map of physical     |  kernel only (no U/S bit):
 *              | memory 0..1 GiB            |  physical p is at p + 0xC0000000;
 *              | (kernel image at 1 MiB,    |  shared by every page directory
 *              |  heap, page tables, ...)   |
 *   0xC0000000 +----------------------------+  USER_END
 *              | user stack (grows down)    |
 *              | ...                        |
 *              | mmap / shared memory       |
 *              | heap (brk, grows up)       |
 *   0x08048000 | program (ELF segments)     |
 *   0x00000000 +----------------------------+  first page never mapped (NULL)
 */
#ifndef KERNEL_MM_MEMORY_LAYOUT_H
#define KERNEL_MM_MEMORY_LAYOUT_H

#include <stdint.h>

#define KERNEL_VIRTUAL_BASE 0xC0000000u
#define DIRECT_MAP_LIMIT    0x40000000u   /* physical memory the kernel can reach: 1 GiB */
#define USABLE_MEMORY_LIMIT 0x3FC00000u   /* frames lie below: the direct map's last 4 MiB
                                             give way to the device window (device_map.h) */
#define PAGE_SIZE           4096u
#define PAGE_SHIFT          12

#define USER_START          0x00001000u   /* the first page stays unmapped */
#define USER_END            KERNEL_VIRTUAL_BASE
#define USER_STACK_TOP      USER_END
#define USER_STACK_MAX      (8u << 20)    /* 8 MiB of stack at most */
#define USER_STACK_INITIAL  (64u << 10)   /* the stack region's first size; it grows on faults */
#define USER_MMAP_TOP       (USER_STACK_TOP - USER_STACK_MAX)

#define PAGE_ROUND_DOWN(a)  ((uint32_t)(a) & ~(PAGE_SIZE - 1))
#define PAGE_ROUND_UP(a)    (((uint32_t)(a) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))

static inline void *physical_to_virtual(uint32_t physical)
{
    return (void *)(physical + KERNEL_VIRTUAL_BASE);
}

static inline uint32_t virtual_to_physical(const void *virtual_address)
{
    return (uint32_t)virtual_address - KERNEL_VIRTUAL_BASE;
}

#endif

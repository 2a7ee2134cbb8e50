/* kernel/mm/memory_init.c - physical memory at boot.
 *
 *   0        1 MiB      kernel image   modules    bookkeeping  heap          RAM end
 *   |  BIOS,  |  .text .data .bss |  initrd  | stack/counts | kmalloc |  free frames ... |
 *   |  VGA    |                   |          |              |         |                  |
 *   reserved  reserved            reserved   reserved       reserved   frame_alloc
 */
#include "memory_init.h"

#include "frame.h"
#include "heap.h"
#include "kernel/panic.h"
#include "lib/kprintf.h"
#include "memory_layout.h"

#define LOW_MEMORY_END   0x100000u
#define HEAP_MAX_BYTES   (32u << 20)   /* at most 32 MiB of kernel heap */
#define HEAP_RAM_SHARE   4             /* ... and at most a quarter of RAM */
#define MAX_RESERVED     4
#define MAX_REGIONS      32

extern char kernel_physical_end[];     /* boot/linker.ld */

static uint32_t align_up(uint32_t value, uint32_t alignment)
{
    return (value + alignment - 1) & ~(alignment - 1);
}

void memory_init(const struct multiboot_info *info)
{
    if (!(info->flags & MULTIBOOT_INFO_MEMORY_MAP))
        panic("the loader gave no memory map");

    /* Copy the usable regions out first: the loader's structures may lie
     * where the allocator's arrays are about to go. */
    struct physical_range usable[MAX_REGIONS];
    int usable_count = 0;
    uint32_t ram_end = 0;
    const uint8_t *map = physical_to_virtual(info->mmap_addr);
    const uint8_t *map_end = map + info->mmap_length;
    for (const uint8_t *p = map; p < map_end && usable_count < MAX_REGIONS;
         p += ((const struct multiboot_memory_region *)p)->size + 4) {
        const struct multiboot_memory_region *region = (const void *)p;
        if (region->type != MULTIBOOT_MEMORY_AVAILABLE || region->address >= USABLE_MEMORY_LIMIT)
            continue;
        uint64_t end = region->address + region->length;
        if (end > USABLE_MEMORY_LIMIT)
            end = USABLE_MEMORY_LIMIT;
        usable[usable_count++] = (struct physical_range){ (uint32_t)region->address, (uint32_t)end };
        if (end > ram_end)
            ram_end = (uint32_t)end;
    }

    /* Everything the boot left in memory comes first; the allocator's own
     * arrays and the heap go right after it. */
    uint32_t boot_end = (uint32_t)kernel_physical_end;
    if (info->flags & MULTIBOOT_INFO_MODULES) {
        const struct multiboot_module *modules = physical_to_virtual(info->mods_addr);
        for (uint32_t i = 0; i < info->mods_count; i++)
            if (modules[i].end > boot_end)
                boot_end = modules[i].end;
    }
    uint32_t frame_count = ram_end / PAGE_SIZE;
    uint32_t bookkeeping = align_up(boot_end, PAGE_SIZE);
    uint32_t *free_stack = physical_to_virtual(bookkeeping);
    uint16_t *reference_counts = (uint16_t *)(free_stack + frame_count);
    uint32_t heap_start = align_up((uint32_t)virtual_to_physical(reference_counts + frame_count), PAGE_SIZE);
    uint32_t heap_size = ram_end / HEAP_RAM_SHARE;
    if (heap_size > HEAP_MAX_BYTES)
        heap_size = HEAP_MAX_BYTES;
    if (heap_start + heap_size > ram_end)
        panic("not enough memory for the kernel heap");

    struct physical_range reserved[MAX_RESERVED];
    int reserved_count = 0;
    reserved[reserved_count++] = (struct physical_range){ 0, LOW_MEMORY_END };
    reserved[reserved_count++] = (struct physical_range){ LOW_MEMORY_END, heap_start + heap_size };

    frame_allocator_init(free_stack, reference_counts, frame_count);
    for (int i = 0; i < usable_count; i++)
        frame_add_usable_range(usable[i], reserved, reserved_count);
    heap_init(physical_to_virtual(heap_start), heap_size);

    kprintf("memory: %u MiB usable, %u frames free, heap %u KiB at 0x%x\n",
            ram_end >> 20, frame_free_count(), heap_size >> 10, heap_start);
}

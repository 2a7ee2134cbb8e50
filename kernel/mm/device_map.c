/* kernel/mm/device_map.c - a window of kernel addresses for device
 * registers.
 *
 * A PCI card's registers ("memory-mapped I/O") sit at a physical address
 * the firmware chose, which QEMU puts above 3 GiB: far outside the direct
 * map of the first GiB, and every kernel address is already part of that
 * map (memory_layout.h). So the last 4 MiB of the kernel half become the
 * device window: its page-directory entry, a 4 MiB page of the direct map
 * until now, is replaced by a page table whose entries point at device
 * registers, one 4 KiB page each:
 *
 *   directory entry 1023 (0xFFC00000)
 *     before: 4 MiB page -> physical 0x3FC00000 (RAM on a 1 GiB machine)
 *     after:  page table -> [ e1000 page 0 ] [ page 1 ] ... [ free ... ]
 *
 * Two consequences:
 *  - Physical 0x3FC00000-0x3FFFFFFF is out of the kernel's reach from
 *    then on. The kernel boots with 256 MiB (the Makefile's -m 256M), far
 *    below it; a machine with 1 GiB of RAM or more needs memory_init to
 *    stop its frames below DEVICE_MAP_BASE - KERNEL_VIRTUAL_BASE.
 *  - Every page directory copies the kernel half when it is created
 *    (paging.c, page_directory_create), so the window must be installed
 *    before the first process: later ones then share its page table, and
 *    mappings added to that table are seen by all.
 *
 * Registers are not memory: a read must reach the device every time and
 * a write must not wait in a cache, so the pages are uncached (PCD) and
 * written through (PWT). The window only grows: cards stay until the
 * machine stops. */
#include "device_map.h"

#include "arch/x86/cpu.h"
#include "arch/x86/paging.h"
#include "lib/string.h"
#include "frame.h"
#include "memory_layout.h"

#define PTE_WRITE_THROUGH  0x008   /* writes go straight to the device */
#define PTE_CACHE_DISABLE  0x010   /* reads are never answered from a cache */
#define PAGE_TABLE_ENTRIES 1024
#define PDE_SHIFT          22      /* a directory entry covers 4 MiB */

static uint32_t window_table;      /* physical address of the window's page table, 0 until the first map */
static uint32_t window_used;       /* bytes of the window handed out */

/* Replaces the direct map's last 4 MiB page with the window's (empty)
 * page table: 0, or -1 when no frame is left for it. */
static int install_window(void)
{
    uint32_t table = frame_alloc();
    if (!table)
        return -1;
    memset(physical_to_virtual(table), 0, PAGE_SIZE);
    uint32_t *directory = physical_to_virtual(paging_kernel_directory());
    directory[DEVICE_MAP_BASE >> PDE_SHIFT] = table | PTE_PRESENT | PTE_WRITABLE;
    window_table = table;
    for (uint32_t offset = 0; offset < DEVICE_MAP_SIZE; offset += PAGE_SIZE)
        cpu_invalidate_page(DEVICE_MAP_BASE + offset);   /* forget the old 4 MiB page */
    return 0;
}

volatile void *device_map(uint32_t physical, uint32_t size)
{
    uint32_t first_page = PAGE_ROUND_DOWN(physical);
    uint32_t offset_in_page = physical - first_page;
    if (size == 0 || size > DEVICE_MAP_SIZE - offset_in_page)
        return NULL;
    uint32_t span = PAGE_ROUND_UP(offset_in_page + size);
    if (span > DEVICE_MAP_SIZE - window_used)
        return NULL;
    if (!window_table && install_window() < 0)
        return NULL;
    uint32_t *table = physical_to_virtual(window_table);
    uint32_t virtual_start = DEVICE_MAP_BASE + window_used;
    for (uint32_t offset = 0; offset < span; offset += PAGE_SIZE) {
        uint32_t virtual_address = virtual_start + offset;
        table[(virtual_address >> PAGE_SHIFT) % PAGE_TABLE_ENTRIES] =
            (first_page + offset) | PTE_PRESENT | PTE_WRITABLE | PTE_WRITE_THROUGH | PTE_CACHE_DISABLE;
        cpu_invalidate_page(virtual_address);
    }
    window_used += span;
    return (volatile uint8_t *)virtual_start + offset_in_page;
}

/* arch/x86/paging.c - page directories and page tables. */
#include "paging.h"

#include "cpu.h"
#include "smp_for_core.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/memory_layout.h"

extern uint32_t boot_page_directory_physical[];   /* boot/multiboot.asm */

static uint32_t kernel_directory;                 /* physical */

void paging_init(void)
{
    kernel_directory = (uint32_t)boot_page_directory_physical;
    uint32_t *directory = physical_to_virtual(kernel_directory);
    directory[0] = 0;                              /* the boot identity map */
    cpu_write_cr3(kernel_directory);
}

uint32_t paging_kernel_directory(void)
{
    return kernel_directory;
}

uint32_t page_directory_create(void)
{
    uint32_t physical = frame_alloc();
    if (!physical)
        return 0;
    uint32_t *directory = physical_to_virtual(physical);
    const uint32_t *kernel = physical_to_virtual(kernel_directory);
    memset(directory, 0, KERNEL_PDE_FIRST * 4);
    memcpy(directory + KERNEL_PDE_FIRST, kernel + KERNEL_PDE_FIRST, (1024 - KERNEL_PDE_FIRST) * 4);
    return physical;
}

uint32_t *page_table_entry(uint32_t directory, uint32_t virtual_address, int create)
{
    uint32_t *pde = (uint32_t *)physical_to_virtual(directory) + (virtual_address >> 22);
    if (!(*pde & PTE_PRESENT)) {
        if (!create)
            return 0;
        uint32_t table = frame_alloc();
        if (!table)
            return 0;
        memset(physical_to_virtual(table), 0, PAGE_SIZE);
        /* permissive at the directory level: each page's own entry decides */
        *pde = table | PTE_PRESENT | PTE_WRITABLE | PTE_USER;
    }
    uint32_t *table = physical_to_virtual(*pde & PTE_FRAME_MASK);
    return table + ((virtual_address >> PAGE_SHIFT) & 1023);
}

void page_directory_destroy(uint32_t directory)
{
    uint32_t *entries = physical_to_virtual(directory);
    for (int i = 0; i < KERNEL_PDE_FIRST; i++)
        if (entries[i] & PTE_PRESENT)
            frame_release(entries[i] & PTE_FRAME_MASK);
    frame_release(directory);
}

void paging_flush(uint32_t directory, uint32_t virtual_address)
{
    if (cpu_read_cr3() == directory)
        cpu_invalidate_page(virtual_address);
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0))
        smp_tlb_shootdown(directory, virtual_address);   /* the other CPUs' TLBs (smp_ipi.c) */
}

/* arch/x86/paging.h - two-level x86 page tables.
 *
 * A page directory has 1024 entries, each covering 4 MiB; entries 768-1023
 * are the kernel half, the same 4 MiB direct-map pages in every directory
 * (copied from the kernel's directory when one is created). Entries 0-767
 * point to page tables of 1024 entries, each mapping one 4 KiB page. */
#ifndef ARCH_X86_PAGING_H
#define ARCH_X86_PAGING_H

#include <stdint.h>

#define PTE_PRESENT       0x001
#define PTE_WRITABLE      0x002
#define PTE_USER          0x004
#define PTE_DIRTY         0x040    /* set by the CPU on a write through the entry */
#define PTE_LARGE_PAGE    0x080    /* page-directory entries only: 4 MiB */
#define PTE_COPY_ON_WRITE 0x200    /* ours (an "available" bit): copy on first write */
#define PTE_SHARED        0x400    /* ours: shared memory, never copied on write */
#define PTE_HIDDEN        0x800    /* ours, in an entry NOT present: a PROT_NONE page whose
                                      frame is kept (mprotect hid it; the bits above still hold) */
#define PTE_FRAME_MASK    0xFFFFF000u

#define KERNEL_PDE_FIRST  768      /* 0xC0000000 >> 22 */

/* Adopts the boot page directory as the kernel's own and drops the
 * identity mapping of the first 4 MiB that only the boot code needed. */
void paging_init(void);

/* The physical address of the kernel's page directory (kernel tasks use it). */
uint32_t paging_kernel_directory(void);

/* A new page directory with an empty user half and the kernel half;
 * returns its physical address, or 0 when out of memory. */
uint32_t page_directory_create(void);

/* The entry mapping `virtual_address` in `directory`, or NULL when its page
 * table does not exist and `create` is 0 (or memory ran out). */
uint32_t *page_table_entry(uint32_t directory, uint32_t virtual_address, int create);

/* Releases the page tables of the user half and the directory itself; the
 * pages they mapped must have been released already. */
void page_directory_destroy(uint32_t directory);

/* Makes the CPU forget any cached translation of `virtual_address` when
 * `directory` is the one loaded. */
void paging_flush(uint32_t directory, uint32_t virtual_address);

#endif

/* kernel/mm/cross_copy.h - copying between the running process and another
 * process's address space, in one step.
 *
 * The other process is not running, so its user addresses mean nothing in
 * the loaded page directory. These functions find the frames behind its
 * addresses (making the pages present and private first, as its own access
 * would: a fresh page, a copy-on-write copy) and copy through the kernel's
 * direct map, with copy_from_user/copy_to_user on the running side. The
 * message-passing rendezvous uses them to copy a message once, straight from
 * the sender's buffer into the receiver's. */
#ifndef KERNEL_MM_CROSS_COPY_H
#define KERNEL_MM_CROSS_COPY_H

#include <stdint.h>

#include "address_space.h"
#include "arch/x86/paging.h"
#include "memory_layout.h"
#include "uaccess.h"

/* Copies `size` bytes from the running process's `source` to `destination`
 * in `space`. 0 or -EFAULT (either side). */
int copy_into_space(struct address_space *space, uint32_t destination, const void *source, uint32_t size);

/* Copies `size` bytes from `source` in `space` to the running process's
 * `destination`. 0 or -EFAULT. */
int copy_out_of_space(void *destination, struct address_space *space, uint32_t source, uint32_t size);

/* Copies `size` bytes from kernel memory to `destination` in `space`. */
int copy_kernel_into_space(struct address_space *space, uint32_t destination, const void *source, uint32_t size);

/* A message into `space` at `destination`: a 16-byte header from kernel
 * memory, then `body_size` bytes from the running process's `user_body`.
 * One page lookup when it fits in a page (the message-passing fast path). */
#define MESSAGE_HEADER_BYTES 16
int copy_message_into_space(struct address_space *space, uint32_t destination, const void *header,
                            const void *user_body, uint32_t body_size);

/* The kernel's view of the byte at `address` in the address space of
 * `page_directory` (physical, as in CR3) when its page is present (and
 * writable, when `write`) already: two table reads and no fault handling.
 * NULL otherwise (then the functions above make it so). Inline: the
 * message-passing fast path uses it on every message. */
static inline uint8_t *page_if_present(uint32_t page_directory, uint32_t address, int write)
{
    const uint32_t *directory = physical_to_virtual(page_directory);
    uint32_t directory_entry = directory[address >> 22];
    if (!(directory_entry & PTE_PRESENT))
        return 0;
    const uint32_t *table = physical_to_virtual(directory_entry & PTE_FRAME_MASK);
    uint32_t entry = table[(address >> PAGE_SHIFT) & 1023];
    uint32_t needed = PTE_PRESENT | (write ? PTE_WRITABLE : 0);
    if ((entry & needed) != needed)
        return 0;
    return (uint8_t *)physical_to_virtual(entry & PTE_FRAME_MASK) + (address & (PAGE_SIZE - 1));
}

/* The kernel's view of [address, address+size) in the address space of
 * `page_directory` when the range lies in the user half, within one page,
 * and that page is present (and writable, when `write`) now; NULL
 * otherwise. Through the view the kernel reads and writes another
 * process's memory with plain loads and stores: nothing can fault. */
static inline void *view_if_present(uint32_t page_directory, uint32_t address, uint32_t size, int write)
{
    if (address >= USER_END || (address & (PAGE_SIZE - 1)) + size > PAGE_SIZE)
        return 0;
    return page_if_present(page_directory, address, write);
}

/* True when every page of [address, address+size) in the address space of
 * `page_directory` is present and writable now, so that a copy into it
 * cannot fault (usually one page: one walk). */
static inline int range_is_writable(uint32_t page_directory, uint32_t address, uint32_t size)
{
    if (!user_range_ok((void *)address, size) || size == 0)
        return 0;
    uint32_t last_page = PAGE_ROUND_DOWN(address + size - 1);
    for (uint32_t page = PAGE_ROUND_DOWN(address);; page += PAGE_SIZE) {
        if (!page_if_present(page_directory, page, 1))
            return 0;
        if (page == last_page)
            return 1;
    }
}

/* Copies `size` bytes from `source` in `space` to kernel memory. */
int copy_space_to_kernel(void *destination, struct address_space *space, uint32_t source, uint32_t size);

#endif

/* kernel/mm/cross_copy.c - one copy between two address spaces. */
#include "cross_copy.h"

#include "address_space.h"
#include "arch/x86/paging.h"
#include "lib/string.h"
#include "memory_layout.h"
#include "uaccess.h"
#include "uapi/errno.h"

/* The kernel's view of the page at `address` in `space`, made present (and
 * writable, copying a shared page first, when `write`), or NULL. */
static uint8_t *page_in_space(struct address_space *space, uint32_t address, int write)
{
    uint8_t *page = page_if_present(space->page_directory, address, write);
    if (page)
        return page;                        /* the usual case: no fault to handle */
    if (address_space_handle_fault(space, address, write) < 0)
        return 0;
    uint32_t *entry = page_table_entry(space->page_directory, address, 0);
    return physical_to_virtual(*entry & PTE_FRAME_MASK);
}

enum direction { INTO_SPACE_FROM_USER, OUT_OF_SPACE_TO_USER, INTO_SPACE_FROM_KERNEL, OUT_OF_SPACE_TO_KERNEL };

static int copy_pagewise(struct address_space *space, uint32_t space_address, uint8_t *other,
                         uint32_t size, enum direction direction)
{
    if (!user_range_ok((void *)space_address, size))
        return -EFAULT;
    while (size) {
        uint32_t offset = space_address & (PAGE_SIZE - 1);
        uint32_t chunk = PAGE_SIZE - offset < size ? PAGE_SIZE - offset : size;
        int write = direction == INTO_SPACE_FROM_USER || direction == INTO_SPACE_FROM_KERNEL;
        uint8_t *page = page_in_space(space, PAGE_ROUND_DOWN(space_address), write);
        if (!page)
            return -EFAULT;
        int status = 0;
        switch (direction) {
        case INTO_SPACE_FROM_USER: status = copy_from_user(page + offset, other, chunk); break;
        case OUT_OF_SPACE_TO_USER: status = copy_to_user(other, page + offset, chunk); break;
        case INTO_SPACE_FROM_KERNEL: memcpy(page + offset, other, chunk); break;
        case OUT_OF_SPACE_TO_KERNEL: memcpy(other, page + offset, chunk); break;
        }
        if (status < 0)
            return status;
        space_address += chunk;
        other += chunk;
        size -= chunk;
    }
    return 0;
}

int copy_into_space(struct address_space *space, uint32_t destination, const void *source, uint32_t size)
{
    return copy_pagewise(space, destination, (uint8_t *)source, size, INTO_SPACE_FROM_USER);
}

int copy_out_of_space(void *destination, struct address_space *space, uint32_t source, uint32_t size)
{
    return copy_pagewise(space, source, destination, size, OUT_OF_SPACE_TO_USER);
}

int copy_kernel_into_space(struct address_space *space, uint32_t destination, const void *source, uint32_t size)
{
    return copy_pagewise(space, destination, (uint8_t *)source, size, INTO_SPACE_FROM_KERNEL);
}

int copy_space_to_kernel(void *destination, struct address_space *space, uint32_t source, uint32_t size)
{
    return copy_pagewise(space, source, destination, size, OUT_OF_SPACE_TO_KERNEL);
}

int copy_message_into_space(struct address_space *space, uint32_t destination, const void *header,
                            const void *user_body, uint32_t body_size)
{
    uint32_t size = MESSAGE_HEADER_BYTES + body_size;
    if (!user_range_ok((void *)destination, size))
        return -EFAULT;
    if (((destination ^ (destination + size - 1)) & ~(PAGE_SIZE - 1)) == 0) {
        /* the usual case: the whole message on one page, found once */
        uint8_t *page = page_in_space(space, PAGE_ROUND_DOWN(destination), 1);
        if (!page)
            return -EFAULT;
        uint8_t *target = page + (destination & (PAGE_SIZE - 1));
        __builtin_memcpy(target, header, MESSAGE_HEADER_BYTES);     /* four moves */
        return copy_from_user(target + MESSAGE_HEADER_BYTES, user_body, body_size);
    }
    int status = copy_kernel_into_space(space, destination, header, MESSAGE_HEADER_BYTES);
    return status < 0 ? status : copy_into_space(space, destination + MESSAGE_HEADER_BYTES, user_body, body_size);
}

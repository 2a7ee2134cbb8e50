/* kernel/mm/uaccess.h - the only way the kernel touches user memory.
 * Each call checks that the whole range lies in the user half; a page that
 * is missing or read-only is handled by the page-fault code as the process's
 * own access would be (copy-on-write, a new stack page), and if it cannot be,
 * the call returns -EFAULT instead of crashing the kernel. */
#ifndef KERNEL_MM_UACCESS_H
#define KERNEL_MM_UACCESS_H

#include <stddef.h>
#include <stdint.h>

#include "memory_layout.h"
#include "uapi/errno.h"

/* arch/x86/usercopy.asm: copies with the page-fault handler's way out;
 * 0 or -EFAULT. Never call it without the range check below. */
int user_copy(void *destination, const void *source, size_t size);

/* True when [address, address+size) lies inside the user half. */
static inline int user_range_ok(const void *address, size_t size)
{
    uint32_t start = (uint32_t)address;
    return start <= USER_END && size <= USER_END - start;
}

/* 0, or -EFAULT when any byte of the user range is not accessible. Inline:
 * every system call with a pointer comes through here, and the check is two
 * comparisons. */
static inline int copy_from_user(void *kernel_destination, const void *user_source, size_t size)
{
    if (!user_range_ok(user_source, size))
        return -EFAULT;
    return user_copy(kernel_destination, user_source, size);
}

static inline int copy_to_user(void *user_destination, const void *kernel_source, size_t size)
{
    if (!user_range_ok(user_destination, size))
        return -EFAULT;
    return user_copy(user_destination, kernel_source, size);
}

/* Copies a NUL-terminated string of at most size-1 characters. Returns its
 * length, -EFAULT, or -ENAMETOOLONG when no NUL came within `size` bytes. */
int strncpy_from_user(char *kernel_destination, const char *user_source, size_t size);

#endif

/* kernel/mm/uaccess.h - the only way the kernel touches user memory.
 * Each call checks that the whole range lies in the user half; a page that
 * is missing or read-only is handled by the page-fault code as the process's
 * own access would be (copy-on-write, a new stack page), and if it cannot be,
 * the call returns -EFAULT instead of crashing the kernel. */
#ifndef KERNEL_MM_UACCESS_H
#define KERNEL_MM_UACCESS_H

#include <stddef.h>
#include <stdint.h>

/* 0, or -EFAULT when any byte of the user range is not accessible. */
int copy_from_user(void *kernel_destination, const void *user_source, size_t size);
int copy_to_user(void *user_destination, const void *kernel_source, size_t size);

/* Copies a NUL-terminated string of at most size-1 characters. Returns its
 * length, -EFAULT, or -ENAMETOOLONG when no NUL came within `size` bytes. */
int strncpy_from_user(char *kernel_destination, const char *user_source, size_t size);

/* True when [address, address+size) lies inside the user half. */
int user_range_ok(const void *address, size_t size);

#endif

/* kernel/mm/uaccess.c - range checks around arch/x86/usercopy.asm. */
#include "uaccess.h"

#include "memory_layout.h"
#include "uapi/errno.h"

extern int user_copy(void *destination, const void *source, size_t size);
extern int user_string_copy(char *destination, const char *source, size_t max);

int user_range_ok(const void *address, size_t size)
{
    uint32_t start = (uint32_t)address;
    return start <= USER_END && size <= USER_END - start;
}

int copy_from_user(void *kernel_destination, const void *user_source, size_t size)
{
    if (!user_range_ok(user_source, size))
        return -EFAULT;
    return user_copy(kernel_destination, user_source, size);
}

int copy_to_user(void *user_destination, const void *kernel_source, size_t size)
{
    if (!user_range_ok(user_destination, size))
        return -EFAULT;
    return user_copy(user_destination, kernel_source, size);
}

int strncpy_from_user(char *kernel_destination, const char *user_source, size_t size)
{
    uint32_t start = (uint32_t)user_source;
    if (start >= USER_END || size == 0)
        return -EFAULT;
    size_t max = size;
    if (max > USER_END - start)
        max = USER_END - start;        /* never read past the user half */
    int length = user_string_copy(kernel_destination, user_source, max);
    if (length < 0)
        return length;
    if ((size_t)length == max) {
        kernel_destination[size - 1] = 0;
        return max < size ? -EFAULT : -ENAMETOOLONG;
    }
    return length;
}

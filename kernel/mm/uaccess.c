/* kernel/mm/uaccess.c - strings from user memory (the copies are inline in
 * uaccess.h, around arch/x86/usercopy.asm). */
#include "uaccess.h"

#include "memory_layout.h"
#include "uapi/errno.h"

_Static_assert(EFAULT == 14, "EFAULT in arch/x86/usercopy.asm");

extern int user_string_copy(char *destination, const char *source, size_t max);

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

/* libc/unistd/syscall.c - syscall(number, ...): any system call by its
 * number (<sys/syscall.h>), for a call the libc has no function for, or
 * one it wraps (syscall(SYS_gettid) is gettid()).
 *
 * As glibc's on i386, it takes six arguments whatever the call needs, as
 * longs, and enters by int 0x80 (the way in that takes six: the other
 * ones were never passed, and the kernel does not look at them). A
 * result from -4095 to -1 is an error: -1 with errno, as for any call. */
#include <stdarg.h>
#include <unistd.h>

#include "../syscall.h"

#define SYSCALL_ARGUMENTS_MAX 6   /* ebx, ecx, edx, esi, edi, ebp */

long syscall(long number, ...)
{
    long arguments[SYSCALL_ARGUMENTS_MAX];
    va_list list;
    va_start(list, number);
    for (int i = 0; i < SYSCALL_ARGUMENTS_MAX; i++)
        arguments[i] = va_arg(list, long);
    va_end(list);
    return syscall_result(syscall6(number, arguments[0], arguments[1], arguments[2], arguments[3],
                                   arguments[4], arguments[5]));
}

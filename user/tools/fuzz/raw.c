/* user/tools/fuzz/raw.c - system calls by number, without the libc's wrappers
 * (which check or convert arguments), atomic counters in the shared page,
 * and printing that needs no memory allocation. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "../../../libc/syscall.h"   /* the libc's stubs: syscall5 enters by sysenter */

/* int 0x80 with six arguments: ebp cannot be named in a constraint, so the
 * sixth goes through memory, as in libc/syscall.h. A fork's child comes
 * back here too, with 0. */
long raw_syscall(long number, long a, long b, long c, long d, long e, long f)
{
    long number_and_sixth[2] = { number, f };
    long result;
    __asm__ volatile("push %%ebp\n\t"
                     "movl 4(%%eax), %%ebp\n\t"
                     "movl 0(%%eax), %%eax\n\t"
                     "int $0x80\n\t"
                     "pop %%ebp"
                     : "=a"(result)
                     : "a"(number_and_sixth), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
                     : "memory");
    return result;
}

/* The same by sysenter, through the libc's own stub (five arguments). */
long raw_syscall_by_sysenter(long number, long a, long b, long c, long d, long e)
{
    return syscall5(number, a, b, c, d, e);
}

uint32_t atomic_add(volatile uint32_t *word, uint32_t value)
{
    __asm__ volatile("lock xaddl %0, %1" : "+r"(value), "+m"(*word) :: "memory");
    return value;
}

void atomic_or(volatile uint32_t *word, uint32_t bits)
{
    __asm__ volatile("lock orl %1, %0" : "+m"(*word) : "r"(bits) : "memory");
}

int say(const char *format, ...)
{
    char line[512];
    va_list arguments;
    va_start(arguments, format);
    int length = vsnprintf(line, sizeof line, format, arguments);
    va_end(arguments);
    if (length > (int)sizeof line - 1)
        length = sizeof line - 1;
    return (int)write(REPORT_FD, line, (size_t)length);
}

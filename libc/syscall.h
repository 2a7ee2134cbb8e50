/* libc/syscall.h - the one place the libc enters the kernel (internal).
 *
 * The call number in eax and the arguments in ebx, ecx, edx, esi, edi, ebp;
 * the result comes back in eax and every other register is kept. A result
 * in [-4095, -1] is -errno: syscall_result() turns it into errno and -1.
 * The libc is not position-independent, so ebx is free to be an input
 * register.
 *
 * Two ways in (docs/syscalls.md, "Two ways in"). Up to five arguments:
 * `sysenter`, which saves nothing of ours, so the stub pushes ebp and the
 * address to come back to, and hands the kernel its stack in ebp
 * (arch/x86/trap_entry.asm, sysenter_entry), which comes back at 1 with
 * esp and ebp as they were before the stub. The `int 0x80` after the
 * sysenter is for a restarted call only: the kernel steps a call it
 * restarts back two bytes, and the call is then made again that way.
 * Six arguments: `int 0x80`, the sixth in ebp, fetched through eax before
 * eax takes the call number (ebp cannot be named in a constraint: it may
 * be the frame pointer). */
#ifndef LIBC_SYSCALL_H
#define LIBC_SYSCALL_H

#include <errno.h>
#include <uapi/syscall.h>

#define SYSCALL_ERROR_MAX 4095   /* results -4095..-1 are errors */

/* The sysenter stub: the kernel returns at 1 (above). A libc built with
 * LIBC_SYSCALL_INT80 (make SYSCALL=int80) enters by int 0x80 alone, to
 * measure what sysenter costs (docs/performance.md). */
#ifdef LIBC_SYSCALL_INT80
#define SYSCALL_SYSENTER "int $0x80"
#else
#define SYSCALL_SYSENTER "push %%ebp\n\t"        \
                         "push $1f\n\t"          \
                         "movl %%esp, %%ebp\n\t" \
                         "sysenter\n\t"          \
                         "int $0x80\n"           \
                         "1:"
#endif

static inline long syscall0(long number)
{
    long result;
    __asm__ volatile(SYSCALL_SYSENTER : "=a"(result) : "a"(number) : "memory");
    return result;
}

static inline long syscall1(long number, long a)
{
    long result;
    __asm__ volatile(SYSCALL_SYSENTER : "=a"(result) : "a"(number), "b"(a) : "memory");
    return result;
}

static inline long syscall2(long number, long a, long b)
{
    long result;
    __asm__ volatile(SYSCALL_SYSENTER : "=a"(result)
                     : "a"(number), "b"(a), "c"(b) : "memory");
    return result;
}

static inline long syscall3(long number, long a, long b, long c)
{
    long result;
    __asm__ volatile(SYSCALL_SYSENTER : "=a"(result)
                     : "a"(number), "b"(a), "c"(b), "d"(c) : "memory");
    return result;
}

static inline long syscall4(long number, long a, long b, long c, long d)
{
    long result;
    __asm__ volatile(SYSCALL_SYSENTER : "=a"(result)
                     : "a"(number), "b"(a), "c"(b), "d"(c), "S"(d) : "memory");
    return result;
}

static inline long syscall5(long number, long a, long b, long c, long d, long e)
{
    long result;
    __asm__ volatile(SYSCALL_SYSENTER : "=a"(result)
                     : "a"(number), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e) : "memory");
    return result;
}

static inline long syscall6(long number, long a, long b, long c, long d, long e, long f)
{
    long number_and_sixth[2] = { number, f };
    long result;
    __asm__ volatile("push %%ebp\n\t"
                     "movl 4(%%eax), %%ebp\n\t"   /* the sixth argument */
                     "movl 0(%%eax), %%eax\n\t"   /* the call number */
                     "int $0x80\n\t"
                     "pop %%ebp"
                     : "=a"(result)
                     : "a"(number_and_sixth), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
                     : "memory");
    return result;
}

/* Whether a raw result is an error code rather than a value. */
static inline int syscall_failed(long result)
{
    return (unsigned long)result >= (unsigned long)-SYSCALL_ERROR_MAX;
}

/* Returns `result`, or stores its error in errno and returns -1. */
static inline long syscall_result(long result)
{
    if (syscall_failed(result)) {
        errno = (int)-result;            /* the thread-local variable itself (errno.h) */
        return -1;
    }
    return result;
}

#endif

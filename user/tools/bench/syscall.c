/* user/tools/bench/syscall.c - the cost of entering and leaving the kernel.
 *
 * getpid does almost nothing inside the kernel, so what it costs is the
 * way in and out: `int 0x80` or `sysenter`, the entry stub that saves the
 * registers (arch/x86/trap_entry.asm), the table lookup, and the way back
 * by `iret`. The libc takes sysenter (libc/syscall.h; docs/syscalls.md,
 * "Two ways in"). */
#include <unistd.h>
#include <uapi/syscall.h>

#include "../../../libc/syscall.h"   /* the libc's stubs, for the bare sysenter */

#include "bench.h"

/* getpid through the libc wrapper, as a program would call it. */
int bench_getpid(int unused, struct samples *samples)
{
    (void)unused;
    TIME_EACH(samples, getpid());
    return 0;
}

/* The bare system call: the number in eax, `int 0x80`, the result in eax. */
static inline int raw_getpid(void)
{
    int result;
    __asm__ volatile("int $0x80" : "=a"(result) : "a"(SYS_getpid) : "memory");
    return result;
}

/* getpid with no wrapper around it: the kernel's part alone. */
int bench_getpid_int80(int unused, struct samples *samples)
{
    (void)unused;
    TIME_EACH(samples, raw_getpid());
    return 0;
}

/* The bare sysenter: the libc's own stub (syscall0, libc/syscall.h),
 * without the wrapper's errno handling. */
int bench_getpid_sysenter(int unused, struct samples *samples)
{
    (void)unused;
    TIME_EACH(samples, syscall0(SYS_getpid));
    return 0;
}

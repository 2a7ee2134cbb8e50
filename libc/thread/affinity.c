/* libc/thread/affinity.c - sched_setaffinity, sched_getaffinity,
 * sched_getcpu, pthread_setaffinity_np, pthread_getaffinity_np and the
 * CPU_ALLOC/CPU_FREE of <sched.h>: the system calls of
 * kernel/sched/affinity.c, whose mask has room for 32 CPUs. As glibc,
 * sched_getaffinity clears the bytes of the caller's set past the
 * kernel's mask. */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include "../syscall.h"
#include "thread_internal.h"

int sched_setaffinity(pid_t pid, size_t size, const cpu_set_t *set)
{
    return syscall_result(syscall3(SYS_sched_setaffinity, pid, (long)size, (long)set));
}

/* The kernel's answer (the bytes it wrote, or -errno), the rest cleared. */
static long get_mask(int tid, size_t size, cpu_set_t *set)
{
    long written = syscall3(SYS_sched_getaffinity, tid, (long)size, (long)set);
    if (written >= 0 && (size_t)written < size)
        memset((char *)set + written, 0, size - (size_t)written);
    return written;
}

int sched_getaffinity(pid_t pid, size_t size, cpu_set_t *set)
{
    long written = get_mask(pid, size, set);
    return written < 0 ? syscall_result(written) : 0;
}

/* The CPU the caller ran on when it asked (getcpu(2)). */
int sched_getcpu(void)
{
    unsigned cpu;
    long result = syscall3(SYS_getcpu, (long)&cpu, 0, 0);
    return result < 0 ? syscall_result(result) : (int)cpu;
}

int pthread_setaffinity_np(pthread_t thread, size_t size, const cpu_set_t *set)
{
    long result = syscall3(SYS_sched_setaffinity, thread_tid(thread), (long)size, (long)set);
    return result < 0 ? (int)-result : 0;
}

int pthread_getaffinity_np(pthread_t thread, size_t size, cpu_set_t *set)
{
    long written = get_mask(thread_tid(thread), size, set);
    return written < 0 ? (int)-written : 0;
}

cpu_set_t *__sched_cpualloc(size_t count)
{
    return malloc(CPU_ALLOC_SIZE(count));
}

void __sched_cpufree(cpu_set_t *set)
{
    free(set);
}

/* libc/include/sched.h - giving up the processor, and the scheduling
 * classes (sched(7) of this system: docs/scheduler.md, "The real-time
 * classes"). SCHED_* and struct sched_param come from kernel/uapi/sched.h.
 * `pid` names a thread (its tid; a process's pid is its first thread's),
 * 0 the caller, as on Linux. */
#ifndef LIBC_INCLUDE_SCHED_H
#define LIBC_INCLUDE_SCHED_H

#include <sys/types.h>
#include <time.h>
#include <uapi/sched.h>

int sched_yield(void);

/* Sets the class and priority of thread `pid`; 0, or -1 with errno. */
int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param);
/* Its class (SCHED_OTHER, SCHED_FIFO, ...), or -1 with errno. */
int sched_getscheduler(pid_t pid);
/* Sets or reads only the priority; 0, or -1 with errno. */
int sched_setparam(pid_t pid, const struct sched_param *param);
int sched_getparam(pid_t pid, struct sched_param *param);
/* The priority range of `policy`: 1..99 real time, 0 the others. */
int sched_get_priority_max(int policy);
int sched_get_priority_min(int policy);
/* Its round-robin slice (0 for SCHED_FIFO); 0, or -1 with errno. */
int sched_rr_get_interval(pid_t pid, struct timespec *interval);

/* CPU affinity (GNU; visible here without _GNU_SOURCE, as every name of
 * this libc is): the CPUs a thread may run on, a set of CPU_SETSIZE bits
 * laid out as glibc's. The kernel keeps 32 CPUs' worth per thread and runs
 * on one, CPU 0 (libc/thread/affinity.c, kernel/sched/affinity.c). */
#define CPU_SETSIZE 1024
#define __NCPUBITS (8 * sizeof(__cpu_mask))
typedef unsigned long __cpu_mask;
typedef struct {
    __cpu_mask __bits[CPU_SETSIZE / __NCPUBITS];
} cpu_set_t;

/* The macros' work, on a set of `size` bytes; a CPU past it is not there. */
static inline void __cpu_set_s(size_t cpu, size_t size, cpu_set_t *set, int on)
{
    if (cpu / 8 >= size)
        return;
    if (on)
        set->__bits[cpu / __NCPUBITS] |= (__cpu_mask)1 << (cpu % __NCPUBITS);
    else
        set->__bits[cpu / __NCPUBITS] &= ~((__cpu_mask)1 << (cpu % __NCPUBITS));
}
static inline int __cpu_isset_s(size_t cpu, size_t size, const cpu_set_t *set)
{
    return cpu / 8 < size && (set->__bits[cpu / __NCPUBITS] >> (cpu % __NCPUBITS)) & 1;
}
static inline void __cpu_zero_s(size_t size, cpu_set_t *set)
{
    for (size_t i = 0; i < size / sizeof(__cpu_mask); i++)
        set->__bits[i] = 0;
}
static inline int __cpu_count_s(size_t size, const cpu_set_t *set)
{
    int count = 0;
    for (size_t i = 0; i < size / sizeof(__cpu_mask); i++)
        count += __builtin_popcountl(set->__bits[i]);
    return count;
}
static inline int __cpu_equal_s(size_t size, const cpu_set_t *a, const cpu_set_t *b)
{
    for (size_t i = 0; i < size / sizeof(__cpu_mask); i++)
        if (a->__bits[i] != b->__bits[i])
            return 0;
    return 1;
}
/* operation: 0 and, 1 or, 2 exclusive or */
static inline void __cpu_combine_s(size_t size, cpu_set_t *to, const cpu_set_t *a, const cpu_set_t *b, int operation)
{
    for (size_t i = 0; i < size / sizeof(__cpu_mask); i++)
        to->__bits[i] = operation == 0 ? a->__bits[i] & b->__bits[i]
                      : operation == 1 ? a->__bits[i] | b->__bits[i] : a->__bits[i] ^ b->__bits[i];
}
cpu_set_t *__sched_cpualloc(size_t count);
void __sched_cpufree(cpu_set_t *set);

#define CPU_SET_S(cpu, size, set)      __cpu_set_s((cpu), (size), (set), 1)
#define CPU_CLR_S(cpu, size, set)      __cpu_set_s((cpu), (size), (set), 0)
#define CPU_ISSET_S(cpu, size, set)    __cpu_isset_s((cpu), (size), (set))
#define CPU_ZERO_S(size, set)          __cpu_zero_s((size), (set))
#define CPU_COUNT_S(size, set)         __cpu_count_s((size), (set))
#define CPU_EQUAL_S(size, a, b)        __cpu_equal_s((size), (a), (b))
#define CPU_AND_S(size, to, a, b)      __cpu_combine_s((size), (to), (a), (b), 0)
#define CPU_OR_S(size, to, a, b)       __cpu_combine_s((size), (to), (a), (b), 1)
#define CPU_XOR_S(size, to, a, b)      __cpu_combine_s((size), (to), (a), (b), 2)
#define CPU_SET(cpu, set)              CPU_SET_S(cpu, sizeof(cpu_set_t), set)
#define CPU_CLR(cpu, set)              CPU_CLR_S(cpu, sizeof(cpu_set_t), set)
#define CPU_ISSET(cpu, set)            CPU_ISSET_S(cpu, sizeof(cpu_set_t), set)
#define CPU_ZERO(set)                  CPU_ZERO_S(sizeof(cpu_set_t), set)
#define CPU_COUNT(set)                 CPU_COUNT_S(sizeof(cpu_set_t), set)
#define CPU_EQUAL(a, b)                CPU_EQUAL_S(sizeof(cpu_set_t), a, b)
#define CPU_AND(to, a, b)              CPU_AND_S(sizeof(cpu_set_t), to, a, b)
#define CPU_OR(to, a, b)               CPU_OR_S(sizeof(cpu_set_t), to, a, b)
#define CPU_XOR(to, a, b)              CPU_XOR_S(sizeof(cpu_set_t), to, a, b)
#define CPU_ALLOC_SIZE(count)          ((((count) + __NCPUBITS - 1) / __NCPUBITS) * sizeof(__cpu_mask))
#define CPU_ALLOC(count)               __sched_cpualloc(count)
#define CPU_FREE(set)                  __sched_cpufree(set)

/* The CPUs thread `pid` may run on: set them (a set without CPU 0 is
 * EINVAL here) or read them; 0, or -1 with errno. */
int sched_setaffinity(pid_t pid, size_t size, const cpu_set_t *set);
int sched_getaffinity(pid_t pid, size_t size, cpu_set_t *set);
/* The CPU the caller runs on: 0, the only one. */
int sched_getcpu(void);

#endif

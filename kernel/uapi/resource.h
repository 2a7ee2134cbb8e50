/* kernel/uapi/resource.h - getpriority/setpriority's `which`, and the
 * resource limits of getrlimit/setrlimit (Linux's values), shared by the
 * kernel and <sys/resource.h>. */
#ifndef KERNEL_UAPI_RESOURCE_H
#define KERNEL_UAPI_RESOURCE_H

#include <stdint.h>

#define PRIO_PROCESS 0   /* who: a process id, 0 = the caller */
#define PRIO_PGRP    1   /* who: a process group id, 0 = the caller's group */
#define PRIO_USER    2   /* who: a real user id, 0 = the caller's */

#define PRIO_MIN (-20)   /* the lowest nice value: the longest slices */
#define PRIO_MAX 20      /* one more than the highest nice value, 19 */

/* ---- resource limits (getrlimit(2)) ------------------------------------- */
#define RLIMIT_CPU         0   /* seconds of CPU time (not enforced) */
#define RLIMIT_FSIZE       1   /* bytes in a file (not enforced; files stop at 16 MiB) */
#define RLIMIT_DATA        2   /* bytes of heap: brk beyond it fails */
#define RLIMIT_STACK       3   /* bytes of stack (8 MiB, the stack region's room) */
#define RLIMIT_CORE        4   /* bytes of core dump (none are written) */
#define RLIMIT_RSS         5   /* (not enforced, as on Linux) */
#define RLIMIT_NPROC       6   /* processes of the caller's real user: fork beyond it gets EAGAIN */
#define RLIMIT_NOFILE      7   /* one more than the highest descriptor: EMFILE beyond */
#define RLIMIT_MEMLOCK     8   /* bytes locked by mlock, mlockall (not for root) */
#define RLIMIT_AS          9   /* bytes of address space (3 GiB, the user half) */
#define RLIMIT_LOCKS      10   /* (not enforced, as on Linux) */
#define RLIMIT_SIGPENDING 11   /* queued signals of a process */
#define RLIMIT_MSGQUEUE   12   /* bytes the POSIX queues a real user made may hold (mq_open(2)) */
#define RLIMIT_NICE       13   /* how far below 0 an unprivileged process may set its nice value: to 20 - limit (setpriority(2)) */
#define RLIMIT_RTPRIO     14   /* the highest real-time priority an unprivileged thread may take (sched_setscheduler(2)) */
#define RLIMIT_RTTIME     15   /* (not enforced) */
#define RLIMIT_COUNT      16   /* how many there are (Linux's RLIM_NLIMITS) */

#define RLIMIT_INFINITY_VALUE 0xFFFFFFFFu   /* "no limit" (RLIM_INFINITY) */

/* One limit as the kernel keeps it in each process (process.h) and as
 * getrlimit/setrlimit pass it: the soft limit is the one enforced, the
 * hard limit the ceiling to which an unprivileged process may raise it. */
struct kernel_rlimit {
    uint32_t soft;
    uint32_t hard;
};

/* getrusage's `who` */
#define RUSAGE_SELF      0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD    1     /* the calling thread alone (Linux) */

/* struct rusage as getrusage(2) and wait4(2) fill it: Linux's i386 layout
 * (two struct timeval of 32-bit longs, then 14 longs). Which fields the
 * kernel counts: getrusage(2); the others stay 0, as on Linux. */
struct kernel_rusage {
    long utime_seconds, utime_microseconds;   /* CPU time in user mode */
    long stime_seconds, stime_microseconds;   /* CPU time in the kernel */
    long maxrss;            /* largest resident set, KiB */
    long ixrss, idrss, isrss;
    long minflt;            /* page faults served without I/O */
    long majflt;            /* page faults that waited for I/O: none here */
    long nswap, inblock, oublock, msgsnd, msgrcv, nsignals;
    long nvcsw;             /* voluntary switches: it waited */
    long nivcsw;            /* involuntary switches: preempted, yielded */
};

#endif

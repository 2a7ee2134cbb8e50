/* libc/include/sys/resource.h - scheduling priority and resource limits.
 * The nice value runs -20 (most CPU) .. 19 (least); PRIO_* and RLIMIT_*
 * come from kernel/uapi/resource.h. How the nice value shares the CPU:
 * docs/scheduler.md; which limits the kernel enforces: getrlimit(2). */
#ifndef LIBC_INCLUDE_SYS_RESOURCE_H
#define LIBC_INCLUDE_SYS_RESOURCE_H

#include <sys/time.h>
#include <sys/types.h>
#include <uapi/resource.h>

typedef unsigned long rlim_t;

#define RLIM_INFINITY  ((rlim_t)RLIMIT_INFINITY_VALUE)   /* no limit */
#define RLIM_SAVED_MAX RLIM_INFINITY                     /* (as on Linux) */
#define RLIM_SAVED_CUR RLIM_INFINITY
#define RLIM_NLIMITS   RLIMIT_COUNT

struct rlimit {
    rlim_t rlim_cur;    /* the soft limit: what the kernel enforces */
    rlim_t rlim_max;    /* the hard limit: the ceiling of rlim_cur */
};

/* The lowest nice value among the processes named by `which` and `who`
 * (-1 with errno set on error: set errno to 0 first to tell it from a
 * nice value of -1). */
int getpriority(int which, id_t who);

/* Sets the nice value of the processes named by `which` and `who`
 * (clamped to -20 .. 19). 0, or -1 with errno set. */
int setpriority(int which, id_t who, int value);

/* What a process has used (getrusage(2)): the layout of the kernel's
 * struct kernel_rusage (uapi/resource.h). Fields the kernel does not
 * count stay 0. */
struct rusage {
    struct timeval ru_utime;    /* CPU time in user mode */
    struct timeval ru_stime;    /* CPU time in the kernel (0 here: getrusage(2)) */
    long ru_maxrss;             /* largest resident set, KiB */
    long ru_ixrss, ru_idrss, ru_isrss;
    long ru_minflt;             /* page faults served without I/O */
    long ru_majflt;             /* page faults that waited for I/O (0 here) */
    long ru_nswap, ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals;
    long ru_nvcsw;              /* voluntary switches */
    long ru_nivcsw;             /* involuntary switches */
};

/* RUSAGE_SELF, RUSAGE_CHILDREN (waited-for children) or RUSAGE_THREAD;
 * 0, or -1 with errno. */
int getrusage(int who, struct rusage *usage);

/* The soft and hard limit of `resource`; 0, or -1 with errno. */
int getrlimit(int resource, struct rlimit *limit);

/* Sets them: lowering is free, raising the hard limit takes root (EPERM),
 * soft above hard is EINVAL. 0, or -1 with errno. */
int setrlimit(int resource, const struct rlimit *limit);

#endif

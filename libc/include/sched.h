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

#endif

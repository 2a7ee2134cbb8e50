/* kernel/proc/rusage.h - what a process has used, for getrusage(2),
 * wait4(2) and times(2): CPU time, page faults, task switches, the
 * largest resident set. The scheduler counts per task (its CPU time,
 * task_cpu_time_ns; the switches), the page-fault handler per thread (thread.h); a process
 * keeps what its ended threads and its waited-for children used. */
#ifndef KERNEL_PROC_RUSAGE_H
#define KERNEL_PROC_RUSAGE_H

#include <stdint.h>

#include "uapi/resource.h"

struct process;
struct thread;

/* What some threads used, added up. */
struct rusage_totals {
    uint64_t cpu_time_ns;
    uint32_t minor_faults;
    uint32_t voluntary_switches;
    uint32_t involuntary_switches;
    uint32_t maxrss_pages;          /* the largest, not a sum */
};

/* The running `thread` is leaving its process for good: its counts join
 * the process's ended_threads. Context: kernel lock held. */
void rusage_thread_ended(struct thread *thread);

/* The process's address space is about to go (exec, exit): its peak
 * resident set is kept for ru_maxrss. */
void rusage_keep_peak(struct process *process);

/* The CPU time `process` has used: its ended threads' and its live
 * ones', the calling thread's up to now (CLOCK_PROCESS_CPUTIME_ID).
 * Context: kernel lock held. */
uint64_t rusage_cpu_time_ns(struct process *process);

/* What `process` itself has used: its ended threads and its live ones
 * (not its children): getrusage(RUSAGE_SELF), /proc/PID/stat. Context:
 * kernel lock held. */
struct rusage_totals rusage_of_process(struct process *process);

/* The parent reaps `zombie` in a wait: the zombie's own use and its
 * waited-for children's join the parent's children totals (Linux counts
 * only children waited for: one reaped automatically, SA_NOCLDWAIT, is
 * not). Context: kernel lock held. */
void rusage_child_reaped(struct process *parent, const struct process *zombie);

/* `zombie`'s use and its waited-for children's, as wait4 reports it. */
void rusage_of_zombie(const struct process *zombie, struct kernel_rusage *usage);

#endif

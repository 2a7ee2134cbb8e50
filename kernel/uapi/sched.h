/* kernel/uapi/sched.h - scheduling classes (Linux's values), shared by the
 * kernel and <sched.h>: the policies of sched_setscheduler(2), their
 * priority ranges and struct sched_param. How the classes share the CPU:
 * docs/scheduler.md, "The real-time classes". */
#ifndef KERNEL_UAPI_SCHED_H
#define KERNEL_UAPI_SCHED_H

#define SCHED_OTHER 0        /* the multi-level feedback queue (time sharing) */
#define SCHED_FIFO  1        /* real time: runs until it blocks, yields or is preempted */
#define SCHED_RR    2        /* real time: as FIFO, with a time slice among equals */
#define SCHED_BATCH 3        /* accepted; scheduled as SCHED_OTHER */
#define SCHED_IDLE  5        /* accepted; scheduled as SCHED_OTHER */
#define SCHED_RESET_ON_FORK 0x40000000   /* or'ed into the policy: children start as SCHED_OTHER */

#define SCHED_RT_PRIORITY_MIN 1    /* sched_get_priority_min(SCHED_FIFO or SCHED_RR) */
#define SCHED_RT_PRIORITY_MAX 99   /* sched_get_priority_max(SCHED_FIFO or SCHED_RR) */

/* SCHED_RR's time slice (sched_rr_get_interval): 100 ms, Linux's default */
#define SCHED_RR_SLICE_MS 100

struct sched_param {
    int sched_priority;      /* 1..99 for SCHED_FIFO and SCHED_RR, 0 for the others */
};

/* CPU affinity (sched_setaffinity(2)): the kernel's mask has room for 32
 * CPUs, bit n for CPU n; this kernel runs on one, CPU 0. */
#define KERNEL_CPU_MASK_BYTES 4
#define KERNEL_CPUS_ANY       0xFFu  /* every CPU there may be (8): a new task's mask */

#endif

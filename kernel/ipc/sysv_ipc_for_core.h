/* kernel/ipc/sysv_ipc_for_core.h - what the core asks of System V IPC
 * (the subsystem "sysv_ipc", kernel/subsystems/sysv_ipc.c): a process's
 * SEM_UNDO at exit, a shared segment's attaches as address spaces copy and
 * drop it, the counts and lists kinfo shows, and the start of msgsnd,
 * msgrcv and semop without the big lock on several CPUs. A kernel built without
 * the subsystem gets the stand-ins below (no sets, queues or segments), so
 * that the core reads the same in every profile
 * (kernel/subsystems/subsystem.h). sysv_msgq.h, sysv_sem.h and sysv_shm.h
 * include this file. */
#ifndef KERNEL_IPC_SYSV_IPC_FOR_CORE_H
#define KERNEL_IPC_SYSV_IPC_FOR_CORE_H

#include "ipc/ipc_list.h"

struct process;

/* Exit: adds every SEM_UNDO adjustment of `process` back to its semaphore
 * (clamped to 0..SEMVMX, as Linux does), frees the records, and lets
 * waiters that can now go on go on. process_exit calls it, so it runs
 * however the process ends, a SIGKILL included. Fork does not copy the
 * list: a child starts with no adjustments. Context: the exiting process's
 * own task; never sleeps. */
#ifdef SUBSYSTEM_SYSV_IPC
void sysv_sem_undo_exit(struct process *process);
#else
static inline void sysv_sem_undo_exit(struct process *process)   /* no semaphore sets, nothing to undo */
{
    (void)process;
}
#endif

/* A region of an address space attached to `attachment` (a segment)
 * was copied by fork (+1) or went away (-1: shmdt, exec, exit): counts
 * the segment's attaches, and frees a removed segment nobody attaches
 * any more. Called by region_references (kernel/mm/address_space.c).
 * Context: kernel lock held; never sleeps. */
#ifdef SUBSYSTEM_SYSV_IPC
void sysv_shm_attachment_changed(void *attachment, int change);
#else
static inline void sysv_shm_attachment_changed(void *attachment, int change)   /* no segments: nothing attaches */
{
    (void)attachment;
    (void)change;
}
#endif

/* How many queues exist, removed ones whose last waiter has not yet left
 * included (for leak tests: kinfo's sysv_msg_queues). */
#ifdef SUBSYSTEM_SYSV_IPC
unsigned sysv_msgq_count(void);
#else
static inline unsigned sysv_msgq_count(void)   /* no queues */
{
    return 0;
}
#endif

/* How many semaphore sets exist (for leak tests: kinfo's sysv_sem_sets). */
#ifdef SUBSYSTEM_SYSV_IPC
unsigned sysv_sem_set_count(void);
#else
static inline unsigned sysv_sem_set_count(void)   /* no semaphore sets */
{
    return 0;
}
#endif

/* How many segments exist (for leak tests). */
#ifdef SUBSYSTEM_SYSV_IPC
unsigned sysv_shm_segment_count(void);
#else
static inline unsigned sysv_shm_segment_count(void)   /* no segments */
{
    return 0;
}
#endif

/* For ipcs: one entry per live queue ("msgqueue"; COUNT and CAPACITY in
 * bytes, as for a pipe). */
#ifdef SUBSYSTEM_SYSV_IPC
void sysv_msgq_list_objects(ipc_list_emit emit, void *context);
#else
static inline void sysv_msgq_list_objects(ipc_list_emit emit, void *context)   /* no queues */
{
    (void)emit;
    (void)context;
}
#endif

/* For ipcs: one entry per set ("semaphores"; COUNT and CAPACITY its
 * semaphores, RECV-WAIT the processes waiting in semop). */
#ifdef SUBSYSTEM_SYSV_IPC
void sysv_sem_set_list_objects(ipc_list_emit emit, void *context);
#else
static inline void sysv_sem_set_list_objects(ipc_list_emit emit, void *context)   /* no semaphore sets */
{
    (void)emit;
    (void)context;
}
#endif

/* For ipcs: every segment (count = attaches, capacity = bytes). */
#ifdef SUBSYSTEM_SYSV_IPC
void sysv_shm_list_objects(ipc_list_emit emit, void *context);
#else
static inline void sysv_shm_list_objects(ipc_list_emit emit, void *context)   /* no segments */
{
    (void)emit;
    (void)context;
}
#endif

/* From now on msgsnd and msgrcv, and semop, begin without the big kernel
 * lock (kernel/ipc/sysv_msgq_without_big_lock.c, sysv_sem_without_big_
 * lock.c). Context: boot, as the other CPUs start running tasks
 * (smp_run_other_cpus). */
#ifdef SUBSYSTEM_SYSV_IPC
void sysv_msgq_calls_without_big_lock_start(void);
void sysv_sem_calls_without_big_lock_start(void);
#else
static inline void sysv_msgq_calls_without_big_lock_start(void)   /* no queues */
{
}
static inline void sysv_sem_calls_without_big_lock_start(void)   /* no semaphore sets */
{
}
#endif

#endif

/* kernel/ipc/sysv_sem.h - System V semaphore sets (semget, semop, semctl; the
 * system calls are declared in kernel/syscall.h). Limits and user-visible
 * records: kernel/uapi/sysv_ipc.h. The model: docs/semaphores.md. */
#ifndef KERNEL_IPC_SYSV_SEM_H
#define KERNEL_IPC_SYSV_SEM_H

#include "ipc/ipc_list.h"

struct process;

/* One process's SEM_UNDO adjustments for one set. A process keeps a list of
 * them (process->sysv_sem_undo_list); the record itself is private to sysv_sem.c. */
struct sysv_sem_undo;

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

/* How many semaphore sets exist (for leak tests: kinfo's sysv_sem_sets). */
#ifdef SUBSYSTEM_SYSV_IPC
unsigned sysv_sem_set_count(void);
#else
static inline unsigned sysv_sem_set_count(void)   /* no semaphore sets */
{
    return 0;
}
#endif

/* For ipcs: one entry per set ("semaphores"; COUNT and CAPACITY its
 * semaphores, RECV-WAIT the processes waiting in semop). For ps:
 * "semaphores 32" for a task waiting on one. */
#ifdef SUBSYSTEM_SYSV_IPC
void sysv_sem_set_list_objects(ipc_list_emit emit, void *context);
#else
static inline void sysv_sem_set_list_objects(ipc_list_emit emit, void *context)   /* no semaphore sets */
{
    (void)emit;
    (void)context;
}
#endif
void sysv_sem_set_describe(const void *set, char *buffer, unsigned size);

#endif

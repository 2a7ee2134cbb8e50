/* kernel/ipc/sysv_sem.h - System V semaphore sets (semget, semop, semctl; the
 * system calls are declared in kernel/syscall.h). Limits and user-visible
 * records: kernel/uapi/sysv_ipc.h. The model: docs/semaphores.md. */
#ifndef KERNEL_IPC_SYSV_SEM_H
#define KERNEL_IPC_SYSV_SEM_H

#include "ipc/sysv_ipc_for_core.h"   /* what the core asks: sysv_sem_undo_exit ... */

/* One process's SEM_UNDO adjustments for one set. A process keeps a list of
 * them (process->sysv_sem_undo_list); the record itself is private to sysv_sem.c. */
struct sysv_sem_undo;

/* For ps: "semaphores 32" for a task waiting on one. */
void sysv_sem_set_describe(const void *set, char *buffer, unsigned size);

/* Every set as semctl(IPC_STAT) reports it, with its id: for
 * /proc/sysvipc/sem. Context: the big lock held; never sleeps. */
struct semid_ds;
typedef void (*sysv_sem_status_emit)(const struct semid_ds *status, int id, void *context);
void sysv_sem_set_each_status(sysv_sem_status_emit emit, void *context);

#endif

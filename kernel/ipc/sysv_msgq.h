/* kernel/ipc/sysv_msgq.h - System V message queues (msgget, msgsnd, msgrcv,
 * msgctl; the system calls are declared in kernel/syscall.h). Limits and
 * user-visible records: kernel/uapi/sysv_ipc.h. The model: docs/msgq.md. */
#ifndef KERNEL_IPC_SYSV_MSGQ_H
#define KERNEL_IPC_SYSV_MSGQ_H

#include "ipc/sysv_ipc_for_core.h"   /* what the core asks: sysv_msgq_count ... */

/* For ps: "msgqueue 33" for a task waiting on one. */
void sysv_msgq_describe(const void *queue, char *buffer, unsigned size);

/* Every queue as msgctl(IPC_STAT) reports it, with its id, in the order
 * of the table: for /proc/sysvipc/msg (kernel/fs/procfs/procfs_sysvipc.c).
 * Context: the big lock held; never sleeps. */
struct msqid_ds;
typedef void (*sysv_msgq_status_emit)(const struct msqid_ds *status, int id, void *context);
void sysv_msgq_each_status(sysv_msgq_status_emit emit, void *context);

#endif

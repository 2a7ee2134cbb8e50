/* kernel/ipc/sysv_msgq.h - System V message queues (msgget, msgsnd, msgrcv,
 * msgctl; the system calls are declared in kernel/syscall.h). Limits and
 * user-visible records: kernel/uapi/sysv_ipc.h. The model: docs/msgq.md. */
#ifndef KERNEL_IPC_SYSV_MSGQ_H
#define KERNEL_IPC_SYSV_MSGQ_H

#include "ipc/sysv_ipc_for_core.h"   /* what the core asks: sysv_msgq_count ... */

/* For ps: "msgqueue 33" for a task waiting on one. */
void sysv_msgq_describe(const void *queue, char *buffer, unsigned size);

#endif

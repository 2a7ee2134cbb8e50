/* kernel/ipc/sysv_msgq.h - System V message queues (msgget, msgsnd, msgrcv,
 * msgctl; the system calls are declared in kernel/syscall.h). Limits and
 * user-visible records: kernel/uapi/sysv_ipc.h. The model: docs/msgq.md. */
#ifndef KERNEL_IPC_SYSV_MSGQ_H
#define KERNEL_IPC_SYSV_MSGQ_H

#include "ipc/ipc_list.h"

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

/* For ipcs: one entry per live queue ("msgqueue"; COUNT and CAPACITY in
 * bytes, as for a pipe). For ps: "msgqueue 33" for a task waiting on one. */
#ifdef SUBSYSTEM_SYSV_IPC
void sysv_msgq_list_objects(ipc_list_emit emit, void *context);
#else
static inline void sysv_msgq_list_objects(ipc_list_emit emit, void *context)   /* no queues */
{
    (void)emit;
    (void)context;
}
#endif
void sysv_msgq_describe(const void *queue, char *buffer, unsigned size);

#endif

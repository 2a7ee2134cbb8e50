/* kernel/ipc/posix_mq.h - POSIX message queues (mq_open and friends). */
#ifndef KERNEL_IPC_POSIX_MQ_H
#define KERNEL_IPC_POSIX_MQ_H

#include "ipc/ipc_list.h"

#define MQ_QUEUES_MAX 256          /* queues in the whole system (named or still open): ENOSPC beyond */

/* How many message queues exist, named or still open (for leak tests). */
#ifdef SUBSYSTEM_POSIX_IPC
unsigned posix_mq_count(void);
#else
static inline unsigned posix_mq_count(void)   /* no queues */
{
    return 0;
}
#endif

/* For ipcs: one entry per queue ("mqueue", its name; COUNT and CAPACITY in
 * messages). For ps: "mqueue /jobs" for a task waiting on one. */
#ifdef SUBSYSTEM_POSIX_IPC
void posix_mq_list_objects(ipc_list_emit emit, void *context);
#else
static inline void posix_mq_list_objects(ipc_list_emit emit, void *context)   /* no queues */
{
    (void)emit;
    (void)context;
}
#endif
void posix_mq_describe(const void *queue, char *buffer, unsigned size);

#endif

/* kernel/ipc/posix_mq.h - POSIX message queues (mq_open and friends). */
#ifndef KERNEL_IPC_POSIX_MQ_H
#define KERNEL_IPC_POSIX_MQ_H

#include "ipc/posix_ipc_for_core.h"   /* what the core asks: posix_mq_count ... */

#define MQ_QUEUES_MAX 256          /* queues in the whole system (named or still open): ENOSPC beyond */

/* For ps: "mqueue /jobs" for a task waiting on one. */
void posix_mq_describe(const void *queue, char *buffer, unsigned size);

#endif

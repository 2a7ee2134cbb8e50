/* kernel/ipc/posix_ipc_for_core.h - what the core asks of POSIX message
 * queues (the subsystem "posix_ipc", kernel/subsystems/posix_ipc.c): the
 * count and list kinfo shows. A kernel built without the subsystem gets
 * the stand-ins below (no queues), so that the core reads the same in
 * every profile (kernel/subsystems/subsystem.h). posix_mq.h includes this
 * file. */
#ifndef KERNEL_IPC_POSIX_IPC_FOR_CORE_H
#define KERNEL_IPC_POSIX_IPC_FOR_CORE_H

#include "ipc/ipc_list.h"

/* How many message queues exist, named or still open (for leak tests). */
/* From now on mq_timedsend and mq_timedreceive begin without the big
 * kernel lock (kernel/ipc/posix_mq_without_big_lock.c). Context: boot, as
 * the other CPUs start running tasks (smp_run_other_cpus). */
#ifdef SUBSYSTEM_POSIX_IPC
void posix_mq_calls_without_big_lock_start(void);
#else
static inline void posix_mq_calls_without_big_lock_start(void)   /* no queues */
{
}
#endif

#ifdef SUBSYSTEM_POSIX_IPC
unsigned posix_mq_count(void);
#else
static inline unsigned posix_mq_count(void)   /* no queues */
{
    return 0;
}
#endif

/* For ipcs: one entry per queue ("mqueue", its name; COUNT and CAPACITY in
 * messages). */
#ifdef SUBSYSTEM_POSIX_IPC
void posix_mq_list_objects(ipc_list_emit emit, void *context);
#else
static inline void posix_mq_list_objects(ipc_list_emit emit, void *context)   /* no queues */
{
    (void)emit;
    (void)context;
}
#endif

#endif

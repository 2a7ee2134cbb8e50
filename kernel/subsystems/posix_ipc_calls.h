/* kernel/subsystems/posix_ipc_calls.h - the system-call handlers of POSIX message queues
 * (kernel/subsystems/posix_ipc.c puts them in the table), with their real types.
 * Context: as every handler's (kernel/syscall.h). */
#ifndef KERNEL_SUBSYSTEMS_POSIX_IPC_CALLS_H
#define KERNEL_SUBSYSTEMS_POSIX_IPC_CALLS_H

#include <stdint.h>

struct kernel_sigevent;
struct mq_attr;
struct timespec;

int sys_mq_open(const char *name, uint32_t flags, uint32_t mode, const struct mq_attr *attributes);
int sys_mq_unlink(const char *name);
int sys_mq_timedsend(int fd, const char *message, uint32_t length, uint32_t priority,
                     const struct timespec *timeout);   /* sleeps */
int sys_mq_timedreceive(int fd, char *buffer, uint32_t size, uint32_t *priority,
                        const struct timespec *timeout);   /* sleeps */
int sys_mq_getsetattr(int fd, const struct mq_attr *new_attributes, struct mq_attr *old_attributes);
int sys_mq_notify(int fd, const struct kernel_sigevent *notification);   /* posix_mq_notify.c */

#endif

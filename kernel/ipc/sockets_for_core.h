/* kernel/ipc/sockets_for_core.h - what the core asks of local sockets
 * (the subsystem "sockets", kernel/subsystems/sockets.c): readv and
 * writev on a socket, the count and list kinfo shows, and the start of
 * send and recv without the big lock on several CPUs. A kernel built
 * without the subsystem gets the stand-ins below (no file is a socket),
 * so that the core reads the same in every profile
 * (kernel/subsystems/subsystem.h). socket.h includes this file. */
#ifndef KERNEL_IPC_SOCKETS_FOR_CORE_H
#define KERNEL_IPC_SOCKETS_FOR_CORE_H

#include "ipc/ipc_list.h"

struct file;
struct user_vector;

/* readv and writev (kernel/fs/vector_io.c): when `file` is a socket,
 * its family's recvmsg or sendmsg of `data`, with no flags, address or
 * control, as Linux does; the bytes moved or -errno go to *status, and
 * the answer is 1. 0 when `file` is not a socket: the caller reads or
 * writes the file itself. Context: a system call, the file held; may
 * sleep. */
#ifdef SUBSYSTEM_SOCKETS
int socket_read_vector(struct file *file, const struct user_vector *data, int *status);
int socket_write_vector(struct file *file, const struct user_vector *data, int *status);
#else
static inline int socket_read_vector(struct file *file, const struct user_vector *data, int *status)   /* no sockets: no file is one */
{
    (void)file;
    (void)data;
    (void)status;
    return 0;
}
static inline int socket_write_vector(struct file *file, const struct user_vector *data, int *status)   /* no sockets: no file is one */
{
    (void)file;
    (void)data;
    (void)status;
    return 0;
}
#endif

/* How many socket objects exist (for leak tests). */
#ifdef SUBSYSTEM_SOCKETS
unsigned socket_count(void);
#else
static inline unsigned socket_count(void)   /* no sockets */
{
    return 0;
}
#endif

/* For ipcs: one entry per socket: "sock-lstn" (a listener: connections
 * waiting, against its backlog), "sock-strm" (a stream socket: bytes
 * unread, against its buffer) or "sock-dgram" (datagrams queued), named
 * by its path or "#id". */
#ifdef SUBSYSTEM_SOCKETS
void socket_list_objects(ipc_list_emit emit, void *context);
#else
static inline void socket_list_objects(ipc_list_emit emit, void *context)   /* no sockets */
{
    (void)emit;
    (void)context;
}
#endif

/* From now on sendto and recvfrom begin without the big kernel lock
 * (kernel/ipc/socket_without_big_lock.c). Context: boot, as the other
 * CPUs start running tasks (smp_run_other_cpus). */
#if defined(SUBSYSTEM_SOCKETS) && defined(SUBSYSTEM_SMP)
void socket_calls_without_big_lock_start(void);
#else
static inline void socket_calls_without_big_lock_start(void)   /* no sockets, or one CPU */
{
}
#endif

#endif

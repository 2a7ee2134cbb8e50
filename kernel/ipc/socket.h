/* kernel/ipc/socket.h - local (AF_UNIX) sockets: what the rest of the
 * kernel needs to know of them. A bound socket is named by a node of type
 * INODE_SOCKET in the file system, whose `socket` field points back at it
 * while it is open. */
#ifndef KERNEL_IPC_SOCKET_H
#define KERNEL_IPC_SOCKET_H

#include "ipc/ipc_list.h"

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
 * by its path or "#id". For ps: "socket /tmp/s" or "socket #id". */
#ifdef SUBSYSTEM_SOCKETS
void socket_list_objects(ipc_list_emit emit, void *context);
#else
static inline void socket_list_objects(ipc_list_emit emit, void *context)   /* no sockets */
{
    (void)emit;
    (void)context;
}
#endif
void socket_describe(const void *socket, char *buffer, unsigned size);

#endif

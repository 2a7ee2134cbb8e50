/* kernel/ipc/socket.h - local (AF_UNIX) sockets: what the rest of the
 * kernel needs to know of them. A bound socket is named by a node of type
 * INODE_SOCKET in the file system, whose `socket` field points back at it
 * while it is open. */
#ifndef KERNEL_IPC_SOCKET_H
#define KERNEL_IPC_SOCKET_H

#include "ipc/sockets_for_core.h"   /* what the core asks: socket_count ... */

/* For ps: "socket /tmp/s" or "socket #id" for a task waiting on one. */
void socket_describe(const void *socket, char *buffer, unsigned size);

#endif

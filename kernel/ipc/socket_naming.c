/* kernel/ipc/socket_naming.c - a local socket's name: addresses in and
 * out of user memory, bind(), finding a socket by its path, and the calls
 * that carry an address (connect, getsockname, getpeername, sendto,
 * recvfrom).
 *
 *   bind(fd, "/tmp/s") --> a node of type INODE_SOCKET at /tmp/s
 *                          node->socket --> the socket, while it is open
 *   connect/sendto("/tmp/s") --> vfs_lookup --> node --> node->socket
 *
 * The rules, and where they live:
 *  - An address is a sockaddr_un of family AF_UNIX with a non-empty
 *    path; the length passed says where a path with no NUL ends.
 *    Linux's abstract names (a path starting with NUL) are not here.  -> read_address
 *  - bind() creates the node: EADDRINUSE if the path exists, EINVAL if
 *    the socket has a name already.                                   -> sys_bind
 *  - Finding a peer: no node is ENOENT (or the lookup's error), a node
 *    that is no socket or has no open socket ECONNREFUSED, a socket of
 *    the other type EPROTOTYPE.                                      -> socket_find_bound
 *  - An address going out: as many bytes as the caller has room for,
 *    and the full length; an unnamed socket is just the family (2
 *    bytes), except as a datagram's sender: length 0.                -> socket_write_address
 *  - sendto() with an address on a stream socket: EISCONN when
 *    connected, else EOPNOTSUPP.                                     -> sys_sendto
 */
#include "socket_internal.h"

#include <stddef.h>

#include "fs/file.h"
#include "fs/fs_lock.h"
#include "fs/inode.h"
#include "fs/user_vector.h"
#include "fs/vfs.h"
#include "proc/credentials.h"
#include "lib/string.h"
#include "mm/uaccess.h"
#include "uapi/errno.h"

#define PATH_OFFSET offsetof(struct sockaddr_un, sun_path)   /* 2: the family comes first */

int socket_find_bound(const char *path, int type, struct socket **result)
{
    struct inode *node;
    fs_lock();                        /* the name may be on the disk (fs/fs_lock.h) */
    int status = vfs_lookup(path, &node);
    if (status == 0)
        status = inode_permission(node, MAY_WRITE);   /* EACCES: connecting writes to the socket (unix(7)) */
    if (status == 0 && (node->type != INODE_SOCKET || !node->socket))
        status = -ECONNREFUSED;
    if (status == 0 && node->socket->type != type)
        status = -EPROTOTYPE;
    if (status == 0)
        *result = node->socket;
    fs_unlock();
    return status;
}

/* Reads a sockaddr_un of `length` bytes into `path` (UNIX_PATH_MAX + 1
 * bytes). Linux's abstract names (a path starting with NUL) are not
 * supported: EINVAL. */
static int read_address(const void *user_address, socklen_t length, char *path)
{
    struct sockaddr_un address;
    if (length <= PATH_OFFSET || length > sizeof address)
        return -EINVAL;
    if (copy_from_user(&address, user_address, length) < 0)
        return -EFAULT;
    if (address.sun_family != AF_UNIX)
        return -EINVAL;
    uint32_t path_length = strnlen(address.sun_path, length - PATH_OFFSET);
    if (path_length == 0)
        return -EINVAL;
    memcpy(path, address.sun_path, path_length);
    path[path_length] = 0;
    return 0;
}

int socket_write_address(const char *path, int family_if_unnamed, void *user_address,
                         socklen_t *user_length)
{
    int room;
    if (copy_from_user(&room, user_length, sizeof room) < 0)
        return -EFAULT;
    if (room < 0)
        return -EINVAL;
    char buffer[sizeof(struct sockaddr_un) + 1];   /* a 108-byte path and its NUL */
    struct sockaddr_un *address = (struct sockaddr_un *)buffer;
    memset(buffer, 0, sizeof buffer);
    address->sun_family = AF_UNIX;
    uint32_t path_length = strlen(path);
    memcpy(address->sun_path, path, path_length);
    socklen_t length = path_length ? PATH_OFFSET + path_length + 1 : family_if_unnamed ? PATH_OFFSET : 0;
    uint32_t copied = (uint32_t)room < length ? (uint32_t)room : length;
    if ((copied && copy_to_user(user_address, buffer, copied) < 0) ||
        copy_to_user(user_length, &length, sizeof length) < 0)
        return -EFAULT;
    return 0;
}

int socket_unix_bind(struct file *file, const void *user_address, socklen_t length)
{
    int status;
    struct socket *socket = socket_of_file(file, &status);
    if (!socket)
        return status;
    char path[UNIX_PATH_MAX + 1];
    if ((status = read_address(user_address, length, path)) < 0)
        return status;
    if (socket->address[0])
        return -EINVAL;               /* named already */
    struct inode *node;
    fs_lock();                        /* the name may go on the disk (fs/fs_lock.h) */
    status = vfs_create(path, INODE_SOCKET, SOCKET_NODE_PERMISSIONS, &node);
    if (status == 0) {
        node->socket = socket;
        node->open_count++;           /* held like an open file until the socket closes */
    }
    fs_unlock();
    if (status < 0)
        return status == -EEXIST ? -EADDRINUSE : status;
    socket->node = node;
    strlcpy(socket->address, path, sizeof socket->address);
    return 0;
}

/* connect's work, once the socket's file is held. */
static int connect_holding(struct socket *socket, struct file *file, const void *user_address, socklen_t length)
{
    int status;
    if (socket->type == SOCK_DGRAM && length >= sizeof(sa_family_t)) {
        sa_family_t family;
        if (copy_from_user(&family, user_address, sizeof family) < 0)
            return -EFAULT;
        if (family == AF_UNSPEC)
            return socket_datagram_connect(socket, 0);   /* dissolve the association */
    }
    char path[UNIX_PATH_MAX + 1];
    if ((status = read_address(user_address, length, path)) < 0)
        return status;
    if (socket->type == SOCK_STREAM)
        return socket_stream_connect(socket, path, socket_nonblocking(file, 0));
    return socket_datagram_connect(socket, path);
}

int socket_unix_connect(struct file *file, const void *user_address, socklen_t length)
{
    int status;
    struct socket *socket = socket_of_file(file, &status);
    if (!socket)
        return status;
    status = connect_holding(socket, file, user_address, length);
    return status;
}

int socket_unix_getsockname(struct file *file, void *user_address, socklen_t *user_length)
{
    int status;
    struct socket *socket = socket_of_file(file, &status);
    if (!socket)
        return status;
    return socket_write_address(socket->address, 1, user_address, user_length);
}

int socket_unix_getpeername(struct file *file, void *user_address, socklen_t *user_length)
{
    int status;
    struct socket *socket = socket_of_file(file, &status);
    if (!socket)
        return status;
    if (!socket->peer)
        return -ENOTCONN;
    return socket_write_address(socket->peer->address, 1, user_address, user_length);
}

/* sendto's and sendmsg's work, once the socket's file is held. */
static int send_holding(struct socket *socket, struct file *file, const struct user_vector *data, int flags,
                        const void *user_address, socklen_t address_length, struct socket_ancillary *ancillary)
{
    int status;
    if (flags & MSG_OOB)
        return -EOPNOTSUPP;
    int addressed = user_address && address_length;
    if (socket->type == SOCK_STREAM) {
        if (addressed)
            return socket->state == SOCKET_CONNECTED ? -EISCONN : -EOPNOTSUPP;
        return socket_stream_send(socket, data, flags, socket_nonblocking(file, flags), ancillary);
    }
    char path[UNIX_PATH_MAX + 1];
    if (addressed && (status = read_address(user_address, address_length, path)) < 0)
        return status;
    return socket_datagram_send(socket, data, addressed ? path : 0, socket_nonblocking(file, flags), ancillary);
}

int socket_unix_sendto(struct file *file, const void *user_buffer, uint32_t size, int flags, const void *user_address,
               socklen_t address_length)
{
    int status;
    struct socket *socket = socket_of_file(file, &status);
    if (!socket)
        return status;
    if ((int)size < 0)
        return -EINVAL;
    if (!user_range_ok(user_buffer, size))
        return -EFAULT;
    struct user_vector data;
    user_vector_single(&data, (void *)user_buffer, size);
    return send_holding(socket, file, &data, flags, user_address, address_length, 0);
}

int socket_unix_sendmsg(struct file *file, const struct user_vector *data, int flags, const void *user_address,
                        socklen_t address_length, const void *user_control, socklen_t control_length)
{
    int status;
    struct socket *socket = socket_of_file(file, &status);
    if (!socket)
        return status;
    struct socket_ancillary ancillary;
    if ((status = socket_ancillary_from_user(user_control, control_length, &ancillary)) < 0)
        return status;
    status = send_holding(socket, file, data, flags, user_address, address_length, &ancillary);
    socket_ancillary_release(&ancillary);   /* what did not go (an error, no bytes) */
    return status;
}

/* recvfrom's and recvmsg's work, once the socket's file is held. */
static int receive_holding(struct socket *socket, struct file *file, const struct user_vector *data, int flags,
                           void *user_address, socklen_t *user_address_length, struct socket_control *control)
{
    int status;
    if (flags & MSG_OOB)
        return -EOPNOTSUPP;
    int nonblocking = socket_nonblocking(file, flags);
    if (socket->type == SOCK_DGRAM)
        return socket_datagram_receive(socket, data, flags, nonblocking, user_address, user_address_length,
                                       control);
    int received = socket_stream_receive(socket, data, flags, nonblocking, control);
    if (received >= 0 && user_address) {
        /* the bytes came from the peer: its name, if it has one */
        const char *sender = received > 0 && socket->peer ? socket->peer->address : "";
        if ((status = socket_write_address(sender, 0, user_address, user_address_length)) < 0)
            return status;
    }
    return received;
}

int socket_unix_recvfrom(struct file *file, void *user_buffer, uint32_t size, int flags, void *user_address,
                 socklen_t *user_address_length)
{
    int status;
    struct socket *socket = socket_of_file(file, &status);
    if (!socket)
        return status;
    if ((int)size < 0)
        return -EINVAL;
    if (!user_range_ok(user_buffer, size))
        return -EFAULT;
    struct user_vector data;
    user_vector_single(&data, user_buffer, size);
    return receive_holding(socket, file, &data, flags, user_address, user_address_length, 0);
}

int socket_unix_recvmsg(struct file *file, const struct user_vector *data, int flags, void *user_address,
                        socklen_t *user_address_length, struct socket_control *control)
{
    int status;
    struct socket *socket = socket_of_file(file, &status);
    if (!socket)
        return status;
    return receive_holding(socket, file, data, flags, user_address, user_address_length, control);
}

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
 *    path; the length passed says where a path with no NUL ends. A
 *    path starting with NUL is an abstract name (Linux's): every byte
 *    the length covers, in no file system.                            -> read_address
 *  - bind() creates the node: EADDRINUSE if the path exists, EINVAL if
 *    the socket has a name already. An abstract name is taken while
 *    its socket is open (EADDRINUSE), among sockets of its type (each
 *    type has its own, as on Linux); bind with only the family picks
 *    one of five hex digits (autobind).                            -> socket_unix_bind
 *  - Finding a peer: no node is ENOENT (or the lookup's error), a node
 *    that is no socket or has no open socket ECONNREFUSED, a socket of
 *    the other type EPROTOTYPE.                                      -> socket_find_bound
 *  - An address going out: as many bytes as the caller has room for,
 *    and the full length; an unnamed socket is just the family (2
 *    bytes), except as a datagram's sender: length 0.                -> socket_write_address
 *  - sendto() with an address on a stream socket: EISCONN when
 *    connected, else EOPNOTSUPP; on a seqpacket socket the address is
 *    ignored (its peer, or ENOTCONN).                                -> send_holding
 */
#include "socket_internal.h"

#include <stddef.h>

#include "fs/file.h"
#include "fs/fs_lock.h"
#include "fs/inode.h"
#include "fs/user_vector.h"
#include "fs/vfs.h"
#include "proc/credentials.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/uaccess.h"
#include "uapi/errno.h"

#define PATH_OFFSET offsetof(struct sockaddr_un, sun_path)   /* 2: the family comes first */

/* The open socket of `type` bound to abstract name `name`, or NULL.
 * Each type has its own abstract names, as on Linux. */
static struct socket *find_abstract(const struct unix_name *name, int type)
{
    list_for_each(node, &socket_all) {
        struct socket *socket = list_entry(node, struct socket, link);
        if (socket->abstract_bound && socket->type == type && socket->address.length == name->length &&
            memcmp(socket->address.bytes, name->bytes, name->length) == 0)
            return socket;
    }
    return 0;
}

int socket_find_bound(const struct unix_name *name, int type, struct socket **result)
{
    if (unix_name_is_abstract(name)) {   /* no node: no permission to check, as Linux */
        struct socket *socket = find_abstract(name, type);
        if (!socket)
            return -ECONNREFUSED;     /* none of this type */
        *result = socket;
        return 0;
    }
    struct inode *node;
    fs_lock();                        /* the name may be on the disk (fs/fs_lock.h) */
    int status = vfs_lookup(name->bytes, &node);
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

/* Reads a sockaddr_un of `length` bytes into *name: a path (up to its
 * NUL or the length's end), or, when sun_path[0] is NUL, an abstract
 * name of every byte the length covers (Linux's). Only the family
 * (length 2) is an empty name: bind's autobind. */
static int read_address(const void *user_address, socklen_t length, struct unix_name *name)
{
    struct sockaddr_un address;
    if (length < PATH_OFFSET || length > sizeof address)
        return -EINVAL;
    if (copy_from_user(&address, user_address, length) < 0)
        return -EFAULT;
    if (address.sun_family != AF_UNIX)
        return -EINVAL;
    memset(name, 0, sizeof *name);
    if (length == PATH_OFFSET)
        return 0;
    if (address.sun_path[0] == 0) {
        name->length = length - PATH_OFFSET;
        memcpy(name->bytes, address.sun_path, name->length);
        return 0;
    }
    name->length = strnlen(address.sun_path, length - PATH_OFFSET);
    memcpy(name->bytes, address.sun_path, name->length);
    return 0;
}

/* read_address for connect and sendto: a name is needed. */
static int read_peer_address(const void *user_address, socklen_t length, struct unix_name *name)
{
    int status = read_address(user_address, length, name);
    return status == 0 && !name->length ? -EINVAL : status;
}

int socket_write_address(const struct unix_name *name, int family_if_unnamed, void *user_address,
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
    unsigned name_length = name ? name->length : 0;
    memcpy(address->sun_path, name ? name->bytes : "", name_length);
    socklen_t length = !name_length ? (family_if_unnamed ? PATH_OFFSET : 0)
                     : unix_name_is_abstract(name) ? PATH_OFFSET + name_length   /* every byte, no NUL after */
                     : PATH_OFFSET + name_length + 1;
    uint32_t copied = (uint32_t)room < length ? (uint32_t)room : length;
    if ((copied && copy_to_user(user_address, buffer, copied) < 0) ||
        copy_to_user(user_length, &length, sizeof length) < 0)
        return -EFAULT;
    return 0;
}

#define AUTOBIND_NAMES 0x100000       /* five hex digits, as Linux's autobind */

/* bind() with just the family: an abstract name of five hex digits no
 * one holds (Linux's autobind). */
static int autobind(struct unix_name *name, int type)
{
    static unsigned next;
    for (unsigned tries = 0; tries < AUTOBIND_NAMES; tries++) {
        name->length = 6;
        ksnprintf(name->bytes + 1, sizeof name->bytes - 1, "%05x", next++ % AUTOBIND_NAMES);
        name->bytes[0] = 0;
        if (!find_abstract(name, type))
            return 0;
    }
    return -ENOSPC;
}

/* bind's work on `socket`, with the file-system lock held. */
static int bind_locked(struct socket *socket, struct unix_name *name)
{
    int status;
    if (socket->address.length)
        return name->length ? -EINVAL : 0;  /* named already (autobind: nothing to do, as Linux) */
    if (!name->length && (status = autobind(name, socket->type)) < 0)
        return status;
    if (unix_name_is_abstract(name)) {
        if (find_abstract(name, socket->type))
            return -EADDRINUSE;
        socket->address = *name;
        socket->abstract_bound = 1;
        return 0;
    }
    struct inode *node;
    status = vfs_create(name->bytes, INODE_SOCKET, SOCKET_NODE_PERMISSIONS, &node);
    if (status < 0)
        return status == -EEXIST ? -EADDRINUSE : status;
    node->socket = socket;
    node->open_count++;               /* held like an open file until the socket closes */
    socket->node = node;
    socket->address = *name;
    return 0;
}

int socket_unix_bind(struct file *file, const void *user_address, socklen_t length)
{
    int status;
    struct socket *socket = socket_of_file(file, &status);
    if (!socket)
        return status;
    struct unix_name name;
    if ((status = read_address(user_address, length, &name)) < 0)
        return status;
    /* The file-system lock (fs/fs_lock.h) makes the binds of a socket
     * (which a fork or a passed descriptor shares) one at a time: a bind
     * to a name on the disk sleeps there, and another bind of the same
     * socket must then find it named (EINVAL), not name it again. */
    fs_lock();
    status = bind_locked(socket, &name);
    fs_unlock();
    return status;
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
    struct unix_name name;
    if ((status = read_peer_address(user_address, length, &name)) < 0)
        return status;
    if (socket_type_connects(socket->type))
        return socket_stream_connect(socket, &name, socket_nonblocking(file, 0));
    return socket_datagram_connect(socket, &name);
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
    return socket_write_address(&socket->address, 1, user_address, user_length);
}

int socket_unix_getpeername(struct file *file, void *user_address, socklen_t *user_length)
{
    int status;
    struct socket *socket = socket_of_file(file, &status);
    if (!socket)
        return status;
    if (!socket->peer)
        return -ENOTCONN;
    return socket_write_address(&socket->peer->address, 1, user_address, user_length);
}

/* sendto's and sendmsg's work, once the socket's file is held. (send()
 * and recv() of a stream go the short way: socket_stream_send_buffer.) */
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
    if (socket->type == SOCK_SEQPACKET)   /* to its peer: an address is ignored, as Linux */
        return socket_seqpacket_send(socket, data, socket_nonblocking(file, flags), ancillary);
    struct unix_name name;
    if (addressed && (status = read_peer_address(user_address, address_length, &name)) < 0)
        return status;
    return socket_datagram_send(socket, data, addressed ? &name : 0, socket_nonblocking(file, flags), ancillary);
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
    if (socket->type == SOCK_STREAM && !(user_address && address_length) && !(flags & MSG_OOB))
        return socket_stream_send_buffer(socket, user_buffer, size, flags, socket_nonblocking(file, flags));
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
    if (socket->type == SOCK_SEQPACKET)
        return socket_seqpacket_receive(socket, data, flags, nonblocking, user_address, user_address_length,
                                        control);
    int received = socket_stream_receive(socket, data, flags, nonblocking, control);
    if (received >= 0 && user_address) {
        /* the bytes came from the peer: its name, if it has one */
        const struct unix_name *sender = received > 0 && socket->peer ? &socket->peer->address : 0;
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
    if (socket->type == SOCK_STREAM && !user_address && !(flags & MSG_OOB))
        return socket_stream_receive_buffer(socket, user_buffer, size, flags, socket_nonblocking(file, flags));
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

/* kernel/net/inet_socket_calls.c - the BSD socket calls of AF_INET
 * sockets: the checks every protocol shares, then the protocol's call.
 *
 *   sendto(fd, buffer, size, flags, &address, length)
 *     --> kernel/ipc/socket_syscalls.c: the file, held
 *     --> inet_sendto: the address read and checked, the buffer's range
 *     --> inet_socket_send --> protocol->send (udp_socket.c, tcp_*.c)
 *     --> net_run_pending: what the call queued for the loopback is
 *         delivered before it returns (kernel/net/net_interface.h)
 *
 * The rules, and where they live:
 *  - An address is a struct sockaddr_in: a shorter length is EINVAL, a
 *    family other than AF_INET EAFNOSUPPORT (bind takes AF_UNSPEC with
 *    INADDR_ANY, sendto AF_UNSPEC as AF_INET, as Linux). Address 0.0.0.0
 *    as a destination means this machine (127.0.0.1).      -> read_address
 *  - connect(AF_UNSPEC) on a datagram socket forgets its peer.  -> inet_connect
 *  - An unbound socket is bound to a free port by connect, listen and the
 *    first send; connect also picks its local address.     -> autobind
 *  - A datagram socket's pending error (ECONNREFUSED after an ICMP port
 *    unreachable) fails its next send or receive, once.     -> inet_socket_send
 *  - A stream send that fails with EPIPE raises SIGPIPE, unless
 *    MSG_NOSIGNAL (as kernel/ipc/socket_stream.c does).     -> inet_socket_send
 *  - setsockopt and getsockopt are in inet_socket_options.c. */
#include "inet_socket.h"

#include "fs/file.h"
#include "ipc/signal.h"
#include "ipc/socket_ancillary.h"
#include "ipc/socket_family.h"
#include "fs/user_vector.h"
#include "ipv4.h"
#include "mm/uaccess.h"
#include "net_interface.h"
#include "packet.h"
#include "proc/process.h"
#include "proc/thread.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/signal.h"

/* Whether a call on `file` with send/recv `flags` must not wait. */
static int nonblocking(const struct file *file, int flags)
{
    return (file->flags & O_NONBLOCK) || (flags & MSG_DONTWAIT);
}

/* Whether `socket` has a peer: a port for TCP and UDP, an address for a
 * ping socket (whose peer has no port). */
static int connected(const struct inet_socket *socket)
{
    return socket->remote.port != 0 || socket->remote.address != 0;
}

/* Reads a struct sockaddr_in of `length` bytes from user memory into
 * *endpoint (host byte order) and its family into *family; the caller
 * judges the family. */
static int read_address(const void *user_address, socklen_t length, struct inet_endpoint *endpoint,
                        sa_family_t *family)
{
    struct sockaddr_in address;
    if (length < sizeof address)
        return -EINVAL;
    if (copy_from_user(&address, user_address, sizeof address) < 0)
        return -EFAULT;
    *family = address.sin_family;
    endpoint->address = net_order32(address.sin_addr.s_addr);
    endpoint->port = net_order16(address.sin_port);
    return 0;
}

/* Checks the length a call will write an address into (getsockname,
 * recvfrom, accept) and gives it in *room: 0, or -EFAULT / -EINVAL
 * (negative). */
static int check_address_room(void *user_address, socklen_t *user_length, int *room)
{
    if (copy_from_user(room, user_length, sizeof *room) < 0)
        return -EFAULT;
    if (*room < 0)
        return -EINVAL;
    if (*room && !user_range_ok(user_address, (uint32_t)*room))
        return -EFAULT;
    return 0;
}

/* Writes `endpoint` as a struct sockaddr_in: at most *user_length bytes of
 * it, then its full size into *user_length (getsockname(2)). */
static int write_address(const struct inet_endpoint *endpoint, void *user_address, socklen_t *user_length)
{
    int room;
    int status = check_address_room(user_address, user_length, &room);
    if (status < 0)
        return status;
    struct sockaddr_in address = {
        .sin_family = AF_INET,
        .sin_port = net_order16(endpoint->port),
        .sin_addr = { net_order32(endpoint->address) },
    };
    socklen_t full = sizeof address;
    uint32_t copied = (uint32_t)room < full ? (uint32_t)room : full;
    if ((copied && copy_to_user(user_address, &address, copied) < 0) ||
        copy_to_user(user_length, &full, sizeof full) < 0)
        return -EFAULT;
    return 0;
}

/* Binds an unbound socket to a free port (its address stays INADDR_ANY). */
static int autobind(struct inet_socket *socket)
{
    return socket->bound ? 0 : inet_port_bind(socket, INADDR_ANY, 0);
}

/* The most a call moves: its count must fit the int it returns. */
#define TRANSFER_MAX 0x7fffffffu

/* Ends every call: what the call queued for the loopback is delivered. */
static int finish(int status)
{
    net_run_pending();
    return status;
}

int inet_socket_send(struct inet_socket *socket, const void *user_buffer, uint32_t size, int flags,
                     int nonblocking_call, const struct inet_endpoint *to)
{
    if ((flags & MSG_OOB) && socket->type != SOCK_STREAM)
        return -EOPNOTSUPP;           /* urgent data is TCP's (tcp_urgent.c) */
    if (!user_range_ok(user_buffer, size))
        return -EFAULT;
    if (size > TRANSFER_MAX)
        size = TRANSFER_MAX;
    if (socket->type == SOCK_DGRAM && socket->pending_error)
        return -inet_socket_take_error(socket);
    if (!socket->protocol->send)
        return -EOPNOTSUPP;
    int status = socket->type == SOCK_DGRAM ? autobind(socket) : 0;
    if (status == 0)
        status = socket->protocol->send(socket, user_buffer, size, flags, nonblocking_call, to);
    if (status == -EPIPE && socket->type == SOCK_STREAM && !(flags & MSG_NOSIGNAL))
        signal_send_thread(current_thread(), SIGPIPE);   /* and EPIPE, if it survives */
    return finish(status);
}

/* A datagram receive with MSG_OOB, which is TCP's (tcp_urgent.c): UDP
 * reads as without it (0, the flag taken off), a ping socket answers
 * -EOPNOTSUPP, as Linux's. */
static int datagram_oob(const struct inet_socket *socket, int *flags)
{
    if (socket->protocol->protocol != IPPROTO_UDP)
        return -EOPNOTSUPP;
    *flags &= ~MSG_OOB;
    return 0;
}

int inet_socket_receive(struct inet_socket *socket, void *user_buffer, uint32_t size, int flags,
                        int nonblocking_call, struct inet_endpoint *from)
{
    int status;
    if ((flags & MSG_OOB) && socket->type != SOCK_STREAM && (status = datagram_oob(socket, &flags)) < 0)
        return status;
    if (!user_range_ok(user_buffer, size))
        return -EFAULT;
    if (size > TRANSFER_MAX)
        size = TRANSFER_MAX;
    if (socket->type == SOCK_DGRAM && socket->pending_error)
        return -inet_socket_take_error(socket);
    if (!socket->protocol->receive)
        return -EOPNOTSUPP;
    struct inet_endpoint ignored;
    status = socket->protocol->receive(socket, user_buffer, size, flags, nonblocking_call, from ? from : &ignored);
    return finish(status);
}

static int inet_bind(struct file *file, const void *user_address, socklen_t length)
{
    struct inet_socket *socket = file->object;
    struct inet_endpoint endpoint;
    sa_family_t family;
    int status = read_address(user_address, length, &endpoint, &family);
    if (status < 0)
        return status;
    if (family != AF_INET && !(family == AF_UNSPEC && endpoint.address == INADDR_ANY))
        return -EAFNOSUPPORT;         /* Linux takes AF_UNSPEC only with INADDR_ANY */
    return finish(inet_port_bind(socket, endpoint.address, endpoint.port));
}

static int inet_listen(struct file *file, int backlog)
{
    struct inet_socket *socket = file->object;
    if (socket->type != SOCK_STREAM || !socket->protocol->listen)
        return -EOPNOTSUPP;
    if (connected(socket) && !socket->listening)
        return -EINVAL;
    if (backlog < 0 || backlog > SOMAXCONN)
        backlog = SOMAXCONN;          /* Linux: a negative backlog is a large unsigned one */
    int status = autobind(socket);
    if (status == 0)
        status = socket->protocol->listen(socket, (unsigned)backlog);
    if (status == 0)
        socket->listening = 1;
    return finish(status);
}

/* A connection accepted takes its listener's SOL_SOCKET and IP options,
 * as Linux's copy of the listening socket does: SO_REUSEADDR among them,
 * so that a server restarted with it may bind over its old connections
 * in TIME_WAIT. */
static void inherit_options(struct inet_socket *accepted, const struct inet_socket *listener)
{
    accepted->reuse_address = listener->reuse_address;
    accepted->broadcast = listener->broadcast;
    accepted->keep_alive = listener->keep_alive;
    accepted->urgent_inline = listener->urgent_inline;
    accepted->linger_on = listener->linger_on;
    accepted->linger_seconds = listener->linger_seconds;
    accepted->receive_timeout_ns = listener->receive_timeout_ns;
    accepted->send_timeout_ns = listener->send_timeout_ns;
    accepted->receive_buffer = listener->receive_buffer;
    accepted->send_buffer = listener->send_buffer;
    accepted->ttl = listener->ttl;
}

static int inet_accept(struct file *file, void *user_address, socklen_t *user_length, int flags)
{
    struct inet_socket *socket = file->object;
    if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC))
        return -EINVAL;
    if (socket->type != SOCK_STREAM || !socket->protocol->accept)
        return -EOPNOTSUPP;
    if (!socket->listening)
        return -EINVAL;
    int room;
    int status = user_address ? check_address_room(user_address, user_length, &room) : 0;
    if (status < 0)
        return status;
    if (!descriptor_room(current_task->process))
        return -EMFILE;               /* before the wait, as Linux */
    struct inet_socket *accepted = 0;
    status = socket->protocol->accept(socket, &accepted, nonblocking(file, 0));
    if (status < 0)
        return finish(status);
    inherit_options(accepted, socket);
    struct inet_endpoint peer = accepted->remote;
    int fd = inet_socket_install(accepted, flags);
    if (fd >= 0 && user_address && write_address(&peer, user_address, user_length) < 0) {
        struct file *installed = current_task->process->files[fd];   /* as Linux: the connection goes */
        descriptor_set(current_task->process, fd, 0);
        file_close(installed, current_task->process);
        fd = -EFAULT;
    }
    return finish(fd);
}

static int inet_connect(struct file *file, const void *user_address, socklen_t length)
{
    struct inet_socket *socket = file->object;
    sa_family_t family;
    if (length < sizeof family)
        return -EINVAL;
    if (copy_from_user(&family, user_address, sizeof family) < 0)
        return -EFAULT;
    if (!socket->protocol->connect)
        return -EOPNOTSUPP;
    struct inet_endpoint remote = { 0, 0 };
    if (family == AF_UNSPEC) {
        if (socket->type != SOCK_DGRAM)
            return -EAFNOSUPPORT;     /* a stream's connection is ended by shutdown or close here */
        int status = socket->protocol->connect(socket, &remote, 0);
        socket->remote = remote;
        if (socket->bound)
            socket->local.address = socket->bound_address;
        return finish(status);
    }
    int status = read_address(user_address, length, &remote, &family);
    if (status < 0)
        return status;
    if (family != AF_INET)
        return -EAFNOSUPPORT;
    if (remote.address == INADDR_ANY)
        remote.address = INADDR_LOOPBACK;   /* as Linux: "this machine" */
    if (socket->listening)
        return -EISCONN;
    if ((status = autobind(socket)) < 0)
        return finish(status);
    if (socket->local.address == INADDR_ANY) {
        uint32_t source = ipv4_source_for(remote.address);
        if (!source)
            return finish(-ENETUNREACH);
        socket->local.address = source;
    }
    return finish(socket->protocol->connect(socket, &remote, nonblocking(file, 0)));
}

static int inet_getsockname(struct file *file, void *user_address, socklen_t *user_length)
{
    struct inet_socket *socket = file->object;
    return write_address(&socket->local, user_address, user_length);
}

static int inet_getpeername(struct file *file, void *user_address, socklen_t *user_length)
{
    struct inet_socket *socket = file->object;
    if (!connected(socket) || socket->listening)
        return -ENOTCONN;
    return write_address(&socket->remote, user_address, user_length);
}

/* sendto's and sendmsg's destination: *addressed 0 when none was given
 * (or the socket is a stream: TCP ignores it, as Linux). */
static int read_destination(const struct inet_socket *socket, const void *user_address, socklen_t address_length,
                            struct inet_endpoint *to, int *addressed)
{
    *addressed = user_address != 0 && socket->type == SOCK_DGRAM;
    if (!*addressed)
        return 0;
    sa_family_t family;
    int status = read_address(user_address, address_length, to, &family);
    if (status < 0)
        return status;
    if (family != AF_INET && family != AF_UNSPEC)
        return -EAFNOSUPPORT;         /* Linux's UDP takes AF_UNSPEC as AF_INET */
    if (to->address == INADDR_ANY)
        to->address = INADDR_LOOPBACK;
    return 0;
}

static int inet_sendto(struct file *file, const void *user_buffer, uint32_t size, int flags,
                       const void *user_address, socklen_t address_length)
{
    struct inet_socket *socket = file->object;
    struct inet_endpoint to;
    int addressed;
    int status = read_destination(socket, user_address, address_length, &to, &addressed);
    if (status < 0)
        return status;
    return inet_socket_send(socket, user_buffer, size, flags, nonblocking(file, flags), addressed ? &to : 0);
}

/* sendmsg of a datagram from several buffers (inet_socket_message.c):
 * inet_socket_send's checks, then the protocol's send_vector. */
int inet_socket_send_datagram_vector(struct file *file, const struct user_vector *data, int flags,
                                const void *user_address, socklen_t address_length)
{
    struct inet_socket *socket = file->object;
    if (flags & MSG_OOB)
        return -EOPNOTSUPP;
    if (!socket->protocol->send_vector)
        return -EOPNOTSUPP;
    struct inet_endpoint to;
    int addressed;
    int status = read_destination(socket, user_address, address_length, &to, &addressed);
    if (status < 0)
        return status;
    if (socket->pending_error)
        return -inet_socket_take_error(socket);
    if ((status = autobind(socket)) == 0)
        status = socket->protocol->send_vector(socket, data, flags, nonblocking(file, flags), addressed ? &to : 0);
    return finish(status);
}

/* recvmsg of a datagram into several buffers (inet_socket_message.c):
 * MSG_TRUNC in msg_flags when it was longer than all of them. */
int inet_socket_receive_datagram_vector(struct file *file, const struct user_vector *data, int flags,
                                   void *user_address, socklen_t *user_address_length,
                                   struct socket_control *control)
{
    struct inet_socket *socket = file->object;
    int status;
    if ((flags & MSG_OOB) && (status = datagram_oob(socket, &flags)) < 0)
        return status;
    if (!socket->protocol->receive_vector)
        return -EOPNOTSUPP;
    if (user_address) {
        int room;
        status = check_address_room(user_address, user_address_length, &room);
        if (status < 0)
            return status;
    }
    if (socket->pending_error)
        return -inet_socket_take_error(socket);
    struct inet_endpoint from = { 0, 0 };
    int length = finish(socket->protocol->receive_vector(socket, data, flags | MSG_TRUNC, nonblocking(file, flags),
                                                         &from));
    if (length < 0)
        return length;
    if ((uint32_t)length > data->total && control)
        control->message_flags |= MSG_TRUNC;
    if (user_address && write_address(&from, user_address, user_address_length) < 0)
        return -EFAULT;
    return (flags & MSG_TRUNC) || (uint32_t)length < data->total ? length : (int)data->total;
}

static int inet_recvfrom(struct file *file, void *user_buffer, uint32_t size, int flags, void *user_address,
                         socklen_t *user_address_length)
{
    struct inet_socket *socket = file->object;
    if (user_address) {
        int room;
        int status = check_address_room(user_address, user_address_length, &room);
        if (status < 0)
            return status;
    }
    struct inet_endpoint from = { 0, 0 };
    int status = inet_socket_receive(socket, user_buffer, size, flags, nonblocking(file, flags), &from);
    if (status < 0 || !user_address)
        return status;
    if (socket->type == SOCK_STREAM) {   /* a stream names no sender: length 0, as Linux */
        socklen_t none = 0;
        return copy_to_user(user_address_length, &none, sizeof none) < 0 ? -EFAULT : status;
    }
    return write_address(&from, user_address, user_address_length) < 0 ? -EFAULT : status;
}

static int inet_shutdown(struct file *file, int how)
{
    struct inet_socket *socket = file->object;
    if (how < SHUT_RD || how > SHUT_RDWR)
        return -EINVAL;
    unsigned halves = (unsigned)how + 1;   /* SHUT_RD -> RECEIVE, SHUT_WR -> SEND, SHUT_RDWR -> both */
    socket->shutdown |= halves;
    int status = socket->protocol->shutdown ? socket->protocol->shutdown(socket, halves) : 0;
    inet_socket_wake(socket);
    return finish(status);
}

const struct socket_family_operations inet_family_operations = {
    .bind = inet_bind,
    .listen = inet_listen,
    .accept = inet_accept,
    .connect = inet_connect,
    .getsockname = inet_getsockname,
    .getpeername = inet_getpeername,
    .sendto = inet_sendto,
    .recvfrom = inet_recvfrom,
    .sendmsg = inet_sendmsg,
    .recvmsg = inet_recvmsg,
    .shutdown = inet_shutdown,
    .setsockopt = inet_setsockopt,
    .getsockopt = inet_getsockopt,
};

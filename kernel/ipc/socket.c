/* kernel/ipc/socket.c - local (AF_UNIX) sockets: the socket object, its
 * life and its descriptor, and the calls that need no address (socket,
 * socketpair, shutdown). Names and addressed calls are in socket_naming.c,
 * connections and byte streams in socket_stream.c, datagrams in
 * socket_datagram.c, sequenced packets (a connection of datagrams) in
 * socket_seqpacket.c.
 *
 *   descriptor --> open file --> [ socket: type, state, shutdown bits,
 *                                  peer --> another socket (counted),
 *                                  node --> its name in the file system ]
 *
 * The rules, and where they live:
 *  - AF_UNIX here, AF_INET in kernel/net/inet_socket.c, nothing else
 *    (EAFNOSUPPORT); SOCK_STREAM, SOCK_DGRAM or SOCK_SEQPACKET
 *    (SOCK_RAW is SOCK_DGRAM; another of Linux's types ESOCKTNOSUPPORT,
 *    a number past them EINVAL), with SOCK_NONBLOCK and SOCK_CLOEXEC;
 *    protocol 0 or PF_UNIX (EPROTONOSUPPORT).                          -> check_kind
 *  - A descriptor that is no socket is ENOTSOCK: socket_syscalls.c,
 *    which calls the family's table (socket_family.h) with the file.
 *  - O_NONBLOCK on the descriptor (SOCK_NONBLOCK, fcntl) or MSG_DONTWAIT
 *    on the call turns every wait into EAGAIN; SO_RCVTIMEO (receive,
 *    accept) and SO_SNDTIMEO (send, connect) end one with EAGAIN once
 *    the time is over; a signal ends a wait with EINTR, or restarts the
 *    call under SA_RESTART when it has no timeout.                     -> socket_wait
 *  - shutdown() of a stream (or seqpacket) socket shuts the mirror half of its peer:
 *    our SHUT_WR is the peer's end of file, our SHUT_RD its EPIPE.      -> sys_shutdown
 *  - Closing wakes everyone waiting on the socket and tells the peer;
 *    the node bind() made stays (someone must unlink it, as on Linux)
 *    and refuses connections from then on.                           -> socket_close
 *  - A socket's memory lives while anything refers to it (see
 *    socket_internal.h); the last socket_put frees it.                -> socket_put
 */
#include "socket.h"
#include "socket_internal.h"
#include "socket_family.h"

#include "fs/file.h"
#include "fs/inode.h"
#include "fs/user_vector.h"
#include "ipc/signal.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "net/inet_socket.h"
#include "proc/process.h"
#include "sched/clock.h"
#include "sched/scheduler.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/stat.h"
#include "uapi/termios.h"           /* FIONREAD */
#include "subsystems/sockets_calls.h"


static unsigned live_sockets;
static uint32_t next_socket_id = 1;
struct list socket_all = { { &socket_all.head, &socket_all.head } };   /* for ipcs and socket_gc.c */

unsigned socket_count(void)
{
    return live_sockets;
}

void socket_describe(const void *object, char *buffer, unsigned size)
{
    const struct socket *socket = object;
    if (socket->address.length)
        ksnprintf(buffer, size, "socket %s%s", unix_name_is_abstract(&socket->address) ? "@" : "",
                  socket->address.bytes + unix_name_is_abstract(&socket->address));
    else
        ksnprintf(buffer, size, "socket #%u", socket->id);
}

void socket_list_objects(ipc_list_emit emit, void *context)
{
    list_for_each(node, &socket_all) {
        struct socket *socket = list_entry(node, struct socket, link);
        if (socket->closed)
            continue;                 /* only a peer's pointer keeps it: not a socket any more */
        struct kinfo_ipc_object object = {
            .senders_waiting = socket->writable.length, .receivers_waiting = socket->readable.length,
        };
        strlcpy(object.kind, socket->type == SOCK_DGRAM ? "sock-dgram"
                             : socket->state == SOCKET_LISTENING ? "sock-lstn"
                             : socket->type == SOCK_SEQPACKET ? "sock-seqp" : "sock-strm", sizeof object.kind);
        if (socket->address.length)
            ksnprintf(object.name, sizeof object.name, "%s%s", unix_name_is_abstract(&socket->address) ? "@" : "",
                      socket->address.bytes + unix_name_is_abstract(&socket->address));
        else
            ksnprintf(object.name, sizeof object.name, "#%u", socket->id);
        if (socket->state == SOCKET_LISTENING) {
            object.count = socket->pending_count;
            object.capacity = socket->backlog + 1;   /* Linux: more than backlog is full */
        } else if (socket->type == SOCK_STREAM) {
            object.count = socket->received.count;
            object.capacity = SOCKET_STREAM_BUFFER;
        } else {
            object.count = socket->datagram_count;
            object.capacity = SOCKET_DATAGRAM_QUEUE;
        }
        emit(&object, context);
    }
}

struct socket *socket_create(int type)
{
    struct socket *socket = kzalloc(sizeof *socket);
    if (!socket)
        return 0;
    socket->type = type;
    socket->state = SOCKET_UNCONNECTED;
    socket->references = 1;
    wait_queue_init(&socket->readable);
    wait_queue_init(&socket->writable);
    socket->id = next_socket_id++;
    list_init(&socket->pending);
    list_init(&socket->datagrams);
    list_init(&socket->marks);
    if (type == SOCK_DGRAM)
        socket_lock_datagram(socket);   /* several CPUs: its own lock (a pair's ends share one) */
    list_push_back(&socket_all, &socket->link);
    live_sockets++;
    return socket;
}

void socket_get(struct socket *socket)
{
    socket->references++;
}

void socket_put(struct socket *socket)
{
    if (--socket->references)
        return;
    byte_ring_destroy(&socket->received);   /* closing freed it: this is for a socket never closed */
    socket_stream_drop_marks(socket);
    struct list_node *node;
    while ((node = list_pop_front(&socket->datagrams))) {
        struct datagram *datagram = list_entry(node, struct datagram, link);
        socket_ancillary_release(&datagram->ancillary);
        kfree(datagram);
    }
    list_remove(&socket->link);
    kfree(socket);
    live_sockets--;
}

void socket_close(struct socket *socket, int refused)
{
    socket_begin_big_lock_use(socket);   /* its peer may be writing to it without the big lock */
    socket->closed = 1;
    socket->file = 0;
    socket->abstract_bound = 0;       /* an abstract name is free again (socket_find_bound) */
    socket->shutdown = SHUTDOWN_RECEIVE | SHUTDOWN_SEND;
    if (socket->node) {               /* the node stays, refusing */
        socket->node->socket = 0;
        inode_close(socket->node);
        socket->node = 0;
    }
    if (socket_type_connects(socket->type))
        socket_stream_close(socket, refused);   /* the connection: tells the peer */
    if (socket->type != SOCK_STREAM)
        socket_datagram_close(socket);          /* the datagrams queued */
    wait_queue_wake_all(&socket->readable);
    wait_queue_wake_all(&socket->writable);   /* senders into it now fail */
    socket_end_big_lock_use(socket);
    socket_put(socket);
}

/* read() and write() are recv() and send() without flags or address,
 * counted as uses with the big lock on several CPUs (socket_internal.h);
 * but a read of 0 bytes returns 0 at once and takes nothing, not even a
 * datagram (Linux's sock_read_iter). May sleep. */
static int socket_file_read(struct file *file, void *user_buffer, uint32_t size)
{
    struct socket *socket = file->object;
    if (!socket)
        return -EBADF;            /* an accept() still waiting */
    if (size == 0)
        return 0;
    int nonblocking = socket_nonblocking(file, 0), status;
    socket_begin_big_lock_use(socket);
    if (socket->type == SOCK_STREAM) {
        status = socket_stream_receive_buffer(socket, user_buffer, size, 0, nonblocking);
    } else {
        struct user_vector data;
        user_vector_single(&data, user_buffer, size);
        status = socket->type == SOCK_DGRAM ? socket_datagram_receive(socket, &data, 0, nonblocking, 0, 0, 0)
                                            : socket_seqpacket_receive(socket, &data, 0, nonblocking, 0, 0, 0);
    }
    socket_end_big_lock_use(socket);
    return status;
}

static int socket_file_write(struct file *file, const void *user_buffer, uint32_t size)
{
    struct socket *socket = file->object;
    if (!socket)
        return -EBADF;            /* an accept() still waiting */
    int nonblocking = socket_nonblocking(file, 0), status;
    socket_begin_big_lock_use(socket);
    if (socket->type == SOCK_STREAM) {
        status = socket_stream_send_buffer(socket, user_buffer, size, 0, nonblocking);
    } else {
        struct user_vector data;
        user_vector_single(&data, (void *)user_buffer, size);
        status = socket->type == SOCK_DGRAM ? socket_datagram_send(socket, &data, 0, nonblocking, 0)
                                            : socket_seqpacket_send(socket, &data, nonblocking, 0);
    }
    socket_end_big_lock_use(socket);
    return status;
}

/* fstat: a socket, with no size. */
static int socket_file_stat(struct file *file, struct stat *st)
{
    struct socket *socket = file->object;
    st->st_mode = S_IFSOCK | 0777;
    st->st_ino = socket ? socket->id : 0;   /* as /proc/PID/fd's "socket:[N]" */
    st->st_blksize = SOCKET_STREAM_BUFFER;
    return 0;
}

static struct inode *socket_fd_name(struct file *file, char *buffer, unsigned size)
{
    struct socket *socket = file->object;
    ksnprintf(buffer, size, "socket:[%u]", socket ? socket->id : 0);
    return 0;
}

/* The last descriptor is gone. (An accept() still waiting has a file with
 * no socket yet: nothing to close.) */
static void socket_file_release(struct file *file)
{
    if (file->object)
        socket_close(file->object, 0);
}

/* A descriptor of it was closed: the collector looks for sockets only
 * their own messages still hold (socket_gc.c). */
static void socket_file_closed(void)
{
    socket_gc_run();
}

/* ioctl(FIONREAD) (SIOCINQ), as Linux's unix_ioctl: a stream's unread
 * bytes, a seqpacket socket's bytes of every message queued, a datagram
 * socket's next datagram's length (0 with none);
 * -EINVAL on a listening socket. The interface requests (SIOCGIFFLAGS,
 * ...) are the network's, as on Linux: -ENOTTY without one, and for any
 * other request. Context: kernel lock held; never sleeps but in a copy. */
static int socket_file_ioctl(struct file *file, uint32_t request, uint32_t argument)
{
    if (request != FIONREAD)
        return net_interface_ioctl(request, argument, 0);   /* SIOCGIFFLAGS, ...: the network's */
    struct socket *socket = file->object;
    if (socket->state == SOCKET_LISTENING)
        return -EINVAL;
    socket_begin_big_lock_use(socket);
    int unread = 0;
    if (socket->type == SOCK_STREAM)
        unread = (int)socket->received.count;
    else if (socket->type == SOCK_SEQPACKET)
        unread = (int)socket->datagram_bytes;
    else if (!list_empty(&socket->datagrams))
        unread = (int)list_entry(list_first(&socket->datagrams), struct datagram, link)->length;
    socket_end_big_lock_use(socket);
    return copy_to_user((void *)argument, &unread, sizeof unread) < 0 ? -EFAULT : 0;
}

static const struct socket_family_operations unix_family = {
    .bind = socket_unix_bind,
    .listen = socket_unix_listen,
    .accept = socket_unix_accept,
    .connect = socket_unix_connect,
    .getsockname = socket_unix_getsockname,
    .getpeername = socket_unix_getpeername,
    .sendto = socket_unix_sendto,
    .recvfrom = socket_unix_recvfrom,
    .sendmsg = socket_unix_sendmsg,
    .recvmsg = socket_unix_recvmsg,
    .shutdown = socket_unix_shutdown,
    .setsockopt = socket_unix_setsockopt,
    .getsockopt = socket_unix_getsockopt,
};

static const struct file_operations socket_operations = {
    .read = socket_file_read,
    .write = socket_file_write,
#ifdef SUBSYSTEM_SMP
    .read_without_big_lock = socket_read_without_big_lock,     /* several CPUs: a connected stream's */
    .write_without_big_lock = socket_write_without_big_lock,
#endif
    .ioctl = socket_file_ioctl,
    .stat = socket_file_stat,
    .fd_name = socket_fd_name,
    .poll = socket_poll,
    .release = socket_file_release,
    .closed = socket_file_closed,
    .socket = &unix_family,
};

struct file *socket_file_create(struct socket *socket, uint32_t flags)
{
    struct file *file = file_create(&socket_operations, socket, flags);
    if (file && socket)
        socket->file = file;
    return file;
}

struct socket *socket_of_unix_file(const struct file *file)
{
    return file->operations == &socket_operations ? file->object : 0;
}

int socket_wait_untimed(struct socket *owner, struct wait_queue *queue, int nonblocking, const char *reason)
{
    if (nonblocking)
        return -EAGAIN;
    wait_queue_say_object(owner, socket_describe);   /* for ps */
    if (wait_queue_sleep(queue, reason, 0, WAIT_INTERRUPTIBLE) == WAKE_INTERRUPTED)
        return -ERESTARTSYS;          /* EINTR, or a restart under SA_RESTART */
    return 0;
}

int socket_wait_timed(struct socket *owner, struct wait_queue *queue, int nonblocking, uint64_t timeout_ns,
                      uint64_t *deadline, const char *reason)
{
    if (nonblocking)
        return -EAGAIN;
    if (!*deadline)
        *deadline = clock_now_ns() + timeout_ns;      /* the call's first wait */
    if (clock_now_ns() >= *deadline)
        return -EAGAIN;
    wait_queue_say_object(owner, socket_describe);   /* for ps */
    int woken = wait_queue_sleep(queue, reason, *deadline, WAIT_INTERRUPTIBLE);
    if (woken == WAKE_TIMEOUT)
        return -EAGAIN;
    if (woken == WAKE_INTERRUPTED)
        return -EINTR;                /* never restarted: Linux restarts only a wait with no timeout */
    return 0;
}

/* socket(2)'s domain, type and protocol: the base type in *kind. */
static int check_kind(int domain, int type, int protocol, int *kind)
{
    if (domain != AF_UNIX)
        return -EAFNOSUPPORT;
    if (type & ~(SOCKET_TYPE_MASK | SOCK_NONBLOCK | SOCK_CLOEXEC) || (type & SOCKET_TYPE_MASK) >= SOCKET_TYPE_LIMIT)
        return -EINVAL;
    if (protocol != 0 && protocol != PF_UNIX)
        return -EPROTONOSUPPORT;
    *kind = type & SOCKET_TYPE_MASK;
    if (*kind == SOCK_RAW)
        *kind = SOCK_DGRAM;           /* Linux's unix_create: a local "raw" socket is a datagram one */
    return *kind == SOCK_STREAM || *kind == SOCK_DGRAM || *kind == SOCK_SEQPACKET ? 0 : -ESOCKTNOSUPPORT;
}

/* Gives `socket` (and its reference) a descriptor with socket(2)'s type
 * flags. On failure the socket is closed. */
static int install(struct socket *socket, int type)
{
    struct file *file = socket_file_create(socket, O_RDWR | ((type & SOCK_NONBLOCK) ? O_NONBLOCK : 0));
    if (!file) {
        socket_close(socket, 0);
        return -ENOMEM;
    }
    return descriptor_install_new(file, type & SOCK_CLOEXEC);
}

int sys_socket(int domain, int type, int protocol)
{
    if (domain == AF_INET)
        return inet_socket_open(type, protocol);
    int kind;
    int status = check_kind(domain, type, protocol, &kind);
    if (status < 0)
        return status;
    struct socket *socket = socket_create(kind);
    return socket ? install(socket, type) : -ENOMEM;
}

int sys_socketpair(int domain, int type, int protocol, int *user_descriptors)
{
    if (domain == AF_INET)
        return -EOPNOTSUPP;           /* as Linux: a pair is a local thing */
    int kind;
    int status = check_kind(domain, type, protocol, &kind);
    if (status < 0)
        return status;
    struct socket *first = socket_create(kind), *second = socket_create(kind);
    if (first && second) {
        if (socket_type_connects(kind)) {
            status = socket_stream_join(first, second);   /* a stream, or seqpacket, connection */
        } else {                      /* each the other's default peer */
            socket_lock_connection(first, second);   /* several CPUs: both ends' lock */
            socket_get(second);
            first->peer = second;
            socket_get(first);
            second->peer = first;
            first->state = second->state = SOCKET_CONNECTED;
        }
        socket_ancillary_connecting_credentials(&first->peer_credentials);   /* SO_PEERCRED: us */
        second->peer_credentials = first->peer_credentials;
        first->has_peer_credentials = second->has_peer_credentials = 1;
    }
    if (!first || !second || status < 0) {
        if (first)
            socket_close(first, 0);
        if (second)
            socket_close(second, 0);
        return status < 0 ? status : -ENOMEM;
    }
    struct process *process = current_task->process;
    int descriptors[2];
    descriptors[0] = install(first, type);
    if (descriptors[0] < 0) {
        socket_close(second, 0);
        return descriptors[0];
    }
    struct file *first_file = process->files[descriptors[0]];
    descriptors[1] = install(second, type);
    if (descriptors[1] < 0) {
        descriptor_uninstall(process, descriptors[0], first_file);
        return descriptors[1];
    }
    struct file *second_file = process->files[descriptors[1]];
    if (copy_to_user(user_descriptors, descriptors, sizeof descriptors) < 0) {
        descriptor_uninstall(process, descriptors[0], first_file);   /* (the copy may have slept) */
        descriptor_uninstall(process, descriptors[1], second_file);
        return -EFAULT;
    }
    return 0;
}

int socket_unix_shutdown(struct file *file, int how)
{
    int status;
    struct socket *socket = socket_of_file(file, &status);
    if (!socket)
        return status;
    if (how < SHUT_RD || how > SHUT_RDWR)
        return -EINVAL;
    unsigned halves = (unsigned)how + 1;   /* SHUT_RD -> RECEIVE, SHUT_WR -> SEND, SHUT_RDWR -> both */
    socket->shutdown |= halves;
    wait_queue_wake_all(&socket->readable);
    wait_queue_wake_all(&socket->writable);
    struct socket *peer = socket->peer;
    if (socket_type_connects(socket->type) && peer) {
        if (halves & SHUTDOWN_SEND)
            peer->shutdown |= SHUTDOWN_RECEIVE;   /* its reads end after what is queued */
        if (halves & SHUTDOWN_RECEIVE)
            peer->shutdown |= SHUTDOWN_SEND;      /* its writes fail with EPIPE */
        wait_queue_wake_all(&peer->readable);
        wait_queue_wake_all(&peer->writable);
    }
    return 0;
}


/* kernel/ipc/socket_stream.c - stream sockets: listening, connecting,
 * accepting, and the two byte streams of a connection.
 *
 *   client                      listener (bound, listening)
 *   connect() --creates--> server side S, joined to the client at once;
 *                          S waits on the listener's pending list
 *                          accept() takes S and gives it a descriptor
 *
 *   A connection is two pipes back to back: each socket owns a ring of
 *   the bytes coming TO it. write() puts bytes into the peer's ring and
 *   waits on the peer's `writable` while it is full; read() takes from its
 *   own ring and waits on its own `readable` while it is empty.
 *
 *      socket A  [ring A] <------ B writes      A writes ------> [ring B]  socket B
 *
 * A seqpacket socket (socket_seqpacket.c) connects, listens and accepts
 * here too; its connection carries datagrams instead of rings.
 *
 * The rules (Linux's), and where they live:
 *  - listen() needs a bound stream socket; backlog is cut to
 *    SOCKET_BACKLOG_MAX. A listener is full when more than `backlog`
 *    connections wait: connect() then waits (EAGAIN if non-blocking).
 *    connect() to a path with no listener is ECONNREFUSED.            -> socket_stream_connect
 *  - A connection is made when connect() returns, before accept():
 *    the client may write at once.                                   -> socket_stream_connect
 *  - accept() waits for a connection (EAGAIN if non-blocking) and may
 *    give the client's address; on a socket not listening EINVAL.     -> socket_unix_accept
 *  - reading and writing the bytes: socket_stream_transfer.c.
 *  - Closing with bytes unread, or a listener closing on connections
 *    never accepted, resets the peer: ECONNRESET, then end of file.    -> socket_stream_close
 *
 * All of it runs with interrupts off and under the kernel lock where a
 * task may sleep; a sleeper holds a reference to the socket it sleeps on. */
#include "socket_internal.h"

#include "fs/file.h"
#include "ipc/signal.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "proc/process.h"
#include "proc/thread.h"
#include "sched/scheduler.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

int socket_stream_join(struct socket *first, struct socket *second)
{
    if (first->type == SOCK_STREAM &&         /* (a seqpacket connection queues datagrams instead) */
        (byte_ring_create(&first->received, SOCKET_STREAM_BUFFER) < 0 ||
         byte_ring_create(&second->received, SOCKET_STREAM_BUFFER) < 0)) {
        byte_ring_destroy(&first->received);
        byte_ring_destroy(&second->received);
        return -ENOMEM;
    }
    socket_lock_connection(first, second);   /* several CPUs: both ends' lock */
    socket_get(second);
    first->peer = second;
    socket_get(first);
    second->peer = first;
    first->state = second->state = SOCKET_CONNECTED;
    socket_peer_changed(first);       /* connect(): an epoll set may watch it already */
    return 0;
}

int socket_unix_listen(struct file *file, int backlog)
{
    int status;
    struct socket *socket = socket_of_file(file, &status);
    if (!socket)
        return status;
    if (!socket_type_connects(socket->type))
        return -EOPNOTSUPP;
    if (!socket->address.length || socket->state == SOCKET_CONNECTED)
        return -EINVAL;               /* unbound, or a connection */
    if ((unsigned)backlog > SOCKET_BACKLOG_MAX)
        backlog = SOCKET_BACKLOG_MAX; /* a negative one too, as Linux */
    socket->backlog = (unsigned)backlog;
    socket->state = SOCKET_LISTENING;
    socket_ancillary_connecting_credentials(&socket->listener_credentials);   /* its clients' SO_PEERCRED */
    wait_queue_wake_all(&socket->writable);   /* a bigger backlog may let connect()s in */
    return 0;
}

int socket_stream_connect(struct socket *socket, const struct unix_name *path, int nonblocking)
{
    struct socket *listener;
    int status;
    uint64_t deadline = 0;            /* SO_SNDTIMEO's end, from the first wait (Linux's) */
    for (;;) {                        /* the listener is looked up again after each wait */
        if (socket->state != SOCKET_UNCONNECTED) {
            status = socket->state == SOCKET_CONNECTED ? -EISCONN : -EINVAL;
            goto out;
        }
        if ((status = socket_find_bound(path, socket->type, &listener)) < 0)
            goto out;
        if (socket->state != SOCKET_UNCONNECTED)
            continue;                 /* another sharer's connect went first while the lookup
                                       * waited for the file-system lock: EISCONN above */
        if (listener->state != SOCKET_LISTENING || (listener->shutdown & SHUTDOWN_RECEIVE)) {
            status = -ECONNREFUSED;
            goto out;
        }
        if (listener->pending_count <= listener->backlog)
            break;
        socket_get(listener);
        status = socket_wait(listener, &listener->writable, nonblocking, socket->send_timeout_ns, &deadline,
                             "connect: backlog");
        socket_put(listener);
        if (status < 0)
            goto out;
    }
    struct socket *server_side = socket_create(socket->type);
    if (!server_side) {
        status = -ENOMEM;
        goto out;
    }
    if ((status = socket_stream_join(socket, server_side)) < 0) {
        socket_put(server_side);
        goto out;
    }
    server_side->address = listener->address;
    socket->peer_credentials = listener->listener_credentials;   /* SO_PEERCRED, as Linux: */
    socket_ancillary_connecting_credentials(&server_side->peer_credentials);   /* fixed at connect */
    socket->has_peer_credentials = server_side->has_peer_credentials = 1;
    /* server_side's first reference now belongs to the pending list */
    list_push_back(&listener->pending, &server_side->pending_link);
    listener->pending_count++;
    wait_queue_wake_all(&listener->readable);
out:
    return status;
}

/* Takes the oldest connection off the listener's pending list. */
static struct socket *take_pending(struct socket *listener)
{
    struct socket *connection = list_entry(list_pop_front(&listener->pending), struct socket, pending_link);
    listener->pending_count--;
    return connection;
}

/* accept's work, once the listener's file is held. */
static int accept_holding(struct socket *listener, struct file *file, void *user_address, socklen_t *user_length,
                          int flags)
{
    int status;
    if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC))
        return -EINVAL;
    if (!socket_type_connects(listener->type))
        return -EOPNOTSUPP;
    if (listener->state != SOCKET_LISTENING)
        return -EINVAL;
    uint64_t deadline = 0;            /* SO_RCVTIMEO's end, from the first wait */
    /* The file first, and EMFILE before any waiting; but the descriptor
     * only once a connection is there: installed before the wait, it
     * could be closed (and its number given to another file) by another
     * thread meanwhile. The file holds no socket until one is taken. */
    struct file *accepted = socket_file_create(0, O_RDWR | ((flags & SOCK_NONBLOCK) ? O_NONBLOCK : 0));
    if (!accepted)
        return -ENOMEM;
    struct process *process = current_task->process;
    int accepted_fd = descriptor_room(process) ? 0 : -EMFILE;
    while (accepted_fd == 0 && list_empty(&listener->pending)) {
        status = listener->shutdown & SHUTDOWN_RECEIVE ? -EINVAL
               : socket_wait(listener, &listener->readable, socket_nonblocking(file, 0), listener->receive_timeout_ns,
                             &deadline, "accept");
        if (status < 0)
            accepted_fd = status;
    }
    if (accepted_fd == 0)
        accepted_fd = descriptor_install(process, accepted);   /* EMFILE if the others took the room */
    if (accepted_fd < 0) {
        file_put(accepted);
        return accepted_fd;                      /* a connection stays for the next accept */
    }
    struct socket *connection = list_entry(list_first(&listener->pending), struct socket, pending_link);
    /* the client's name; a failure leaves the connection for the next accept */
    if (user_address && (status = socket_write_address(connection->peer ? &connection->peer->address : 0,
                                                       1, user_address, user_length)) < 0)
        goto fail;
    take_pending(listener);
    wait_queue_wake_all(&listener->writable);   /* room for a waiting connect() */
    socket_begin_big_lock_use(connection);       /* its client may be writing to it meanwhile */
    accepted->object = connection;               /* the pending list's reference passes to the file */
    connection->file = accepted;
    socket_peer_changed(connection);             /* (a file watched while it had no socket) */
    socket_end_big_lock_use(connection);
    if (flags & SOCK_CLOEXEC)
        descriptor_set_close_on_exec(process, accepted_fd, 1);
    return accepted_fd;
fail:
    descriptor_set(process, accepted_fd, 0);
    file_put(accepted);
    return status;
}

int socket_unix_accept(struct file *file, void *user_address, socklen_t *user_length, int flags)
{
    int status;
    struct socket *listener = socket_of_file(file, &status);
    if (!listener)
        return status;
    status = accept_holding(listener, file, user_address, user_length, flags);
    return status;
}

void socket_stream_close(struct socket *socket, int refused)
{
    while (!list_empty(&socket->pending))   /* a listener: refuse what was never accepted */
        socket_close(take_pending(socket), 1);
    struct socket *peer = socket->peer;
    if (peer) {
        peer->shutdown = SHUTDOWN_RECEIVE | SHUTDOWN_SEND;
        if (refused || socket->received.count || socket->datagram_count)
            peer->pending_error = ECONNRESET;   /* Linux: data (or a message) was lost */
        wait_queue_wake_all(&peer->readable);
        wait_queue_wake_all(&peer->writable);
        socket->peer = 0;             /* the peer keeps its pointer to us: getpeername still works */
        socket_put(peer);
    }
    byte_ring_destroy(&socket->received);
    socket_stream_drop_marks(socket);
}

/* kernel/net/tcp_transfer.c - the socket calls that move a connection's
 * bytes: send, receive, shutdown, and poll.
 *
 *   send(): user bytes --copy--> send ring --tcp_output--> segments
 *   segments --tcp_input.c--> receive ring --copy--> user: receive()
 *
 * The rules, Linux's, and where they live:
 *  - send() copies as much as the send ring takes, hands it to
 *    tcp_output (which sends what the window allows) and waits for room
 *    for the rest (SO_SNDTIMEO; non-blocking: what was taken, or EAGAIN).
 *    While the handshake runs it waits for it. After our SHUT_WR or
 *    close, or once the connection ended, it is EPIPE (the caller raises
 *    SIGPIPE); after a reset, ECONNRESET once, then EPIPE. Before
 *    connect: ENOTCONN.                                 -> tcp_send
 *  - receive() returns what is in the receive ring, up to the size asked
 *    (MSG_WAITALL: waits for all of it; MSG_PEEK: leaves it there); with
 *    nothing there it waits (SO_RCVTIMEO, MSG_DONTWAIT), or returns 0
 *    after the peer's FIN or our SHUT_RD. After a reset: ECONNRESET
 *    once, then 0. Before connect, and on a listener: ENOTCONN.
 *    A read that opens the window enough tells the peer.  -> tcp_receive_bytes
 *  - shutdown(SHUT_WR) sends a FIN after the queued bytes; the peer reads
 *    end of file, and we may still read.                -> tcp_shutdown
 *  - poll: POLLIN with bytes, end of file or a connection to accept;
 *    POLLOUT with room in the send ring once connected; POLLHUP once the
 *    connection is over (POLLERR, the pending error, is the caller's);
 *    POLLPRI from an urgent byte's coming until recv(MSG_OOB) or a read
 *    past it takes it.
 *  - MSG_OOB, the urgent mark where a read stops, and SIGURG are
 *    tcp_urgent.c's; a send and a receive call it.
 *                                                       -> tcp_poll */
#include "tcp_internal.h"

#include "fs/poll_table.h"
#include "ipc/signal.h"
#include "sched/task.h"
#include "uapi/poll.h"

/* Whether `connection` may take more bytes to send: 0 yes, 1 not yet
 * (the handshake runs), or -errno. */
static int tcp_send_allowed(struct inet_socket *socket, const struct tcp_connection *connection)
{
    if (socket->pending_error)
        return -inet_socket_take_error(socket);
    if (socket->shutdown & INET_SHUTDOWN_SEND)
        return -EPIPE;
    switch (connection->state) {
    case TCP_ESTABLISHED: case TCP_CLOSE_WAIT:
        return 0;
    case TCP_SYN_SENT: case TCP_SYN_RECEIVED:
        return 1;
    case TCP_CLOSED: case TCP_LISTEN:
        return connection->opened && connection->state == TCP_CLOSED ? -EPIPE : -ENOTCONN;
    default:
        return -EPIPE;                         /* our FIN is queued or out */
    }
}

int tcp_send(struct inet_socket *socket, const void *user_buffer, uint32_t size, int flags, int nonblocking,
             const struct inet_endpoint *to)
{
    (void)to;                                  /* a connection has its peer: sendto's address is ignored */
    struct tcp_connection *connection = socket->protocol_state;
    const uint8_t *source = user_buffer;
    uint32_t copied = 0;
    uint64_t deadline = 0;
    int deadline_set = 0;
    for (;;) {
        int allowed = tcp_send_allowed(socket, connection);
        if (allowed < 0)
            return copied ? (int)copied : allowed;
        if (allowed == 0 && !connection->send_buffer.bytes &&
            byte_ring_create(&connection->send_buffer, TCP_RING_SIZE) < 0)
            return copied ? (int)copied : -ENOMEM;
        uint32_t room = allowed == 0 ? byte_ring_room(&connection->send_buffer) : 0;
        if (room) {
            uint32_t chunk = size - copied < room ? size - copied : room;
            if (byte_ring_write_from_user(&connection->send_buffer, source + copied, chunk) < 0)
                return copied ? (int)copied : -EFAULT;
            copied += chunk;
            if (flags & MSG_OOB)
                tcp_urgent_mark(connection);   /* urgent up to here (tcp_urgent.c) */
            tcp_output(connection);
            if (copied == size)
                return (int)copied;
            continue;
        }
        if (!deadline_set) {
            deadline = inet_socket_deadline(socket->send_timeout_ns);
            deadline_set = 1;
        }
        int status = inet_socket_wait(socket, &socket->writable, nonblocking, deadline, "tcp send");
        connection = socket->protocol_state;  /* another thread's connect may have renewed it meanwhile */
        if (status < 0)
            return copied ? (int)copied : status;
    }
}

int tcp_receive_bytes(struct inet_socket *socket, void *user_buffer, uint32_t size, int flags, int nonblocking,
                      struct inet_endpoint *from)
{
    struct tcp_connection *connection = socket->protocol_state;
    if (connection->state == TCP_LISTEN || (connection->state == TCP_CLOSED && !connection->opened))
        return -ENOTCONN;
    *from = connection->remote;
    if (flags & MSG_OOB)
        return tcp_receive_urgent(socket, user_buffer, size, flags);
    if (size == 0)
        return 0;
    int peek = (flags & MSG_PEEK) != 0;
    int wait_all = (flags & MSG_WAITALL) && !peek;
    uint8_t *destination = user_buffer;
    uint32_t copied = 0;
    uint64_t deadline = 0;
    int deadline_set = 0;
    for (;;) {
        uint32_t available = connection->receive_buffer.count;
        uint32_t skip = 0;                     /* 1: the urgent byte, at the mark */
        if (__builtin_expect(connection->urgent != TCP_URGENT_NONE, 0)) {   /* a mark (tcp_urgent.c) */
            if (tcp_urgent_at_mark(connection)) {
                if (copied)
                    return (int)copied;        /* a read stops at the urgent mark */
                if (signal_has_deliverable(current_task))   /* SIGURG's handler reads the byte first */
                    return nonblocking ? -EAGAIN : socket->receive_timeout_ns ? -EINTR : -ERESTARTSYS;
            }
            available = tcp_urgent_readable(connection, socket->urgent_inline, &skip);
            if (skip && !peek) {
                byte_ring_discard(&connection->receive_buffer, skip);
                tcp_urgent_passed(connection);
            }
        }
        if (available) {
            uint32_t chunk = size - copied < available ? size - copied : available;
            if ((peek ? byte_ring_peek_to_user(&connection->receive_buffer, skip, destination + copied, chunk)
                      : byte_ring_read_to_user(&connection->receive_buffer, destination + copied, chunk, 0)) < 0)
                return copied ? (int)copied : -EFAULT;
            copied += chunk;
            if (peek)
                return (int)copied;
            if (__builtin_expect(connection->urgent != TCP_URGENT_NONE, 0))
                tcp_urgent_passed(connection);
            tcp_window_update(connection);
            if (copied == size || !wait_all)
                return (int)copied;
            continue;
        }
        if (socket->pending_error)             /* a reset: data first, then the error, then end of file */
            return copied ? (int)copied : -inet_socket_take_error(socket);
        if (connection->fin_received || (socket->shutdown & INET_SHUTDOWN_RECEIVE) ||
            connection->state == TCP_CLOSED)
            return (int)copied;                /* end of file */
        if (copied && !wait_all)
            return (int)copied;
        if (!deadline_set) {
            deadline = inet_socket_deadline(socket->receive_timeout_ns);
            deadline_set = 1;
        }
        int status = inet_socket_wait(socket, &socket->readable, nonblocking, deadline, "tcp receive");
        connection = socket->protocol_state;  /* another thread's connect may have renewed it meanwhile */
        if (status < 0)
            return copied ? (int)copied : status;
    }
}

int tcp_shutdown(struct inet_socket *socket, unsigned halves)
{
    struct tcp_connection *connection = socket->protocol_state;
    switch (connection->state) {
    case TCP_CLOSED:
        return -ENOTCONN;
    case TCP_SYN_SENT:
        tcp_connection_end(connection, 0);     /* as Linux: shutting a connect in progress drops it */
        return 0;
    case TCP_ESTABLISHED: case TCP_CLOSE_WAIT:
        if (!(halves & INET_SHUTDOWN_SEND))
            return 0;
        tcp_set_state(connection, connection->state == TCP_ESTABLISHED ? TCP_FIN_WAIT_1 : TCP_LAST_ACK);
        connection->fin_wanted = 1;
        tcp_output(connection);
        return 0;
    default:
        return 0;
    }
}

unsigned tcp_poll(struct inet_socket *socket, struct poll_table *table)
{
    const struct tcp_connection *connection = socket->protocol_state;
    if (poll_table_registering(table)) {
        poll_table_watch(table, &socket->readable);
        poll_table_watch(table, &socket->writable);
    }
    unsigned events = 0;
    switch (connection->state) {
    case TCP_LISTEN:
        return connection->ready_count ? POLLIN | POLLRDNORM : 0;
    case TCP_SYN_SENT: case TCP_SYN_RECEIVED:
        return 0;
    case TCP_CLOSED:
        events |= POLLHUP | POLLOUT | POLLWRNORM;          /* a write would not wait: it fails */
        if (connection->opened)
            events |= POLLIN | POLLRDNORM | POLLRDHUP;      /* end of file, or the error */
        break;
    default:
        if (socket->shutdown & INET_SHUTDOWN_SEND || connection->fin_wanted)
            events |= POLLOUT | POLLWRNORM;                 /* a write fails at once */
        else if (!connection->send_buffer.bytes || byte_ring_room(&connection->send_buffer))
            events |= POLLOUT | POLLWRNORM;
        if (connection->fin_received || (socket->shutdown & INET_SHUTDOWN_RECEIVE))
            events |= POLLIN | POLLRDNORM | POLLRDHUP;
        if (connection->fin_received && (socket->shutdown & INET_SHUTDOWN_SEND))
            events |= POLLHUP;
        break;
    }
    uint32_t readable = connection->receive_buffer.count, skip;
    if (__builtin_expect(connection->urgent != TCP_URGENT_NONE, 0)) {
        readable = tcp_urgent_readable(connection, socket->urgent_inline, &skip);   /* not the urgent byte */
        if (connection->urgent == TCP_URGENT_HERE)
            events |= POLLPRI;             /* an urgent byte came (in line too, as Linux says) */
    }
    if (readable)
        events |= POLLIN | POLLRDNORM;
    return events;
}

/* kernel/ipc/socket_poll.c - poll(2) and select(2) of a local socket: what
 * a receive, an accept or a send would do now, without doing it. Linux's
 * answers (net/unix/af_unix.c, unix_poll and unix_dgram_poll):
 *
 *   POLLIN    stream: bytes queued, end of file (the peer shut down or
 *             closed), or, listening, a connection to accept;
 *             seqpacket: the same, with messages for bytes;
 *             datagram: a datagram queued, or receiving shut down
 *   POLLOUT   stream: room in the peer's buffer, or a send that would
 *             fail at once (EPIPE: shut down, the peer gone); an
 *             unconnected stream socket too, as Linux; never listening;
 *             seqpacket: the same, room meaning a message of one byte;
 *             datagram: room at the connected peer, or no peer (sendto)
 *   POLLHUP   both directions shut down (the peer closed); a stream
 *             socket neither connected nor listening
 *   POLLERR   an error waits for the next receive (ECONNRESET)
 *   POLLRDHUP receiving is shut down: the peer shut down writing or
 *             closed, or this socket shut down reading
 *
 * Watched: the socket's `readable` (data, connections, EOF, errors) and
 * its `writable`; and, for POLLOUT, the `writable` of the peer it sends
 * into, which its readers wake as they make room. The peer is held while
 * watched: a datagram socket's connect() may drop it meanwhile. */
#include "socket_internal.h"

#include "fs/file.h"
#include "fs/poll_table.h"
#include "uapi/poll.h"

#define WRITABLE (POLLOUT | POLLWRNORM)
#define READABLE (POLLIN | POLLRDNORM)

static void let_go_of_socket(void *socket)
{
    socket_put(socket);
}

/* Watches the queue that a send into `peer` waits on. */
static void watch_peer(struct socket *peer, struct poll_table *table)
{
    if (!poll_table_registering(table))
        return;
    socket_get(peer);
    poll_table_watch_holding(table, &peer->writable, peer, let_go_of_socket);
}

/* What a stream connection holds to read, and has room for at `peer`:
 * bytes in the rings, or a seqpacket connection's messages. */
static inline int connection_has_data(const struct socket *socket)
{
    return socket->type == SOCK_STREAM ? socket->received.count != 0 : socket->datagram_count != 0;
}

static inline int connection_has_room(const struct socket *peer)
{
    return peer->type == SOCK_STREAM ? socket_stream_room(peer) != 0 : socket_datagram_has_room(peer, 1);
}

/* A stream socket's readiness, or a seqpacket socket's (a connection too). */
static unsigned stream_readiness(struct socket *socket, struct poll_table *table)
{
    unsigned events = 0;
    if (socket->state == SOCKET_LISTENING)
        return socket->pending_count ? READABLE : 0;
    if (socket->state != SOCKET_CONNECTED)
        return WRITABLE | POLLHUP;
    if (connection_has_data(socket) || (socket->shutdown & SHUTDOWN_RECEIVE))
        events |= READABLE;
    struct socket *peer = socket->peer;   /* kept until our own close */
    if (!peer)
        return events | WRITABLE;
    watch_peer(peer, table);
    if ((socket->shutdown & SHUTDOWN_SEND) || peer->closed || (peer->shutdown & SHUTDOWN_RECEIVE) ||
        connection_has_room(peer))
        events |= WRITABLE;
    return events;
}

static unsigned datagram_readiness(struct socket *socket, struct poll_table *table)
{
    unsigned events = 0;
    if (socket->datagram_count || (socket->shutdown & SHUTDOWN_RECEIVE))
        events |= READABLE;
    struct socket *peer = socket->peer;
    if (!peer) {
        events |= WRITABLE;           /* sendto: each target is its own */
    } else {
        /* The peer is counted too: a named socket connected to another
         * has a lock of its own, and its receives without the big lock
         * must keep off while the watch goes onto its queue and its count
         * is read (they would wake the watch half added, or we would read
         * a count from before a receive that saw no watch to wake). */
        socket_begin_big_lock_use(peer);
        watch_peer(peer, table);
        if (peer->closed || (peer->shutdown & SHUTDOWN_RECEIVE) || socket_datagram_has_room(peer, 1))
            events |= WRITABLE;       /* room, or a send that fails at once */
        socket_end_big_lock_use(peer);
    }
    return events;
}

static unsigned readiness(struct socket *socket, struct poll_table *table)
{
    poll_table_watch(table, &socket->readable);
    poll_table_watch(table, &socket->writable);
    unsigned events = socket_type_connects(socket->type) ? stream_readiness(socket, table)
                                                         : datagram_readiness(socket, table);
    if (socket->shutdown & SHUTDOWN_RECEIVE)
        events |= POLLRDHUP;
    if (socket->shutdown == (SHUTDOWN_RECEIVE | SHUTDOWN_SEND))
        events |= POLLHUP;
    if (socket->pending_error)
        events |= POLLERR;
    return events;
}

/* (Counted as a use with the big lock on several CPUs: its watches go in
 * while no read or write without the big lock runs, socket_internal.h;
 * a datagram socket's peer, whose lock may be another, is counted apart,
 * datagram_readiness.) */
unsigned socket_poll(struct file *file, struct poll_table *table)
{
    struct socket *socket = file->object;
    if (!socket)
        return 0;                     /* an accept() still waiting: no socket yet */
    socket_begin_big_lock_use(socket);
    unsigned events = readiness(socket, table);
    socket_end_big_lock_use(socket);
    return events;
}

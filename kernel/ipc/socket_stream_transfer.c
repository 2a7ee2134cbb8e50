/* kernel/ipc/socket_stream_transfer.c - the bytes of a stream connection,
 * and the ancillary data that rides on them.
 *
 *   A connection is two pipes back to back: each socket owns a ring of
 *   the bytes coming TO it. A send puts bytes into the peer's ring and
 *   waits on the peer's `writable` while it is full; a receive takes from
 *   its own ring and waits on its own `readable` while it is empty.
 *
 *      socket A  [ring A] <------ B writes      A writes ------> [ring B]  socket B
 *
 *   A sendmsg with descriptors (or credentials) leaves a mark on the
 *   peer's ring over the bytes it wrote first:
 *
 *      ring B:  h e l l o | f i l e | m o r e
 *                           ^^^^^^^ mark { rights: F }
 *      recvmsg: "hellofile" and F, then stops; the next read gets "more"
 *
 * The rules (Linux's), and where they live:
 *  - A receive returns what is there, up to the size asked (MSG_WAITALL:
 *    all of it); with nothing there it waits, or returns 0 once the
 *    peer has closed or shut down writing. A pending error (ECONNRESET)
 *    is reported once, before end of file. Unconnected: EINVAL.       -> socket_stream_receive
 *  - A receive that reaches bytes carrying descriptors takes them with
 *    its first such byte and stops at the end of those bytes; under
 *    SO_PASSCRED it never joins bytes of two senders.                 -> read_limit
 *  - A send to a peer that closed or shut down reading, or after our
 *    own SHUT_WR, raises SIGPIPE (unless MSG_NOSIGNAL) and fails with
 *    EPIPE; unconnected it is ENOTCONN. A send waits for room until
 *    every byte is in (a signal or O_NONBLOCK ends it early with the
 *    count so far). A send of no bytes sends nothing, its descriptors
 *    neither (as Linux).                                            -> socket_stream_send
 *
 * send() and recv() of plain bytes, the common case, take short paths on
 * one buffer (socket_stream_send_buffer, _receive_buffer): the socketpair
 * round trip of docs/performance.md is theirs. A send is one loop for
 * both (send_bytes, inlined so that send()'s copy has no vector); recv()
 * has its own loop; anything that rides on the bytes takes the general
 * loops on a vector.
 *
 * All of it runs with interrupts off and under the kernel lock where a
 * task may sleep; a sleeper holds a reference to the socket it sleeps on.
 * On several CPUs the usual read and write of plain bytes run under the
 * connection's lock instead (socket_without_big_lock.c), and the calls
 * here count themselves users of the socket meanwhile (socket_internal.h). */
#include "socket_internal.h"

#include "fs/user_vector.h"
#include "ipc/signal.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "proc/thread.h"
#include "uapi/errno.h"

/* Is position `a` before `b` in the stream (positions wrap)? */
static inline int before(uint32_t a, uint32_t b)
{
    return (int32_t)(a - b) < 0;
}

void socket_stream_drop_marks(struct socket *socket)
{
    struct list_node *node;
    if (!socket->marks.head.next)
        return;                       /* never initialized: nothing */
    while ((node = list_pop_front(&socket->marks))) {
        struct stream_mark *mark = list_entry(node, struct stream_mark, link);
        socket->marks_charge -= mark->charge;
        socket_ancillary_release(&mark->ancillary);
        kfree(mark);
    }
}

/* Records that bytes [begin, begin + length) of `peer`'s ring came with
 * `carried` (its rights move into the mark). A run of the same sender's
 * credentials without rights joins the mark before it. `spare` is a mark
 * allocated beforehand; returns it if unused, else NULL. */
static struct stream_mark *add_mark(struct socket *peer, uint32_t begin, uint32_t length,
                                    struct socket_ancillary *carried, struct stream_mark *spare)
{
    if (!carried->rights && !list_empty(&peer->marks)) {
        struct stream_mark *last = list_entry(list_last(&peer->marks), struct stream_mark, link);
        if (last->end == begin && !last->ancillary.rights &&
            socket_ancillary_same_sender(&last->ancillary, carried)) {
            last->end += length;
            return spare;
        }
    }
    spare->begin = begin;
    spare->end = begin + length;
    spare->charge = sizeof *spare;
    if (carried->rights)
        spare->charge += sizeof *carried->rights + carried->rights->count * sizeof(struct file *);
    peer->marks_charge += spare->charge;
    spare->ancillary = *carried;
    socket_ancillary_queued(&spare->ancillary);
    carried->rights = 0;              /* the mark holds them now */
    list_push_back(&peer->marks, &spare->link);
    return 0;
}

/* The loop of every send: puts `size` bytes into the peer's ring as room
 * comes, from `user_buffer`, or when `data` is not NULL from its buffers.
 * `carried` (NULL for plain bytes) is what the bytes carry: when it holds
 * rights or credentials every chunk gets a mark on the peer's ring; the
 * rights move into the first. Always inlined, send() passing constant
 * NULLs: its loop keeps one copy_from_user per piece and no marks (the
 * socketpair round trip of docs/performance.md). */
static inline __attribute__((always_inline)) int send_bytes(struct socket *socket, const uint8_t *user_buffer,
                                                            const struct user_vector *data, uint32_t size,
                                                            int flags, int nonblocking,
                                                            struct socket_ancillary *carried)
{
    uint32_t written = 0;
    int status = 0;
    uint64_t deadline = 0;            /* SO_SNDTIMEO's end, from the first wait */
    int marking = carried && (carried->rights || carried->has_credentials);
    for (;;) {
        struct socket *peer = socket->peer;
        if ((socket->shutdown & SHUTDOWN_SEND) || peer->closed || (peer->shutdown & SHUTDOWN_RECEIVE)) {
            if (!written && !(flags & MSG_NOSIGNAL))
                signal_send_thread(current_thread(), SIGPIPE);   /* and EPIPE, if it survives */
            status = -EPIPE;
            break;
        }
        if (written == size)
            break;
        uint32_t room = socket_stream_room(peer);
        if (room == 0) {
            if ((status = socket_wait(peer, &peer->writable, nonblocking, socket->send_timeout_ns, &deadline,
                                      "socket send")) < 0)
                break;
            continue;
        }
        if (carried && !carried->has_credentials && (socket->pass_credentials || peer->pass_credentials)) {
            carried->has_credentials = 1;   /* Linux's maybe_add_creds, checked at each chunk */
            socket_ancillary_own_credentials(&carried->credentials);
            marking = 1;
        }
        struct stream_mark *mark = 0;
        if (marking && !(mark = kmalloc(sizeof *mark))) {
            status = -ENOMEM;
            break;
        }
        uint32_t chunk = size - written < room ? size - written : room;
        uint32_t begin = peer->stream_taken + peer->received.count;
        if ((status = data ? byte_ring_write_from_vector(&peer->received, data, written, chunk)
                           : byte_ring_write_from_user(&peer->received, user_buffer + written, chunk)) < 0) {
            kfree(mark);
            break;
        }
        if (mark)
            kfree(add_mark(peer, begin, chunk, carried, mark));
        written += chunk;
        wait_queue_wake_all(&peer->readable);
    }
    return written ? (int)written : status;
}

/* A send from a vector of buffers, with what `ancillary` (NULL: nothing)
 * carries; its rights are NULL after, once the first bytes took them. */
static int send_vector(struct socket *socket, const struct user_vector *data, int flags, int nonblocking,
                       struct socket_ancillary *ancillary)
{
    struct socket_ancillary carried = { 0 };
    if (ancillary)
        carried = *ancillary;
    int status = send_bytes(socket, 0, data, data->total, flags, nonblocking, &carried);
    if (ancillary)
        ancillary->rights = carried.rights;   /* NULL once the first bytes took them */
    return status;
}

int socket_stream_send(struct socket *socket, const struct user_vector *data, int flags, int nonblocking,
                       struct socket_ancillary *ancillary)
{
    if (socket->state != SOCKET_CONNECTED)
        return -ENOTCONN;
    return send_vector(socket, data, flags, nonblocking, ancillary);
}

int socket_stream_send_buffer(struct socket *socket, const void *user_buffer, uint32_t size, int flags,
                              int nonblocking)
{
    if (socket->state != SOCKET_CONNECTED)
        return -ENOTCONN;
    if (socket->pass_credentials || socket->peer->pass_credentials) {
        struct user_vector data;     /* every chunk gets the sender's credentials */
        user_vector_single(&data, (void *)user_buffer, size);
        return send_vector(socket, &data, flags, nonblocking, 0);
    }
    return send_bytes(socket, user_buffer, 0, size, flags, nonblocking, 0);
}

/* Frees the marks of bytes wholly read: their memory counts against the
 * ring's room (socket_stream_room) until then. */
static void drop_read_marks(struct socket *socket)
{
    while (!list_empty(&socket->marks)) {
        struct stream_mark *mark = list_entry(list_first(&socket->marks), struct stream_mark, link);
        if (before(socket->stream_taken, mark->end))
            return;
        list_remove(&mark->link);
        socket->marks_charge -= mark->charge;
        socket_ancillary_release(&mark->ancillary);
        kfree(mark);
    }
}

/* What one receive may take next from position `position`, at most
 * `available` bytes: cut at the end of a mark with rights (*stop) and,
 * under SO_PASSCRED, where the sender differs from *first (noted at the
 * first byte). Drops the marks of bytes already read; sets *mark_reached
 * to a mark with rights whose first byte this chunk takes. */
static uint32_t read_limit(struct socket *socket, uint32_t position, uint32_t available, int pass_credentials,
                           struct socket_ancillary *first, int *have_first, int *stop,
                           struct stream_mark **mark_reached)
{
    struct stream_mark *mark;
    for (;;) {                        /* marks wholly read are done with */
        if (list_empty(&socket->marks))
            return available;
        mark = list_entry(list_first(&socket->marks), struct stream_mark, link);
        if (before(position, mark->end))
            break;
        list_remove(&mark->link);
        socket->marks_charge -= mark->charge;
        socket_ancillary_release(&mark->ancillary);
        kfree(mark);
    }
    int inside = !before(position, mark->begin);
    static const struct socket_ancillary nobody;
    const struct socket_ancillary *sender = inside ? &mark->ancillary : &nobody;
    if (pass_credentials) {
        if (*have_first && !socket_ancillary_same_sender(first, sender)) {
            *stop = 1;                /* another sender: not in this read */
            return 0;
        }
        if (!*have_first) {
            first->has_credentials = sender->has_credentials;
            first->credentials = sender->credentials;
            *have_first = 1;
        }
    }
    uint32_t limit = inside ? mark->end - position : mark->begin - position;
    if (inside && mark->ancillary.rights) {
        *mark_reached = mark;
        *stop = 1;                    /* Linux: a read ends with the bytes that brought descriptors */
    }
    return limit < available ? limit : available;
}

/* A receive found the ring empty, having copied `copied` bytes: waits for
 * more and returns 1, or returns 0 to end the receive, with *status the
 * pending error (ECONNRESET, reported once and before end of file, so
 * only when nothing was copied: POSIX's order is data, then the error,
 * then end of file), as it was at end of file (shut down for receiving),
 * or the wait's error (a signal, O_NONBLOCK's EAGAIN). Inline: on the
 * path of every receive that waits. */
static inline __attribute__((always_inline)) int receive_waited(struct socket *socket, uint32_t copied,
                                                                int nonblocking, uint64_t *deadline, int *status)
{
    if (socket->pending_error) {
        *status = copied ? 0 : socket_take_pending_error(socket);
        return 0;
    }
    if (socket->shutdown & SHUTDOWN_RECEIVE)
        return 0;                     /* end of file */
    return (*status = socket_wait(socket, &socket->readable, nonblocking, socket->receive_timeout_ns, deadline,
                                  "socket receive")) >= 0;
}

/* A receive into a vector of buffers; with marks on the ring, or under
 * SO_PASSCRED, cut where read_limit says, delivering what the bytes
 * carried. */
static int receive_vector(struct socket *socket, const struct user_vector *data, int flags, int nonblocking,
                          struct socket_control *control)
{
    uint32_t size = data->total, copied = 0;
    int status = 0, peek = (flags & MSG_PEEK) != 0, stop = 0;
    uint64_t deadline = 0;            /* SO_RCVTIMEO's end, from the first wait */
    int pass_credentials = socket->pass_credentials;
    struct socket_ancillary first = { 0 }, delivered = { 0 };
    int have_first = 0;
    while (copied < size && !stop) {
        struct byte_ring *ring = &socket->received;
        if (ring->count > 0) {
            uint32_t chunk = size - copied < ring->count ? size - copied : ring->count;
            struct stream_mark *reached = 0;
            if (!list_empty(&socket->marks) || pass_credentials)
                chunk = read_limit(socket, socket->stream_taken, chunk, pass_credentials, &first, &have_first,
                                   &stop, &reached);
            if (chunk == 0)
                break;
            if ((status = byte_ring_read_to_vector(ring, data, copied, chunk, peek)) < 0)
                break;
            if (reached) {
                delivered.rights = reached->ancillary.rights;
                if (!peek)
                    reached->ancillary.rights = 0;   /* taken: the mark stays for its credentials */
            }
            copied += chunk;
            if (!peek) {
                socket->stream_taken += chunk;
                drop_read_marks(socket);   /* (a reached one gave its rights away above) */
                wait_queue_wake_all(&socket->writable);   /* room for the peer's writers */
            }
            if (peek)
                break;                /* a peek looks once */
            continue;
        }
        if (copied && !(flags & MSG_WAITALL))
            break;
        if (!receive_waited(socket, copied, nonblocking, &deadline, &status))
            break;
    }
    if (copied && (delivered.rights || (pass_credentials && control))) {
        struct socket_control none = { 0 };
        delivered.has_credentials = first.has_credentials;
        delivered.credentials = first.credentials;
        int delivery = socket_ancillary_deliver(control ? control : &none, &delivered, pass_credentials, peek);
        if (delivery < 0)
            return delivery;
    }
    return copied ? (int)copied : status;
}

int socket_stream_receive(struct socket *socket, const struct user_vector *data, int flags, int nonblocking,
                          struct socket_control *control)
{
    if (socket->state != SOCKET_CONNECTED)
        return -EINVAL;               /* Linux: a stream socket not connected */
    return receive_vector(socket, data, flags, nonblocking, control);
}

int socket_stream_receive_buffer(struct socket *socket, void *user_buffer, uint32_t size, int flags,
                                 int nonblocking)
{
    if (socket->state != SOCKET_CONNECTED)
        return -EINVAL;
    uint8_t *destination = user_buffer;
    uint32_t copied = 0;
    int status = 0;
    uint64_t deadline = 0;            /* SO_RCVTIMEO's end, from the first wait */
    while (copied < size) {
        if (!list_empty(&socket->marks) || socket->pass_credentials) {
            struct user_vector data;  /* descriptors or credentials ride on the bytes */
            user_vector_single(&data, destination + copied, size - copied);
            status = receive_vector(socket, &data, flags, nonblocking, 0);
            return copied ? (int)copied + (status > 0 ? status : 0) : status;
        }
        struct byte_ring *ring = &socket->received;
        if (ring->count > 0) {
            uint32_t chunk = size - copied < ring->count ? size - copied : ring->count;
            if ((status = byte_ring_read_to_user(ring, destination + copied, chunk, flags & MSG_PEEK)) < 0)
                break;
            copied += chunk;
            if (!(flags & MSG_PEEK)) {
                socket->stream_taken += chunk;
                wait_queue_wake_all(&socket->writable);   /* room for the peer's writers */
            }
            if (!(flags & MSG_WAITALL) || (flags & MSG_PEEK))
                break;
            continue;
        }
        if (!receive_waited(socket, copied, nonblocking, &deadline, &status))
            break;
    }
    return copied ? (int)copied : status;
}

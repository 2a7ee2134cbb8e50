/* kernel/net/tcp_urgent.c - TCP's urgent data, which the socket calls
 * name "out-of-band" (MSG_OOB), as Linux gives it, and BSD before it:
 *
 *   send(fd, "!", 1, MSG_OOB)
 *     the byte joins the stream as any other; every segment that starts
 *     before its end carries URG and the urgent pointer, which points
 *     just past it (BSD's reading of RFC 793, Linux's; RFC 6093), and
 *     Nagle does not hold it back                          -> tcp_urgent_mark
 *
 *   a segment with URG arrives
 *     a new pointer: SIGURG to the socket's owner (F_SETOWN) -> tcp_urgent_input
 *     the byte it points at, once it comes in order, is kept
 *     aside too: recv(MSG_OOB) reads it, poll says POLLPRI
 *     (select: an exception)                              -> tcp_urgent_delivered
 *
 * The byte stays in the receive ring, where it was sent, and a read skips
 * it; the place where it is is the mark. A read that has copied bytes
 * stops at the mark, and sockatmark(3) (SIOCATMARK) says 1 there, so a
 * program knows which bytes came before the urgent one:
 *
 *      next to read            the mark                 rcv_nxt
 *   ... | a b c d e f g h i j | ! | k l m n ...      |
 *         a read takes these   skipped (read by MSG_OOB)
 *
 * With SO_OOBINLINE the byte is read in the stream, as data; the mark is
 * kept all the same, and recv(MSG_OOB) is EINVAL. There is one urgent
 * byte at a time: a newer pointer replaces the older, whose byte, if not
 * yet passed, is read as data (Linux's rule). Once a read has passed the
 * mark the urgent byte is gone: recv(MSG_OOB) is EINVAL.
 *
 * Context for all: kernel lock held (a socket call, or the network task);
 * nothing sleeps. */
#include "tcp_internal.h"

#include "fs/multiplexing_for_core.h"

/* The sender's side: after bytes of a send(MSG_OOB) went into the send
 * ring, the urgent pointer moves past the last of them. */
void tcp_urgent_mark(struct tcp_connection *connection)
{
    connection->snd_up = connection->snd_una + connection->send_buffer.count;
    connection->urgent_to_send = 1;
}

int tcp_urgent_unsent(const struct tcp_connection *connection)
{
    return connection->urgent_to_send && sequence_before(connection->snd_nxt, connection->snd_up);
}

uint32_t tcp_urgent_pointer(struct tcp_connection *connection, uint32_t sequence)
{
    if (!connection->urgent_to_send)
        return 0;
    if (sequence_before_or_equal(connection->snd_up, connection->snd_una)) {
        connection->urgent_to_send = 0;             /* the peer has every urgent byte */
        return 0;
    }
    if (!sequence_before(sequence, connection->snd_up))
        return 0;
    uint32_t pointer = connection->snd_up - sequence;
    return pointer > 0xffff ? 0xffff : pointer;
}

/* The sequence number of the next byte a read takes: the ring holds the
 * bytes from there to rcv_nxt (less the FIN's number, once it came). */
static uint32_t next_to_read(const struct tcp_connection *connection)
{
    return connection->rcv_nxt - (connection->fin_received ? 1 : 0) - connection->receive_buffer.count;
}

/* The receiver's side, Linux's tcp_check_urg: a segment with URG, whose
 * pointer points just past the urgent byte. A pointer to bytes already
 * received, or no newer than the one known, changes nothing. */
void tcp_urgent_input(struct tcp_connection *connection, uint32_t sequence, uint32_t pointer)
{
    if (pointer == 0)
        return;                                     /* no byte before it: nothing urgent */
    uint32_t urgent = sequence + pointer - 1;
    if (sequence_before(urgent, connection->rcv_nxt))
        return;                                     /* a copy of what came already */
    if (connection->urgent != TCP_URGENT_NONE && !sequence_before(connection->urgent_sequence, urgent))
        return;                                     /* the one we know, or an older */
    struct inet_socket *socket = connection->socket;
    /* A reader stopped at the older byte skips it now: the new mark is later. */
    if (connection->urgent != TCP_URGENT_NONE && connection->urgent_sequence == next_to_read(connection) &&
        connection->receive_buffer.count && socket && !socket->urgent_inline)
        byte_ring_discard(&connection->receive_buffer, 1);
    connection->urgent = TCP_URGENT_COMING;
    connection->urgent_sequence = urgent;
    if (socket && !socket->closed && socket->file)
        file_send_urgent_signal(socket->file);
}

/* `length` bytes from `sequence` went into the receive ring: the urgent
 * byte among them is kept aside, and readers and pollers are woken by
 * the caller (POLLPRI). */
void tcp_urgent_delivered(struct tcp_connection *connection, uint32_t sequence, const uint8_t *data,
                          uint32_t length)
{
    if (connection->urgent != TCP_URGENT_COMING)
        return;
    uint32_t offset = connection->urgent_sequence - sequence;
    if (offset < length) {
        connection->urgent_byte = data[offset];
        connection->urgent = TCP_URGENT_HERE;
    }
}

uint32_t tcp_urgent_readable(const struct tcp_connection *connection, int urgent_inline, uint32_t *skip)
{
    uint32_t available = connection->receive_buffer.count;
    *skip = 0;
    if (connection->urgent == TCP_URGENT_NONE || !available)
        return available;
    uint32_t before_mark = connection->urgent_sequence - next_to_read(connection);
    if (before_mark == 0 && !urgent_inline) {
        *skip = 1;                                  /* at the mark: the urgent byte is not data */
        return available - 1;
    }
    return before_mark && before_mark < available ? before_mark : available;
}

uint32_t tcp_urgent_unread(const struct tcp_connection *connection, int urgent_inline)
{
    uint32_t count = connection->receive_buffer.count;
    if (urgent_inline || connection->urgent == TCP_URGENT_NONE)
        return count;
    uint32_t before_mark = connection->urgent_sequence - next_to_read(connection);
    return before_mark < count ? before_mark : count;
}

int tcp_urgent_at_mark(const struct tcp_connection *connection)
{
    return connection->urgent != TCP_URGENT_NONE && connection->urgent_sequence == next_to_read(connection);
}

void tcp_urgent_passed(struct tcp_connection *connection)
{
    if (connection->urgent != TCP_URGENT_NONE && sequence_before(connection->urgent_sequence,
                                                                  next_to_read(connection)))
        connection->urgent = TCP_URGENT_NONE;
}

int tcp_receive_urgent(struct inet_socket *socket, void *user_buffer, uint32_t size, int flags)
{
    struct tcp_connection *connection = socket->protocol_state;
    if (connection->state == TCP_LISTEN)
        return -ENOTCONN;
    if (socket->urgent_inline || connection->urgent == TCP_URGENT_NONE || connection->urgent == TCP_URGENT_TAKEN)
        return -EINVAL;                             /* no urgent byte to read */
    if (connection->urgent == TCP_URGENT_HERE) {
        if (size && copy_to_user(user_buffer, &connection->urgent_byte, 1) < 0)
            return -EFAULT;
        if (!(flags & MSG_PEEK))
            connection->urgent = TCP_URGENT_TAKEN;  /* the mark stays until a read passes it */
        return size ? 1 : 0;                        /* (a buffer of 0 bytes takes it too, as Linux's) */
    }
    if (connection->state == TCP_CLOSED || connection->fin_received || (socket->shutdown & INET_SHUTDOWN_RECEIVE))
        return 0;                                   /* it will never come */
    return -EAGAIN;                                 /* announced, not here yet: never waits, as on Linux */
}

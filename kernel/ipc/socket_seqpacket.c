/* kernel/ipc/socket_seqpacket.c - sequenced-packet sockets (SOCK_SEQPACKET):
 * a stream's connection that carries a datagram socket's messages.
 *
 *   socket(), listen(), connect(), accept(), shutdown(), close():
 *       as a stream socket's (socket_stream.c): one peer for life
 *   send:    one datagram into the peer's queue     (socket_datagram.c)
 *   receive: the oldest datagram of its own queue, whole or cut
 *
 *      socket A  [datagrams A] <---- B sends    A sends ----> [datagrams B]  socket B
 *
 * So a record-oriented protocol (a request, a reply) needs no length
 * prefix and no loop to find where a message ends, and still knows when
 * its peer is gone.
 *
 * The rules (Linux's unix_seqpacket_sendmsg and _recvmsg), and where they
 * live:
 *  - Sending or receiving on a socket not connected is ENOTCONN; an
 *    address given to sendto is ignored.          -> socket_seqpacket_send, _receive
 *  - Each send is one message, an empty one too, of at most
 *    SOCKET_DATAGRAM_MAX bytes (EMSGSIZE); a receive takes one whole, or
 *    its start into a smaller buffer with the rest lost (MSG_TRUNC in
 *    msg_flags; the MSG_TRUNC flag returns the real length).  -> socket_datagram_receive
 *  - A peer full (SOCKET_DATAGRAM_QUEUE messages or SOCKET_DATAGRAM_MAX
 *    bytes) makes the sender wait, EAGAIN if it must not.  -> socket_datagram_send
 *  - A peer that closes with messages unread leaves ECONNRESET, which the
 *    next send or receive reports once (Linux's sock_error). Then a send
 *    fails with EPIPE, without SIGPIPE (Linux's datagram way), and a
 *    receive returns what is queued, then 0.  -> socket_stream_close, here,
 *                                                            socket_datagram_receive
 *
 * All of it runs under the kernel lock where a task may sleep, as the
 * datagram calls it uses; on several CPUs no call of a seqpacket socket
 * goes without the big lock (socket_without_big_lock.c serves streams and
 * datagram sockets only). */
#include "socket_internal.h"

#include "uapi/errno.h"

int socket_seqpacket_send(struct socket *socket, const struct user_vector *data, int nonblocking,
                          struct socket_ancillary *ancillary)
{
    if (socket->pending_error)
        return socket_take_pending_error(socket);   /* first, as Linux's sock_error */
    if (socket->state != SOCKET_CONNECTED)
        return -ENOTCONN;             /* new, bound or listening */
    return socket_datagram_send(socket, data, 0, nonblocking, ancillary);   /* to the peer */
}

int socket_seqpacket_receive(struct socket *socket, const struct user_vector *data, int flags, int nonblocking,
                             void *user_address, socklen_t *user_address_length, struct socket_control *control)
{
    if (socket->state != SOCKET_CONNECTED)
        return -ENOTCONN;
    return socket_datagram_receive(socket, data, flags, nonblocking, user_address, user_address_length, control);
}

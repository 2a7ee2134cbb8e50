/* kernel/ipc/socket_datagram.c - datagram sockets: messages that keep
 * their boundaries, each addressed to a socket by its path or sent to a
 * default peer that connect() chose.
 *
 *   sendto(A, "/tmp/b") --> [ B's datagrams: oldest -> ... -> newest ] --> recvfrom(B)
 *                             each datagram: its bytes and the sender's name
 *                             at most SOCKET_DATAGRAM_QUEUE of them: senders
 *                             wait on B's `writable` while it is full
 *
 * The rules (Linux's), and where they live:
 *  - connect() only sets the default peer (ECONNREFUSED etc. if there is
 *    none at the path; AF_UNSPEC forgets it). A socket connected to a
 *    peer takes datagrams from that peer only: others get EPERM.      -> socket_datagram_connect
 *  - sendto() with an address finds the receiver by path each time;
 *    without one it needs a default peer (ENOTCONN). A datagram longer
 *    than SOCKET_DATAGRAM_MAX is EMSGSIZE. A receiver that closed is
 *    ECONNREFUSED (and stops being the default peer); one that shut
 *    down reading is EPIPE; a full one makes the sender wait (EAGAIN if
 *    non-blocking).                                                 -> socket_datagram_send
 *  - recvfrom() takes the oldest datagram whole: a smaller buffer gets
 *    its first bytes and the rest is lost (MSG_TRUNC returns the real
 *    length). The sender's address is its name then, or length 0. With
 *    nothing queued it waits, or returns 0 after SHUT_RD.             -> socket_datagram_receive
 *  - A seqpacket socket (socket_seqpacket.c) sends and receives here
 *    too, to and from its connection's peer.
 *
 * All of it runs with interrupts off and under the kernel lock where a
 * task may sleep; a sleeper holds a reference to the socket it sleeps on.
 * On several CPUs the usual send and receive run without the big lock
 * (socket_datagram_without_big_lock.c): a call here counts itself in the
 * big_lock_users of its socket and of the one it puts a datagram into,
 * which keeps those off both. */
#include "socket_internal.h"

#include "fs/user_vector.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "sched/scheduler.h"
#include "uapi/errno.h"

/* Forgets the default peer. */
static void drop_peer(struct socket *socket)
{
    if (socket->peer) {
        socket_put(socket->peer);
        socket->peer = 0;
    }
    socket->state = SOCKET_UNCONNECTED;
}

/* Forgets the default peer, and tells the epoll sets watching us. */
static void disconnect(struct socket *socket)
{
    drop_peer(socket);
    socket_peer_changed(socket);
}

int socket_datagram_connect(struct socket *socket, const struct unix_name *path)
{
    if (!path) {
        disconnect(socket);
        return 0;
    }
    struct socket *target;
    int status = socket_find_bound(path, SOCK_DGRAM, &target);
    if (status < 0)
        return status;
    if (target->peer && target->peer != socket)
        return -EPERM;                /* it listens to another socket only */
    socket_get(target);
    drop_peer(socket);
    socket->peer = target;
    socket->state = SOCKET_CONNECTED;
    socket_peer_changed(socket);
    return 0;
}

/* Frees a datagram and what it still carries. */
static void free_datagram(struct datagram *datagram)
{
    if (datagram)
        socket_ancillary_release(&datagram->ancillary);
    kfree(datagram);
}

int socket_datagram_send(struct socket *socket, const struct user_vector *data, const struct unix_name *path,
                         int nonblocking, struct socket_ancillary *ancillary)
{
    uint32_t size = data->total;
    if (size > SOCKET_DATAGRAM_MAX)
        return -EMSGSIZE;
    if (socket->shutdown & SHUTDOWN_SEND)
        return -EPIPE;
    uint64_t deadline = 0;            /* SO_SNDTIMEO's end, from the first wait */
    struct socket *target;
    if (path) {
        int status = socket_find_bound(path, SOCK_DGRAM, &target);
        if (status < 0)
            return status;
    } else if (!(target = socket->peer)) {
        return -ENOTCONN;
    }
    /* copied in before any waiting, so that a sleeping sender holds no user page */
    struct datagram *datagram = kmalloc(sizeof *datagram + size);
    if (!datagram)
        return -ENOMEM;
    if (user_vector_to_kernel(data, 0, datagram->bytes, size) < 0) {
        kfree(datagram);
        return -EFAULT;
    }
    datagram->length = size;
    memset(&datagram->ancillary, 0, sizeof datagram->ancillary);
    datagram->sender = socket->address;

    int status;
    socket_get(target);               /* it must outlive our waits */
    socket_begin_big_lock_use(target);   /* its queue: the calls without the big lock keep off */
    for (;;) {
        if (target->peer && target->peer != socket) {
            status = -EPERM;
            break;
        }
        if (target->closed && socket->type == SOCK_SEQPACKET) {
            status = -EPIPE;          /* the connection's peer closed while we waited */
            break;
        }
        if (target->closed) {
            if (socket->peer == target)
                disconnect(socket);   /* as Linux: refused once, then ENOTCONN */
            status = -ECONNREFUSED;
            break;
        }
        if (target->shutdown & SHUTDOWN_RECEIVE) {
            status = -EPIPE;
            break;
        }
        if (socket_datagram_has_room(target, size)) {
            if (ancillary) {          /* what it carries goes with it now, and only now */
                datagram->ancillary = *ancillary;
                socket_ancillary_queued(&datagram->ancillary);
                ancillary->rights = 0;
            }
            if (!datagram->ancillary.has_credentials && (socket->pass_credentials || target->pass_credentials)) {
                datagram->ancillary.has_credentials = 1;   /* Linux's maybe_add_creds */
                socket_ancillary_own_credentials(&datagram->ancillary.credentials);
            }
            list_push_back(&target->datagrams, &datagram->link);
            target->datagram_count++;
            target->datagram_bytes += size;
            datagram = 0;             /* the receiver's now */
            wait_queue_wake_all(&target->readable);
            status = (int)size;
            break;
        }
        if ((status = socket_wait(target, &target->writable, nonblocking, socket->send_timeout_ns, &deadline,
                                  "sendto: full")) < 0)
            break;
    }
    socket_end_big_lock_use(target);
    socket_put(target);
    free_datagram(datagram);
    return status;
}

int socket_datagram_receive(struct socket *socket, const struct user_vector *data, int flags, int nonblocking,
                            void *user_address, socklen_t *user_address_length, struct socket_control *control)
{
    uint32_t size = data->total;
    int status;
    uint64_t deadline = 0;            /* SO_RCVTIMEO's end, from the first wait */
    while (list_empty(&socket->datagrams)) {
        if (socket->pending_error)    /* seqpacket: its peer closed with messages unread */
            return socket_take_pending_error(socket);   /* after what is queued, before end of file */
        if (socket->shutdown & SHUTDOWN_RECEIVE) {
            status = user_address ? socket_write_address(0, 0, user_address, user_address_length) : 0;
            return status;            /* 0: nothing more will come */
        }
        if ((status = socket_wait(socket, &socket->readable, nonblocking, socket->receive_timeout_ns, &deadline,
                                  "recvfrom: empty")) < 0) {
            return status;
        }
    }
    struct datagram *datagram = list_entry(list_first(&socket->datagrams), struct datagram, link);
    uint32_t copied = size < datagram->length ? size : datagram->length;
    /* a failure here leaves the datagram for the next receive */
    if (user_vector_from_kernel(data, 0, datagram->bytes, copied) < 0) {
        return -EFAULT;
    }
    if (user_address &&
        (status = socket_write_address(&datagram->sender, 0, user_address, user_address_length)) < 0) {
        return status;
    }
    int result = (flags & MSG_TRUNC) ? (int)datagram->length : (int)copied;
    if (control && copied < datagram->length)
        control->message_flags |= MSG_TRUNC;
    if (datagram->ancillary.rights || (socket->pass_credentials && control)) {
        struct socket_control none = { 0 };
        if ((status = socket_ancillary_deliver(control ? control : &none, &datagram->ancillary,
                                               socket->pass_credentials, flags & MSG_PEEK)) < 0)
            return status;
    }
    if (!(flags & MSG_PEEK)) {
        list_remove(&datagram->link);
        socket->datagram_count--;
        socket->datagram_bytes -= datagram->length;
        free_datagram(datagram);
        wait_queue_wake_all(&socket->writable);   /* room for a waiting sender */
    }
    return result;
}

void socket_datagram_close(struct socket *socket)
{
    struct list_node *node;
    while ((node = list_pop_front(&socket->datagrams)))
        free_datagram(list_entry(node, struct datagram, link));
    socket->datagram_count = 0;
    socket->datagram_bytes = 0;
    drop_peer(socket);
}

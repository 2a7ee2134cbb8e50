/* kernel/ipc/socket_datagram_without_big_lock.c - send and receive of an
 * AF_UNIX datagram socketpair on several CPUs without the big kernel
 * lock: under the pair's own lock, one for both ends as a stream
 * connection's (socket_without_big_lock.c, which calls these for read,
 * write, send and recv of a datagram socket), so that two pairs of
 * processes, each with a socketpair of their own, run their system calls
 * at once on two CPUs (docs/smp.md, "A local socket without the big
 * lock").
 *
 * The rules are socket_datagram.c's; this is the same send and receive
 * for the usual case, and every other case takes the big lock and goes
 * that way (TRANSFER_NEEDS_BIG_LOCK: fs/file.h):
 *
 *   usual here                            the big lock's way
 *   ------------------------------------  ---------------------------------------
 *   the two ends of one socketpair, each  any other datagram socket; a pair
 *     the other's peer                      one end of which connect() turned
 *                                           elsewhere or dissolved
 *   no call with the big lock uses        one does, at either end (any socket
 *     either end                            call, a close, a poll)
 *   nobody polls either end               poll, select or epoll watch one
 *   plain bytes                           descriptors or credentials ride on
 *                                           the datagram (sendmsg, SO_PASSCRED)
 *   at most SOCKET_DATAGRAM_MAX bytes     EMSGSIZE
 *   both ends open, neither shut down     ECONNREFUSED, EPIPE, end of file
 *   no signal or other work pending       a signal to take (it ends the wait)
 *   the user pages present                a fault: the copy fails at once, and
 *                                           the big lock's way copies again
 *
 * Only the peer sends into a pair's end: a datagram addressed to it by
 * another socket is EPERM (socket_datagram_send), which the big lock's
 * way answers before it touches the queue. So a datagram queue of a pair
 * is changed by its two ends' calls only, and each of those either holds
 * the pair's lock or, with the big lock, is counted in its socket's
 * big_lock_users, which keeps the calls here off. The collector of
 * descriptors in flight, which walks every queue with the big lock, takes
 * the pair's lock for the walk (socket_gc.c).
 *
 * A datagram is copied in from the heap before the lock is taken (the
 * heap has its own lock, which no socket lock is held around), and freed
 * after it is given back.
 *
 * Context of all: a system call without the big kernel lock, interrupts
 * off, in a process of one thread (fs/file_without_big_lock.c, or the
 * rows of socket_without_big_lock.c, checked), which holds the
 * descriptor: its socket cannot close meanwhile, and the peer is held by
 * its `peer` reference, which only a call counted in big_lock_users
 * drops. */
#include "socket_internal.h"

#include "ipc/socket.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "sched/smp_wait.h"
#include "sched/spinlock.h"
#include "uapi/errno.h"

/* Both ends of the pair `socket` belongs to are each other's peers, open,
 * neither used by a call with the big lock nor watched, and nothing rides
 * on their datagrams: the calls here may go on. The counts first: a call
 * with the big lock counted there may be changing `peer` (connect). A
 * socket's lock is given once, when its pair is made, so the peer's
 * tells whether its count is under this lock. Context: the pair's lock
 * held. */
static inline int pair_is_ours(const struct socket *socket)
{
    if (socket->big_lock_users)
        return 0;
    const struct socket *peer = socket->peer;
    return peer && peer->connection_lock == socket->connection_lock && !peer->big_lock_users &&
           peer->peer == socket && !socket->closed && !peer->closed && !socket->shutdown && !peer->shutdown &&
           !socket->readable.watches && !socket->writable.watches && !peer->readable.watches &&
           !peer->writable.watches && !socket->pass_credentials && !peer->pass_credentials;
}

int socket_datagram_send_without_big_lock(struct socket *socket, const void *user_buffer, uint32_t size,
                                          int nonblocking)
{
    if (!socket->connection_lock || size > SOCKET_DATAGRAM_MAX)
        return TRANSFER_NEEDS_BIG_LOCK;
    struct datagram *datagram = kmalloc(sizeof *datagram + size);
    if (!datagram)
        return TRANSFER_NEEDS_BIG_LOCK;        /* ENOMEM is the big lock's to say */
    if (copy_from_user(datagram->bytes, user_buffer, size) < 0) {
        kfree(datagram);
        return TRANSFER_NEEDS_BIG_LOCK;        /* a fault */
    }
    datagram->length = size;
    memset(&datagram->ancillary, 0, sizeof datagram->ancillary);
    int result = TRANSFER_NEEDS_BIG_LOCK;
    spinlock_take(socket->connection_lock);
    while (pair_is_ours(socket)) {
        struct socket *peer = socket->peer;
        if (peer->datagram_count < SOCKET_DATAGRAM_QUEUE) {
            datagram->sender = socket->address;
            list_push_back(&peer->datagrams, &datagram->link);
            peer->datagram_count++;
            datagram = 0;                          /* the receiver's now */
            wait_queue_wake_all(&peer->readable);
            result = (int)size;
            break;
        }
        if (nonblocking) {
            result = -EAGAIN;
            break;
        }
        wait_queue_say_object(peer, socket_describe);
        if (wait_queue_sleep_giving(&peer->writable, "sendto: full") != WAKE_NORMAL)
            break;                                 /* a signal: the big lock's way */
    }
    spinlock_give(socket->connection_lock);
    kfree(datagram);
    return result;
}

int socket_datagram_receive_without_big_lock(struct socket *socket, void *user_buffer, uint32_t size,
                                             int nonblocking)
{
    if (!socket->connection_lock)
        return TRANSFER_NEEDS_BIG_LOCK;
    struct datagram *taken = 0;
    int result = TRANSFER_NEEDS_BIG_LOCK;
    spinlock_take(socket->connection_lock);
    while (pair_is_ours(socket)) {
        if (!list_empty(&socket->datagrams)) {
            struct datagram *datagram = list_entry(list_first(&socket->datagrams), struct datagram, link);
            if (datagram->ancillary.rights || datagram->ancillary.has_credentials)
                break;                             /* sent by sendmsg with them: there */
            uint32_t copied = size < datagram->length ? size : datagram->length;
            if (copy_to_user(user_buffer, datagram->bytes, copied) < 0)
                break;                             /* a fault: it stays for the big lock's way */
            list_remove(&datagram->link);
            socket->datagram_count--;
            taken = datagram;
            wait_queue_wake_all(&socket->writable);    /* room for the peer's senders */
            result = (int)copied;                  /* the rest of a longer one is lost */
            break;
        }
        if (nonblocking) {
            result = -EAGAIN;
            break;
        }
        wait_queue_say_object(socket, socket_describe);
        if (wait_queue_sleep_giving(&socket->readable, "recvfrom: empty") != WAKE_NORMAL)
            break;                                 /* a signal: the big lock's way */
    }
    spinlock_give(socket->connection_lock);
    kfree(taken);
    return result;
}

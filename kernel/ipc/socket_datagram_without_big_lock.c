/* kernel/ipc/socket_datagram_without_big_lock.c - send and receive of an
 * AF_UNIX datagram socket on several CPUs without the big kernel lock,
 * under the sockets' own locks (socket_without_big_lock.c calls these
 * for read, write, send, recv and recvfrom of a datagram socket), so
 * that two pairs of processes, each with sockets of their own, run their
 * system calls at once on two CPUs (docs/smp.md, "A local socket without
 * the big lock").
 *
 * Each datagram socket has a lock from its creation, which is also the
 * lock of its wait queues; a socketpair's two ends share one. A socket's
 * lock covers its queue of datagrams and its own fields; a send to the
 * default peer takes the sender's lock (its `peer` stays) and the
 * peer's (its queue), in the order of the locks' addresses, or the one
 * lock both have:
 *
 *   sender S (connected to R)             receiver R
 *   take min(S's lock, R's lock),         take R's lock
 *   then the other                        first datagram off R's queue
 *   S's peer still R, nobody's big        copy it out (and its sender's name)
 *   lock use on S or R?                   wake R's `writable`: room
 *   datagram onto R's queue               give R's lock, free the datagram
 *   wake R's `readable`
 *
 * The rules are socket_datagram.c's; this is the same send and receive
 * for the usual case, and every other case takes the big lock and goes
 * that way (TRANSFER_NEEDS_BIG_LOCK: fs/file.h):
 *
 *   usual here                            the big lock's way
 *   ------------------------------------  ---------------------------------------
 *   a send to the default peer, which     sendto with an address (the path is
 *     takes datagrams from the sender         the file system's); no default
 *     (no peer of its own, or the sender)     peer; a peer connected elsewhere
 *   no call with the big lock uses        one does, or puts a datagram into
 *     the sender or the receiver              the receiver (any socket call, a
 *                                             close, a poll)
 *   nobody polls the receiver             poll, select or epoll watch it
 *   plain bytes                           descriptors or credentials ride on
 *                                           the datagram (sendmsg, SO_PASSCRED)
 *   at most SOCKET_DATAGRAM_MAX bytes     EMSGSIZE
 *   both open, neither shut down          ECONNREFUSED, EPIPE, end of file
 *   no signal or other work pending       a signal to take (it ends the wait)
 *   the user pages present                a fault: the copy fails at once, and
 *                                           the big lock's way copies again
 *
 * A call with the big lock that puts a datagram into a socket counts
 * itself in that socket's big_lock_users (socket_datagram_send), as the
 * calls that use the socket itself do; so while one of them is under
 * way, the calls here keep off both sockets it touches. The collector of
 * descriptors in flight, which walks every queue with the big lock,
 * takes each socket's lock for the walk (socket_gc.c).
 *
 * A sender whose receiver is full sleeps on the receiver's `writable`
 * with only the receiver's lock, and holds no reference to it (counts of
 * references are the big lock's): nothing it reads of the receiver
 * after it wakes but the lock, which lives in the table for ever. The
 * receiver cannot be freed while the sender sleeps there: its close
 * wakes every sender first (socket_close), and the sender looks again
 * from its own socket's `peer`, under its own lock.
 *
 * A datagram is copied in from the heap before any lock is taken (the
 * heap has its own lock, which no socket lock is held around), and freed
 * after it is given back.
 *
 * Context of all: a system call without the big kernel lock, interrupts
 * off, in a process of any number of threads (fs/file_without_big_lock.c,
 * or the rows of socket_without_big_lock.c, checked), which holds the
 * socket's file (descriptor_hold_without_big_lock: by a reference when
 * another thread could close the descriptor): its socket cannot close
 * meanwhile, and the peer is held by its `peer` reference, which only a
 * call counted in the socket's big_lock_users drops. */
#include "socket_internal.h"

#include "ipc/socket.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "sched/smp_wait.h"
#include "sched/spinlock.h"
#include "uapi/errno.h"

/* Takes `socket`'s lock and its default peer's, lower address first (one
 * lock if they share it), and returns the peer; or NULL, with no lock
 * held, when there is no peer or a call with the big lock uses the
 * socket (it may be changing `peer`). While the socket's lock is held
 * and its count is 0, `peer` stays, and with it the peer's reference. */
static struct socket *lock_with_peer(struct socket *socket)
{
    struct spinlock *own = socket->connection_lock;
    spinlock_take(own);
    for (;;) {
        struct socket *peer = socket->big_lock_users ? 0 : socket->peer;
        if (!peer || !peer->connection_lock)
            break;
        struct spinlock *theirs = peer->connection_lock;
        if (theirs == own)
            return peer;                           /* a socketpair's ends */
        if (theirs > own) {
            spinlock_take(theirs);
            return peer;
        }
        spinlock_give(own);                        /* the lower address first */
        spinlock_take(theirs);
        spinlock_take(own);
        /* Still the same peer, and the lock taken its own: while we held
         * nothing, the peer may have been dropped, freed, and a new socket
         * made at its address and connected (a socket's lock never
         * changes, but a new socket's may be another) */
        if (!socket->big_lock_users && socket->peer == peer && peer->connection_lock == theirs)
            return peer;
        spinlock_give(theirs);                     /* connected elsewhere meanwhile */
    }
    spinlock_give(own);
    return 0;
}

static void unlock_with_peer(struct socket *socket, struct socket *peer)
{
    if (peer->connection_lock != socket->connection_lock)
        spinlock_give(peer->connection_lock);
    spinlock_give(socket->connection_lock);
}

/* May a datagram from `socket` go into `peer`'s queue here? No call with
 * the big lock uses either, the peer takes datagrams from the socket, it
 * is open and nobody watches it, and nothing rides on the datagram.
 * Context: both locks held (lock_with_peer). */
static inline int send_is_ours(const struct socket *socket, const struct socket *peer)
{
    return !peer->big_lock_users && (!peer->peer || peer->peer == socket) && !peer->closed &&
           !(socket->shutdown & SHUTDOWN_SEND) && !(peer->shutdown & SHUTDOWN_RECEIVE) &&
           !peer->readable.watches && !peer->writable.watches && !socket->pass_credentials &&
           !peer->pass_credentials;
}

/* May `socket` take a datagram off its queue here? Context: its lock held. */
static inline int receive_is_ours(const struct socket *socket)
{
    return !socket->big_lock_users && !socket->closed && !socket->shutdown && !socket->readable.watches &&
           !socket->writable.watches && !socket->pass_credentials;
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
    struct socket *peer;
    while ((peer = lock_with_peer(socket))) {
        if (!send_is_ours(socket, peer)) {
            unlock_with_peer(socket, peer);
            break;
        }
        if (socket_datagram_has_room(peer, size)) {
            datagram->sender = socket->address;
            list_push_back(&peer->datagrams, &datagram->link);
            peer->datagram_count++;
            peer->datagram_bytes += size;
            datagram = 0;                          /* the receiver's now */
            wait_queue_wake_all(&peer->readable);
            result = (int)size;
            unlock_with_peer(socket, peer);
            break;
        }
        if (nonblocking) {
            result = -EAGAIN;
            unlock_with_peer(socket, peer);
            break;
        }
        if (socket->send_timeout_ns) {
            unlock_with_peer(socket, peer);
            break;                                 /* a wait with SO_SNDTIMEO: the big lock's way */
        }
        struct spinlock *theirs = peer->connection_lock;
        if (theirs != socket->connection_lock)
            spinlock_give(socket->connection_lock);   /* the receiver's lock only, while asleep */
        wait_queue_say_object(peer, socket_describe);
        int woken = wait_queue_sleep_giving(&peer->writable, "sendto: full");
        spinlock_give(theirs);                     /* (the peer is not read again: see above) */
        if (woken != WAKE_NORMAL)
            break;                                 /* a signal: the big lock's way */
    }
    kfree(datagram);
    return result;
}

int socket_datagram_receive_without_big_lock(struct socket *socket, void *user_buffer, uint32_t size,
                                             int nonblocking, void *user_address, socklen_t *user_address_length)
{
    if (!socket->connection_lock)
        return TRANSFER_NEEDS_BIG_LOCK;
    struct datagram *taken = 0;
    int result = TRANSFER_NEEDS_BIG_LOCK;
    spinlock_take(socket->connection_lock);
    while (receive_is_ours(socket)) {
        if (!list_empty(&socket->datagrams)) {
            struct datagram *datagram = list_entry(list_first(&socket->datagrams), struct datagram, link);
            if (datagram->ancillary.rights || datagram->ancillary.has_credentials)
                break;                             /* sent by sendmsg with them: there */
            uint32_t copied = size < datagram->length ? size : datagram->length;
            if (copy_to_user(user_buffer, datagram->bytes, copied) < 0 ||
                (user_address &&
                 socket_write_address(&datagram->sender, 0, user_address, user_address_length) < 0))
                break;                             /* a fault: it stays for the big lock's way */
            list_remove(&datagram->link);
            socket->datagram_count--;
            socket->datagram_bytes -= datagram->length;
            taken = datagram;
            wait_queue_wake_all(&socket->writable);    /* room for its senders */
            result = (int)copied;                  /* the rest of a longer one is lost */
            break;
        }
        if (nonblocking) {
            result = -EAGAIN;
            break;
        }
        if (socket->receive_timeout_ns)
            break;                                 /* a wait with SO_RCVTIMEO: the big lock's way */
        wait_queue_say_object(socket, socket_describe);
        if (wait_queue_sleep_giving(&socket->readable, "recvfrom: empty") != WAKE_NORMAL)
            break;                                 /* a signal: the big lock's way */
    }
    spinlock_give(socket->connection_lock);
    kfree(taken);
    return result;
}

/* kernel/ipc/socket_without_big_lock.c - read(2) and write(2) of a
 * connected AF_UNIX stream socket on several CPUs without the big kernel
 * lock (and of a datagram socket, which this file's calls hand to
 * socket_datagram_without_big_lock.c): under the connection's own
 * lock (socket_internal.h), so that two
 * pairs of processes, each with a connection of their own, run their
 * system calls at once on two CPUs (docs/smp.md, "A local socket without
 * the big lock").
 *
 * The rules are socket_stream_transfer.c's; this is the same read and
 * write for the usual case, and for every other case the call takes the
 * big lock and goes that way (TRANSFER_NEEDS_BIG_LOCK: fs/file.c):
 *
 *   usual here                            the big lock's way
 *   ------------------------------------  ---------------------------------------
 *   a connected stream socket             a stream not connected (a datagram
 *                                           socket: the other file's table)
 *   no call with the big lock uses        one does, at either end (any socket
 *     either end                            call, a close, a shutdown, a poll)
 *   nobody polls either end               poll, select or epoll watch one
 *   plain bytes                           descriptors or credentials ride on
 *                                           them (marks, SO_PASSCRED)
 *   a write that fits the room there is   a write that must be split (some
 *     (or no room at all: it waits)         room, not enough)
 *   the connection open both ways         shut down or closed: EPIPE and
 *                                           SIGPIPE; a pending ECONNRESET
 *   no signal or other work pending       a signal to take (it ends the wait)
 *   the user pages present                a fault: the copy fails at once, and
 *                                           the big lock's way copies again
 *                                           (kernel/mm/page_fault.c)
 *
 * A connection is two sockets, each with the ring of the bytes coming to
 * it; a write changes the peer's ring and a read its own, and both look
 * at both ends' shutdown bits, so one lock covers the two: socket_
 * stream_join (and socketpair, for a datagram pair) gives both ends the
 * same lock, from a small table of them,
 * which is also their four wait queues' lock (a waker takes it). The
 * locks of the table live as long as the kernel, so no socket's free
 * ever waits for anyone; two connections that share one by chance only
 * take turns. Waits are on the same queues as the big lock's way, so a
 * waiter is woken by a call of either kind.
 *
 * send(2) and recv(2) go the same way when they are write and read with
 * flags: sendto without an address, recvfrom without one (or, of a
 * datagram socket, with one: who sent it), and with no flag but
 * MSG_DONTWAIT (and MSG_NOSIGNAL, which only the big lock's EPIPE reads);
 * and so do sendmsg(2) and recvmsg(2) of plain bytes in one buffer
 * (plain_message; recvmsg of a stream only). Their rows in the
 * system-call table are the last functions here.
 *
 * Context of all: a system call without the big kernel lock, interrupts
 * off, the file held: by its descriptor in a process of one thread, by a
 * reference in a process of several (fs/file_without_big_lock.h), so its
 * socket cannot close meanwhile; the peer is held by its `peer`
 * reference. */
#include "socket_family.h"
#include "socket_internal.h"

#include "fs/file.h"
#include "fs/file_without_big_lock.h"
#include "ipc/socket.h"
#include "kernel/syscall.h"
#include "subsystems/sockets_calls.h"
#include "mm/uaccess.h"
#include "sched/smp_wait.h"
#include "sched/spinlock.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/syscall.h"

#define CONNECTION_LOCKS 32                  /* connections beyond this share, in turn */

static const struct lock_class socket_lock_class = { "socket", 0 };

static struct connection_lock {
    struct spinlock lock;
} __attribute__((aligned(64))) connection_locks[CONNECTION_LOCKS] = {   /* a cache line each */
    [0 ... CONNECTION_LOCKS - 1] = { SPINLOCK_INITIALIZER("socket", &socket_lock_class) },
};
static unsigned next_connection_lock;

/* The next lock of the table, in turn. Context: the big lock held. */
static struct spinlock *next_lock(void)
{
    return &connection_locks[next_connection_lock++ % CONNECTION_LOCKS].lock;
}

void socket_lock_connection(struct socket *first, struct socket *second)
{
    if (!big_kernel_lock_in_use)
        return;                          /* one CPU: nothing runs without the big lock */
    struct spinlock *lock = next_lock();
    first->connection_lock = second->connection_lock = lock;
    first->readable.lock = first->writable.lock = lock;
    second->readable.lock = second->writable.lock = lock;
}

void socket_lock_datagram(struct socket *socket)
{
    if (!big_kernel_lock_in_use)
        return;
    struct spinlock *lock = next_lock();
    socket->connection_lock = socket->readable.lock = socket->writable.lock = lock;
}

/* No call with the big lock uses either end, nobody watches either, and
 * nothing rides on the bytes: the calls here may go on. Context: the
 * connection's lock held. */
static inline int connection_is_ours(const struct socket *socket, const struct socket *peer)
{
    return !socket->big_lock_users && !peer->big_lock_users && !socket->readable.watches &&
           !socket->writable.watches && !peer->readable.watches && !peer->writable.watches &&
           !socket->pass_credentials && !peer->pass_credentials;
}

/* The socket behind `file` if it is a connected stream (then its lock is
 * held), else NULL. */
static inline struct socket *connected_stream(struct file *file)
{
    struct socket *socket = file->object;   /* NULL: an accept() still waiting */
    if (!socket || !socket->connection_lock || socket->type != SOCK_STREAM)
        return 0;                            /* not connected yet, or a datagram pair (below) */
    spinlock_take(socket->connection_lock);
    if (socket->state == SOCKET_CONNECTED && socket->peer)
        return socket;
    spinlock_give(socket->connection_lock);
    return 0;
}

/* Is `file` a datagram socket (a pair's end goes on in
 * socket_datagram_without_big_lock.c)? A socket's type never changes. */
static inline int is_datagram(struct file *file)
{
    struct socket *socket = file->object;
    return socket && socket->type == SOCK_DGRAM;
}

/* A read of a connected stream (`nonblocking`: O_NONBLOCK or
 * MSG_DONTWAIT), or of a datagram socket, which alone may say who sent
 * it (recvfrom's address: `user_address`, not NULL). */
static int receive(struct file *file, void *user_buffer, uint32_t size, int nonblocking, void *user_address,
                   socklen_t *user_address_length)
{
    if (is_datagram(file))
        return socket_datagram_receive_without_big_lock(file->object, user_buffer, size, nonblocking,
                                                        user_address, user_address_length);
    if (user_address)
        return TRANSFER_NEEDS_BIG_LOCK;
    struct socket *socket = connected_stream(file);
    if (!socket)
        return TRANSFER_NEEDS_BIG_LOCK;
    int result = TRANSFER_NEEDS_BIG_LOCK;
    while (connection_is_ours(socket, socket->peer) && list_empty(&socket->marks)) {
        struct byte_ring *ring = &socket->received;
        if (ring->count) {
            uint32_t taken = size < ring->count ? size : ring->count;
            if (byte_ring_read_to_user(ring, user_buffer, taken, 0) < 0)
                break;                                 /* a fault: the big lock's way */
            socket->stream_taken += taken;
            wait_queue_wake_all(&socket->writable);    /* room for the peer's writers */
            result = (int)taken;
            break;
        }
        if (socket->pending_error)
            break;                                     /* ECONNRESET, reported once there */
        if (socket->shutdown & SHUTDOWN_RECEIVE) {
            result = 0;                                /* end of file */
            break;
        }
        if (nonblocking) {
            result = -EAGAIN;
            break;
        }
        if (socket->receive_timeout_ns)
            break;                                     /* a wait with SO_RCVTIMEO: the big lock's way */
        wait_queue_say_object(socket, socket_describe);
        if (wait_queue_sleep_giving(&socket->readable, "socket receive") != WAKE_NORMAL)
            break;                                     /* a signal: the big lock's way */
    }
    spinlock_give(socket->connection_lock);
    return result;
}

/* A write to a connected stream, or a datagram to the default peer. */
static int send(struct file *file, const void *user_buffer, uint32_t size, int nonblocking)
{
    if (is_datagram(file))
        return socket_datagram_send_without_big_lock(file->object, user_buffer, size, nonblocking);
    struct socket *socket = connected_stream(file);
    if (!socket)
        return TRANSFER_NEEDS_BIG_LOCK;
    struct socket *peer = socket->peer;              /* held by that reference until our close */
    int result = TRANSFER_NEEDS_BIG_LOCK;
    while (connection_is_ours(socket, peer)) {
        if ((socket->shutdown & SHUTDOWN_SEND) || peer->closed || (peer->shutdown & SHUTDOWN_RECEIVE))
            break;                                     /* EPIPE and SIGPIPE: the big lock's */
        uint32_t room = socket_stream_room(peer);
        if (room >= size) {
            if (byte_ring_write_from_user(&peer->received, user_buffer, size) < 0)
                break;                                 /* a fault */
            wait_queue_wake_all(&peer->readable);      /* bytes for the peer's readers */
            result = (int)size;
            break;
        }
        if (room)
            break;                                     /* some room: a split write, there */
        if (nonblocking) {
            result = -EAGAIN;
            break;
        }
        if (socket->send_timeout_ns)
            break;                                     /* a wait with SO_SNDTIMEO: the big lock's way */
        wait_queue_say_object(peer, socket_describe);
        if (wait_queue_sleep_giving(&peer->writable, "socket send") != WAKE_NORMAL)
            break;
    }
    spinlock_give(socket->connection_lock);
    return result;
}

int socket_read_without_big_lock(struct file *file, void *user_buffer, uint32_t size)
{
    if (size == 0)
        return TRANSFER_NEEDS_BIG_LOCK;   /* socket_file_read's answer: 0, nothing taken */
    return receive(file, user_buffer, size, socket_nonblocking(file, 0), 0, 0);
}

int socket_write_without_big_lock(struct file *file, const void *user_buffer, uint32_t size)
{
    return send(file, user_buffer, size, socket_nonblocking(file, 0));
}

/* The local socket behind `fd` if send or recv of `size` bytes at
 * `buffer` may try without the big lock, else NULL: their own checks,
 * and the ones read and write make (fs/file_without_big_lock.c). Its
 * file is held in *held (descriptor_hold_without_big_lock) until the row
 * lets it go, whatever the answer (HELD_NOTHING before). */
static inline struct file *socket_without_big_lock(int fd, const void *buffer, uint32_t size,
                                                   struct held_file *held)
{
    if (!call_of_any_thread_may_go_without_big_lock())
        return 0;
    struct file *file = descriptor_hold_without_big_lock(fd, held);
    if (!file || file->operations->read_without_big_lock != socket_read_without_big_lock || (int)size <= 0 ||
        !user_range_ok(buffer, size))
        return 0;
    return file;
}

/* sendto's row in the table. Context: a system call, with the big lock
 * or without it (a cancellation point calls it with: syscall_run). */
static int sendto_row(int fd, const void *user_buffer, uint32_t size, int flags, const void *user_address,
                      uint32_t address_length)
{
    int result = TRANSFER_NEEDS_BIG_LOCK;
    struct held_file held = HELD_NOTHING;
    struct file *file;
    if (!user_address && !(flags & ~(MSG_DONTWAIT | MSG_NOSIGNAL)) &&
        (file = socket_without_big_lock(fd, user_buffer, size, &held)))
        result = send(file, user_buffer, size, socket_nonblocking(file, flags));
    if (descriptor_try_done_without_big_lock(&held, result != TRANSFER_NEEDS_BIG_LOCK))
        return result;
    return descriptor_unhold(&held, socket_sendto_file(descriptor_file_for_big_lock(&held, fd), user_buffer, size,
                                                       flags, user_address, address_length));
}

/* Whether the msghdr at `user_message` holds plain bytes in one buffer,
 * which sendmsg and recvmsg move as send and recv do: no name, one
 * buffer (in *segment), and, for sendmsg (`sending`), no control data.
 * (recvmsg's control buffer, if any, stays empty: the calls here take no
 * descriptors or credentials.) 0 for anything else, and for a msghdr or
 * an array that faults: the big lock's way then says it again.
 * Context: interrupts off. */
static inline int plain_message(const struct msghdr *user_message, int sending, struct iovec *segment)
{
    struct msghdr message;
    return copy_from_user(&message, user_message, sizeof message) == 0 && !message.msg_name &&
           message.msg_iovlen == 1 && !(sending && message.msg_controllen) &&
           copy_from_user(segment, message.msg_iov, sizeof *segment) == 0;
}

/* sendmsg's row: a plain message (plain_message) goes as send without
 * an address; anything else, the big lock's way, on the file held. */
static int sendmsg_row(int fd, const struct msghdr *user_message, int flags)
{
    int result = TRANSFER_NEEDS_BIG_LOCK;
    struct held_file held = HELD_NOTHING;
    struct iovec segment;
    struct file *file;
    if (!(flags & ~(MSG_DONTWAIT | MSG_NOSIGNAL)) && call_of_any_thread_may_go_without_big_lock() &&
        plain_message(user_message, 1, &segment) &&
        (file = socket_without_big_lock(fd, segment.iov_base, segment.iov_len, &held)))
        result = send(file, segment.iov_base, segment.iov_len, socket_nonblocking(file, flags));
    if (descriptor_try_done_without_big_lock(&held, result != TRANSFER_NEEDS_BIG_LOCK))
        return result;
    return descriptor_unhold(&held, socket_sendmsg_file(descriptor_file_for_big_lock(&held, fd), user_message,
                                                        flags));
}

/* recvmsg's row: a plain message from a connected stream goes as recv,
 * and then, as recvmsg says, no control data came (msg_controllen 0)
 * and nothing was cut (msg_flags 0). A datagram, which may be cut
 * (MSG_TRUNC), goes the big lock's way. The bytes taken, a fault on
 * those two words is the big lock's to fault in, and then EFAULT, as
 * there (receive_message, socket_message.c). */
static int recvmsg_row(int fd, struct msghdr *user_message, int flags)
{
    int result = TRANSFER_NEEDS_BIG_LOCK;
    struct held_file held = HELD_NOTHING;
    struct iovec segment;
    struct file *file;
    if (!(flags & ~MSG_DONTWAIT) && call_of_any_thread_may_go_without_big_lock() &&
        plain_message(user_message, 0, &segment) &&
        (file = socket_without_big_lock(fd, segment.iov_base, segment.iov_len, &held)) && !is_datagram(file)) {
        result = receive(file, segment.iov_base, segment.iov_len, socket_nonblocking(file, flags), 0, 0);
        if (result >= 0) {
            _Static_assert(__builtin_offsetof(struct msghdr, msg_flags) ==
                           __builtin_offsetof(struct msghdr, msg_controllen) + sizeof(unsigned int),
                           "msg_controllen and msg_flags are one copy");
            const struct { unsigned int controllen; int flags; } none = { 0, 0 };
            if (copy_to_user(&user_message->msg_controllen, &none, sizeof none) < 0) {
                big_kernel_lock_take_late();   /* a page to fault in: the big lock's, then copy again */
                if (copy_to_user(&user_message->msg_controllen, &none, sizeof none) < 0)
                    result = -EFAULT;          /* the bytes taken all the same, as there */
            }
        }
    }
    if (descriptor_try_done_without_big_lock(&held, result != TRANSFER_NEEDS_BIG_LOCK))
        return result;
    return descriptor_unhold(&held, socket_recvmsg_file(descriptor_file_for_big_lock(&held, fd), user_message,
                                                        flags));
}

/* recvfrom's row; the same. */
static int recvfrom_row(int fd, void *user_buffer, uint32_t size, int flags, void *user_address,
                        uint32_t *user_address_length)
{
    int result = TRANSFER_NEEDS_BIG_LOCK;
    struct held_file held = HELD_NOTHING;
    struct file *file;
    if (!(flags & ~MSG_DONTWAIT) && (file = socket_without_big_lock(fd, user_buffer, size, &held)))
        result = receive(file, user_buffer, size, socket_nonblocking(file, flags), user_address,
                         (socklen_t *)user_address_length);
    if (descriptor_try_done_without_big_lock(&held, result != TRANSFER_NEEDS_BIG_LOCK))
        return result;
    return descriptor_unhold(&held, socket_recvfrom_file(descriptor_file_for_big_lock(&held, fd), user_buffer, size,
                                                         flags, user_address, (socklen_t *)user_address_length));
}

void socket_calls_without_big_lock_start(void)
{
    /* cancellation points in a program of threads (the C library) */
    syscall_replace_without_big_lock_as_cancel_point(SYS_sendto, sendto_row);
    syscall_replace_without_big_lock_as_cancel_point(SYS_recvfrom, recvfrom_row);
    syscall_replace_without_big_lock_as_cancel_point(SYS_sendmsg, sendmsg_row);
    syscall_replace_without_big_lock_as_cancel_point(SYS_recvmsg, recvmsg_row);
}

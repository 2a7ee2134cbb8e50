/* kernel/ipc/socket_internal.h - what the socket files share: the socket
 * object and the helpers each of them uses.
 *   socket.c           objects, their descriptors, socket/socketpair/shutdown
 *   socket_naming.c    addresses, bind, finding a socket by path, the addressed calls
 *   socket_stream.c    connections: listen, connect, accept, closing
 *   socket_stream_transfer.c  the byte streams, and the marks of what rides on them
 *   socket_datagram.c  datagrams: default peers, the queues of messages
 *   socket_options.c   setsockopt and getsockopt
 *   socket_ancillary.c SCM_RIGHTS and SCM_CREDENTIALS in and out (socket_ancillary.h)
 *   socket_gc.c        the collector of sockets only their own messages keep
 *   socket_message.c   sendmsg and recvmsg for every family
 * socket_syscalls.c finds a descriptor's family and calls these through
 * the table in socket.c (socket_family.h).
 * The rest of the kernel uses socket.h. */
#ifndef KERNEL_IPC_SOCKET_INTERNAL_H
#define KERNEL_IPC_SOCKET_INTERNAL_H

#include <stdint.h>

#include "arch/x86/cpu.h"
#include "ipc/ipc_big_lock_use.h"
#include "lib/byte_ring.h"
#include "sched/spinlock.h"
#include "socket_ancillary.h"
#include "fs/epoll.h"
#include "fs/file.h"
#include "lib/list.h"
#include "sched/wait_queue.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/socket.h"

struct user_vector;

#define SOCKET_STREAM_BUFFER     16384  /* bytes a connected stream socket holds unread */
#define SOCKET_DATAGRAM_MAX      16384  /* the longest datagram: EMSGSIZE beyond */
#define SOCKET_DATAGRAM_QUEUE    16     /* datagrams waiting at one socket before senders wait */
#define SOCKET_BACKLOG_MAX       64     /* listen()'s backlog is cut to this */
#define SOCKET_NODE_PERMISSIONS  0777   /* a bound socket's node, less the umask (0755 under 022) */

struct file;
struct inode;

/* A local socket's name: a path in the file system (NUL-terminated,
 * `length` its strlen), or an abstract name (Linux's: bytes[0] is NUL,
 * `length` counts every byte, NULs included; no node, gone with its
 * socket). length 0: no name. */
struct unix_name {
    unsigned length;
    char bytes[UNIX_PATH_MAX + 1];
};

static inline int unix_name_is_abstract(const struct unix_name *name)
{
    return name->length && name->bytes[0] == 0;
}

/* Does a socket of `type` connect (listen, connect, accept, one peer for
 * life, shutdown mirrored at the peer): SOCK_STREAM, and SOCK_SEQPACKET,
 * whose connection carries datagrams (socket_seqpacket.c). */
static inline int socket_type_connects(int type)
{
    return type != SOCK_DGRAM;
}

enum socket_state {
    SOCKET_UNCONNECTED,               /* new, bound, or a datagram socket with no default peer */
    SOCKET_LISTENING,                 /* a stream (or seqpacket) socket after listen() */
    SOCKET_CONNECTED,                 /* has a peer (a stream peer may have closed since) */
};

/* sk_shutdown's bits, as Linux keeps them */
#define SHUTDOWN_RECEIVE 1            /* SHUT_RD here, or SHUT_WR by a stream peer, or its close */
#define SHUTDOWN_SEND    2            /* SHUT_WR here, or SHUT_RD by a stream peer, or its close */


struct datagram {
    struct list_node link;            /* in its receiver's list, oldest first */
    struct socket_ancillary ancillary;   /* descriptors and credentials it carries */
    uint32_t length;
    struct unix_name sender;          /* the sender's name then (length 0: it had none) */
    uint8_t bytes[];
};

/* Ancillary data riding on a run of a stream's bytes: the bytes the
 * sendmsg that carried it wrote first, by their positions in the stream
 * (the count of bytes ever queued before them; they wrap, compared by
 * difference). A read that reaches a mark with rights takes them and
 * stops at its end; under SO_PASSCRED a read stops where the sender
 * changes (socket_stream_receive). */
struct stream_mark {
    struct list_node link;            /* in the receiving socket's `marks`, in stream order */
    uint32_t begin, end;              /* [begin, end) */
    uint32_t charge;                  /* what it takes of the ring's room (socket_stream_room) */
    struct socket_ancillary ancillary;
};

/* A socket lives while anything refers to it: its open file, a peer's
 * `peer` pointer, a listener's queue of connections not yet accepted, a
 * task waiting on one of its queues. Closing the file makes it `closed`
 * (no more traffic, buffers freed); the memory goes with the last
 * reference. A socket is on its listener's pending list only before
 * accept(), and has a file only after it, so `pending_link` and a file
 * never exist together. */
struct socket {
    int type;                         /* SOCK_STREAM, SOCK_DGRAM or SOCK_SEQPACKET */
    uint32_t id;                      /* for ipcs and ps */
    struct list_node link;            /* in the list of every socket not yet freed, for ipcs */
    enum socket_state state;
    unsigned references;
    int closed;                       /* its file is gone (or, never accepted, its listener's) */
    unsigned shutdown;                /* SHUTDOWN_* */
    int pending_error;                /* reported once by a receive with nothing to read */
    int reuse_address, keep_alive;    /* SO_REUSEADDR, SO_KEEPALIVE: kept, meaningless for a path */
    uint64_t receive_timeout_ns;      /* SO_RCVTIMEO: recv and accept wait at most this (0: for ever) */
    uint64_t send_timeout_ns;         /* SO_SNDTIMEO: send and connect (socket_wait) */
    struct socket *peer;              /* a counted reference, or NULL */
    struct unix_name address;         /* its name: the one bound (or its listener's); length 0 if none */
    int abstract_bound;               /* bind() gave it the abstract name in `address` */
    struct inode *node;               /* the node bind() made, while open */

    struct byte_ring received;        /* stream: bytes from the peer (NULL bytes until connected) */
    uint32_t stream_taken;            /* stream: bytes ever read off `received` (not peeked) */
    struct list marks;                /* stream: ancillary data on bytes of `received` (struct stream_mark) */
    uint32_t marks_charge;            /* stream: the marks' memory, counted against `received`'s room */

    struct file *file;                /* its open file, NULL before accept() and after close */
    unsigned in_flight;               /* references to `file` held by messages in queues (socket_gc.c) */
    int gc_state;                     /* socket_gc.c's mark while it runs */
    struct socket *gc_next;           /* and its list of reachable sockets still to read */
    int pass_credentials;             /* SO_PASSCRED */
    int has_peer_credentials;         /* SO_PEERCRED: set by connect, accept's connection, socketpair */
    struct ucred peer_credentials;
    struct ucred listener_credentials;   /* a listener: who called listen(), for its clients' SO_PEERCRED */

    struct list pending;              /* listening: connections to accept, oldest first */
    unsigned pending_count;
    unsigned backlog;
    struct list_node pending_link;    /* on its listener's pending list */

    struct list datagrams;            /* datagram, seqpacket: received, oldest first (struct datagram) */
    unsigned datagram_count;
    uint32_t datagram_bytes;          /* their lengths together: socket_datagram_has_room */

    struct wait_queue readable;       /* receive and accept wait here for data, a connection, EOF */
    struct wait_queue writable;       /* senders INTO this socket and connect() wait here for room */

    /* On several CPUs (socket_without_big_lock.c): a connection's lock,
     * the same for both ends of a stream from socket_stream_join on and
     * for both ends of a datagram socketpair; every other datagram
     * socket's own from its creation (NULL for a stream not yet
     * connected, and on one CPU). It is also the lock of the socket's
     * wait queues. Read and write of a connected stream, and send and
     * receive of a datagram socket, run under it without the big kernel
     * lock (a datagram's send under its receiver's lock too). A call
     * with the big lock that uses the socket, or puts a datagram into
     * its queue, counts itself in big_lock_users for as long as it does,
     * waits included (socket_begin_big_lock_use); the calls without the
     * big lock keep off a socket while its count is not 0. */
    struct spinlock *connection_lock;
    unsigned big_lock_users;
};

/* A call with the big lock uses `socket` (any of its fields, or its
 * peer's through it) until the matching end: a call without the big lock
 * that holds the socket's lock is waited for, and the next ones keep
 * off (ipc_big_lock_use.h). A stream before its connection has no lock,
 * and no call without the big lock can use it: the count alone. One
 * CPU pays a test. Context: the big lock held. */
static inline void socket_begin_big_lock_use(struct socket *socket)
{
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0)) {
        if (socket->connection_lock)                  /* a lock: connected, or datagram */
            big_lock_use_begin(socket->connection_lock, &socket->big_lock_users);
        else
            socket->big_lock_users++;
    }
}

static inline void socket_end_big_lock_use(struct socket *socket)
{
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0)) {
        if (socket->connection_lock)
            big_lock_use_end(socket->connection_lock, &socket->big_lock_users);
        else
            socket->big_lock_users--;
    }
}

/* On several CPUs: gives the two ends of a new stream connection, or of
 * a new datagram socketpair, their lock; or a new datagram socket a lock
 * of its own (socket_without_big_lock.c). Context: the big lock held,
 * before the socket is connected or anyone else can reach it. */
#ifdef SUBSYSTEM_SMP
void socket_lock_connection(struct socket *first, struct socket *second);
void socket_lock_datagram(struct socket *socket);

/* read and write of a connected stream without the big lock, the rows of
 * the file operations (fs/file.h): a count, -errno, or
 * TRANSFER_NEEDS_BIG_LOCK for the big lock's way. */
int socket_read_without_big_lock(struct file *file, void *user_buffer, uint32_t size);
int socket_write_without_big_lock(struct file *file, const void *user_buffer, uint32_t size);

/* send to the default peer, and receive (with the sender's address if
 * `user_address`), of a datagram socket without the big lock
 * (socket_datagram_without_big_lock.c): a count, -EAGAIN, or
 * TRANSFER_NEEDS_BIG_LOCK. Context: a system call without the big lock. */
int socket_datagram_send_without_big_lock(struct socket *socket, const void *user_buffer, uint32_t size,
                                          int nonblocking);
int socket_datagram_receive_without_big_lock(struct socket *socket, void *user_buffer, uint32_t size,
                                             int nonblocking, void *user_address, socklen_t *user_address_length);
#else
static inline void socket_lock_connection(struct socket *first, struct socket *second)   /* one CPU */
{
    (void)first;
    (void)second;
}

static inline void socket_lock_datagram(struct socket *socket)   /* one CPU */
{
    (void)socket;
}
#endif

/* socket.c and socket_naming.c */

/* A new socket of `type` with one reference, or NULL when memory is short. */
struct socket *socket_create(int type);
void socket_get(struct socket *socket);
void socket_put(struct socket *socket);

/* A new open file for `socket`, taking over one reference, or NULL. */
struct file *socket_file_create(struct socket *socket, uint32_t flags);

/* The local socket behind `file` (one of this family's: the dispatcher,
 * socket_syscalls.c, checked), or NULL with -EBADF in *error for the file
 * of an accept() still waiting, which has no socket yet. */
static inline struct socket *socket_of_file(struct file *file, int *error)
{
    *error = file->object ? 0 : -EBADF;
    return file->object;
}

/* The AF_UNIX calls behind the BSD ones (socket_family.h), in socket.c,
 * socket_naming.c and socket_stream.c. The dispatcher holds the file. */
int socket_unix_bind(struct file *file, const void *user_address, socklen_t length);
int socket_unix_listen(struct file *file, int backlog);
int socket_unix_accept(struct file *file, void *user_address, socklen_t *user_length, int flags);
int socket_unix_connect(struct file *file, const void *user_address, socklen_t length);
int socket_unix_getsockname(struct file *file, void *user_address, socklen_t *user_length);
int socket_unix_getpeername(struct file *file, void *user_address, socklen_t *user_length);
int socket_unix_sendto(struct file *file, const void *user_buffer, uint32_t size, int flags,
                       const void *user_address, socklen_t address_length);
int socket_unix_recvfrom(struct file *file, void *user_buffer, uint32_t size, int flags,
                         void *user_address, socklen_t *user_address_length);
int socket_unix_sendmsg(struct file *file, const struct user_vector *data, int flags, const void *user_address,
                        socklen_t address_length, const void *user_control, socklen_t control_length);
int socket_unix_recvmsg(struct file *file, const struct user_vector *data, int flags, void *user_address,
                        socklen_t *user_address_length, struct socket_control *control);
int socket_unix_shutdown(struct file *file, int how);
int socket_unix_setsockopt(struct file *file, int level, int name, const void *user_value, socklen_t length);
int socket_unix_getsockopt(struct file *file, int level, int name, void *user_value, socklen_t *user_length);

/* The open socket bound at `path` for a peer of `type`: -ENOENT (or
 * another lookup error) without a node, -ECONNREFUSED for a node that is
 * no socket or whose socket is closed, -EPROTOTYPE for the other type.
 * No reference is taken. */
int socket_find_bound(const struct unix_name *name, int type, struct socket **result);

/* Whether a call on `file` with send/recv `flags` must not wait. */
static inline int socket_nonblocking(const struct file *file, int flags)
{
    return (file->flags & O_NONBLOCK) || (flags & MSG_DONTWAIT);
}

/* One wait on `queue`, one of `owner`'s (0: woken, look again), or -EAGAIN
 * when the call must not wait or its time is over, or when a signal came
 * -ERESTARTSYS (-EINTR under a timeout, as Linux). `timeout_ns` is the
 * calling socket's SO_RCVTIMEO or SO_SNDTIMEO (0: none); *deadline,
 * 0 at the call's first wait, keeps its end across the call's waits.
 * Caller holds the kernel lock and a reference to `owner`. May sleep. */
int socket_wait_untimed(struct socket *owner, struct wait_queue *queue, int nonblocking, const char *reason);
int socket_wait_timed(struct socket *owner, struct wait_queue *queue, int nonblocking, uint64_t timeout_ns,
                      uint64_t *deadline, const char *reason);
static inline __attribute__((always_inline)) int socket_wait(struct socket *owner, struct wait_queue *queue,
                                                             int nonblocking, uint64_t timeout_ns,
                                                             uint64_t *deadline, const char *reason)
{
    if (__builtin_expect(timeout_ns == 0, 1))         /* the usual: no timeout, the short way */
        return socket_wait_untimed(owner, queue, nonblocking, reason);
    return socket_wait_timed(owner, queue, nonblocking, timeout_ns, deadline, reason);
}

/* Writes the address `path` ("" for none) to user memory as
 * getsockname(2) does: at most *user_length bytes of it, then its full
 * length into *user_length. An empty path gives just the family (length 2)
 * if `family_if_unnamed`, else length 0 (recvfrom from an unbound sender). */
int socket_write_address(const struct unix_name *name, int family_if_unnamed, void *user_address,
                         socklen_t *user_length);

/* Closes a socket that never got a file (not yet accepted) or whose file
 * is gone: it stops, tells its peer, frees its buffers and drops the
 * reference the file (or listener's queue) held. `refused`: a connection
 * its listener closed before accepting it (the peer gets ECONNRESET). */
void socket_close(struct socket *socket, int refused);

/* `socket`'s peer came or went: the epoll entries watching its file
 * watch the new peer's queues (fs/epoll.h). */
static inline void socket_peer_changed(struct socket *socket)
{
    if (socket->file && socket->file->epoll_entries)
        epoll_file_rewatch(socket->file);
}

/* The bytes a stream send may put on `peer`'s ring now: its room less
 * what the marks on it take, as Linux charges each message's memory to
 * the socket's buffer. A sender of one byte with 253 descriptors a time
 * thus fills the ring after some fifteen messages, not the heap. */
static inline uint32_t socket_stream_room(const struct socket *peer)
{
    uint32_t room = byte_ring_room(&peer->received);
    return room > peer->marks_charge ? room - peer->marks_charge : 0;
}

/* socket_gc.c: the collector of sockets reachable only through their
 * own messages. `file`, sent by user `uid`, entered (+1) or left (-1) a
 * message in flight. */
void socket_gc_in_flight(struct file *file, uint32_t uid, int delta);
/* May user `uid` put more files in flight? Not once it has more than
 * `limit` there (its RLIMIT_NOFILE), as Linux's too_many_unix_fds. */
int socket_gc_user_may_send(uint32_t uid, uint32_t limit);
/* After a descriptor of a local socket was closed: frees the messages of
 * sockets no descriptor can reach any more. May free sockets. */
void socket_gc_run(void);
/* The local socket behind `file`, or NULL for any other file. */
struct socket *socket_of_unix_file(const struct file *file);
/* Every socket not yet freed, for ipcs and the collector. */
extern struct list socket_all;

/* socket_poll.c: poll(2)'s answer for a socket's file (file_operations.poll). */
struct poll_table;
unsigned socket_poll(struct file *file, struct poll_table *table);

/* socket_stream.c. Each takes a socket its caller holds (through its
 * open file); the ones that wait may sleep: not from an interrupt. */

/* Connects `socket` to the listener bound at `path`: 0 or -errno. May sleep. */
int socket_stream_connect(struct socket *socket, const struct unix_name *name, int nonblocking);
/* Writes `data` into the peer's ring: the bytes taken, or -errno. The
 * rights of `ancillary` (may be NULL) go with the first bytes and leave
 * it; its credentials, or the sender's own under SO_PASSCRED on either
 * end, with every byte. May sleep. */
int socket_stream_send(struct socket *socket, const struct user_vector *data, int flags, int nonblocking,
                       struct socket_ancillary *ancillary);
/* Reads from the socket's own ring into `data`: the bytes read, 0 at end
 * of file, or -errno; what rode on them goes to `control` (NULL: read,
 * recv: descriptors that came are closed). May sleep. */
int socket_stream_receive(struct socket *socket, const struct user_vector *data, int flags, int nonblocking,
                          struct socket_control *control);
/* send() and recv() of one buffer of plain bytes: the same rules, the
 * short way (socket_stream_transfer.c). May sleep. */
int socket_stream_send_buffer(struct socket *socket, const void *user_buffer, uint32_t size, int flags,
                              int nonblocking);
int socket_stream_receive_buffer(struct socket *socket, void *user_buffer, uint32_t size, int flags,
                                 int nonblocking);
/* Frees the marks of `socket`'s ring, releasing what they carry. */
void socket_stream_drop_marks(struct socket *socket);
/* Gives both of a fresh pair their rings and joins them (socketpair, connect). */
int socket_stream_join(struct socket *first, struct socket *second);
/* Closing: tells the peer, refuses connections not yet accepted, frees the ring. */
void socket_stream_close(struct socket *socket, int refused);

/* socket_datagram.c, with the same context rules */

/* Sets the default peer to the socket bound at `path` (NULL: forgets it). */
int socket_datagram_connect(struct socket *socket, const struct unix_name *name);
/* Queues one datagram of `data`'s bytes at the socket bound at `path`
 * (NULL: the default peer): its size, or -errno. What `ancillary` (may
 * be NULL) carries goes with it and leaves it, on success only. May sleep. */
int socket_datagram_send(struct socket *socket, const struct user_vector *data, const struct unix_name *path,
                         int nonblocking, struct socket_ancillary *ancillary);
/* Takes the oldest datagram (MSG_PEEK: leaves it), its sender's address
 * into *user_address if given, what it carries into `control` (may be
 * NULL): the bytes copied (MSG_TRUNC: its length), 0 after SHUT_RD, or
 * -errno. May sleep. */
int socket_datagram_receive(struct socket *socket, const struct user_vector *data, int flags, int nonblocking,
                            void *user_address, socklen_t *user_address_length, struct socket_control *control);
/* Closing: frees the queued datagrams, forgets the default peer. */
void socket_datagram_close(struct socket *socket);

/* The error a closing peer left (ECONNRESET: it had data or messages
 * of ours unread), as -errno, reported once: 0 when there is none. */
static inline int socket_take_pending_error(struct socket *socket)
{
    int error = socket->pending_error;
    socket->pending_error = 0;
    return -error;
}

/* socket_seqpacket.c, with the same context rules: one datagram to the
 * connection's peer, and one from the socket's own queue, as
 * socket_datagram_send and _receive (ENOTCONN unconnected). May sleep. */
int socket_seqpacket_send(struct socket *socket, const struct user_vector *data, int nonblocking,
                          struct socket_ancillary *ancillary);
int socket_seqpacket_receive(struct socket *socket, const struct user_vector *data, int flags, int nonblocking,
                             void *user_address, socklen_t *user_address_length, struct socket_control *control);

/* May a datagram of `size` bytes join `socket`'s queue? At most
 * SOCKET_DATAGRAM_QUEUE datagrams and SOCKET_DATAGRAM_MAX bytes (its
 * SO_SNDBUF) wait at a receiver; the first always fits. Linux counts a
 * sender's bytes in flight against its SO_SNDBUF: two datagrams of half
 * of it fit, the third waits, here as there. Context: the receiver's lock
 * (the kernel lock, or its own without the big lock). */
static inline int socket_datagram_has_room(const struct socket *socket, uint32_t size)
{
    return socket->datagram_count < SOCKET_DATAGRAM_QUEUE &&
           (socket->datagram_count == 0 || socket->datagram_bytes + size <= SOCKET_DATAGRAM_MAX);
}

#endif

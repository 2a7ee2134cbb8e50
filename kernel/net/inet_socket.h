/* kernel/net/inet_socket.h - Internet (AF_INET) sockets: the object every
 * protocol's socket is, the table of bound ports, and the calls a protocol
 * (tcp_protocol, udp_protocol, icmp_protocol) provides.
 *
 *   descriptor --> open file --> [ inet_socket: type, local and remote
 *                                  endpoints, options, wait queues,
 *                                  protocol --> tcp / udp / icmp calls,
 *                                  protocol_state --> its connection ]
 *
 * inet_socket.c holds what every protocol shares: socket() for AF_INET,
 * the file operations (read, write, poll, close), the socket family calls
 * (kernel/ipc/socket_family.h) which check addresses and options and then
 * call the protocol, bind and the port table (inet_port.c), and the
 * listing for netstat. A protocol does the rest.
 *
 * Context for everything here: kernel lock held (a system call or the
 * network task). Calls marked "may sleep" must drain the network's queue
 * before they sleep: inet_socket_wait does it. */
#ifndef KERNEL_NET_INET_SOCKET_H
#define KERNEL_NET_INET_SOCKET_H

#include <stdint.h>

#include "lib/list.h"
#include "net_for_core.h"   /* what the core asks: inet_socket_count ... */
#include "sched/wait_queue.h"
#include "uapi/errno.h"
#include "uapi/in.h"
#include "uapi/kinfo.h"

#define INET_EPHEMERAL_FIRST 32768   /* ports bind(0) and connect hand out, as Linux */
#define INET_EPHEMERAL_LAST  60999

struct file;
struct poll_table;
struct user_vector;
struct inet_socket;

/* One end: address and port, host byte order. */
struct inet_endpoint {
    uint32_t address;
    uint16_t port;
};

/* inet_socket.shutdown's bits (the same as AF_UNIX's) */
#define INET_SHUTDOWN_RECEIVE 1
#define INET_SHUTDOWN_SEND    2

/* A protocol's calls. Each gets a socket its caller holds a reference to;
 * user buffers are checked by the caller (inet_socket.c) for range only,
 * so copies may still fail with -EFAULT. An absent call answers
 * -EOPNOTSUPP. */
struct inet_protocol {
    const char *name;                 /* "tcp", "udp", "icmp" */
    int protocol;                     /* IPPROTO_* */
    /* A new socket: makes its protocol_state. 0 or -ENOMEM. */
    int (*create)(struct inet_socket *socket);
    /* connect(): `remote` is the peer (address 0 with port 0: AF_UNSPEC,
     * dissolve a datagram association). The socket is bound already
     * (inet_port_bind with port 0 if it was not). 0 or -errno. May sleep. */
    int (*connect)(struct inet_socket *socket, const struct inet_endpoint *remote, int nonblocking);
    int (*listen)(struct inet_socket *socket, unsigned backlog);
    /* accept(): a new connected socket with one reference in *accepted.
     * May sleep. */
    int (*accept)(struct inet_socket *socket, struct inet_socket **accepted, int nonblocking);
    /* send/sendto/write: `to` NULL for a connected socket. The bytes
     * taken, or -errno. May sleep. */
    int (*send)(struct inet_socket *socket, const void *user_buffer, uint32_t size, int flags, int nonblocking,
                const struct inet_endpoint *to);
    /* recv/recvfrom/read: the bytes copied (MSG_TRUNC on a datagram: its
     * length), 0 at end of file, or -errno; the sender into *from. May sleep. */
    int (*receive)(struct inet_socket *socket, void *user_buffer, uint32_t size, int flags, int nonblocking,
                   struct inet_endpoint *from);
    /* Optional (datagram protocols): send and receive as above with the
     * bytes in several user buffers, one datagram all the same (sendmsg,
     * recvmsg, writev, readv). Absent: EOPNOTSUPP for several buffers. */
    int (*send_vector)(struct inet_socket *socket, const struct user_vector *data, int flags, int nonblocking,
                       const struct inet_endpoint *to);
    int (*receive_vector)(struct inet_socket *socket, const struct user_vector *data, int flags, int nonblocking,
                          struct inet_endpoint *from);
    /* shutdown(): the INET_SHUTDOWN_* halves, already added to socket->shutdown. */
    int (*shutdown)(struct inet_socket *socket, unsigned halves);
    /* poll: POLL* bits, registering watches on socket->readable/writable. */
    unsigned (*poll)(struct inet_socket *socket, struct poll_table *table);
    /* setsockopt/getsockopt at the protocol's level (IPPROTO_TCP ...);
     * the value is in kernel memory. -ENOPROTOOPT for an unknown name. */
    int (*set_option)(struct inet_socket *socket, int name, const void *value, socklen_t length);
    int (*get_option)(struct inet_socket *socket, int name, void *value, socklen_t *length);
    /* The file is gone (close): start an orderly close (TCP keeps its
     * connection until the peer has everything and TIME_WAIT is over,
     * holding its own reference meanwhile). Never sleeps. */
    void (*close)(struct inet_socket *socket);
    /* The last reference is gone: free protocol_state. */
    void (*destroy)(struct inet_socket *socket);
    /* netstat's view: fills state, receive_queue, send_queue. */
    void (*describe)(const struct inet_socket *socket, struct kinfo_net_socket *entry);
    /* Optional: ioctl(SIOCATMARK), whether the next byte read is at
     * the urgent mark (tcp_urgent.c). Absent: -ENOTTY. */
    int (*at_mark)(const struct inet_socket *socket);
    /* Optional: ioctl(FIONREAD) (SIOCINQ), what a receive could take now:
     * a stream's unread bytes, a datagram socket's next datagram's
     * length; -EINVAL while listening. Absent (a ping socket): -ENOTTY,
     * as Linux's. Never sleeps. */
    int (*unread)(const struct inet_socket *socket);
};

struct inet_socket {
    int type;                         /* SOCK_STREAM or SOCK_DGRAM */
    const struct inet_protocol *protocol;
    void *protocol_state;             /* the protocol's own (a TCP connection, a datagram queue) */
    uint32_t id;                      /* for ps ("socket tcp 127.0.0.1:7") and netstat */
    int owner_pid;
    struct list_node link;            /* in the list of every Internet socket, for netstat */
    unsigned references;
    int closed;                       /* its file is gone */
    struct file *file;                /* its file, while not closed: whom SIGURG's owner is asked of */

    struct inet_endpoint local;       /* port 0: not bound */
    struct inet_endpoint remote;      /* port 0: not connected (the protocol's connect sets it) */
    int bound;                        /* in the port table */
    uint32_t bound_address;           /* the address bind() asked for (0: any): connect() may fill
                                         local.address, and AF_UNSPEC puts this back */
    int listening;                    /* listen() succeeded (SO_ACCEPTCONN, the port rules) */
    struct list_node port_link;       /* in the port table */
    unsigned shutdown;                /* INET_SHUTDOWN_* */
    int pending_error;                /* SO_ERROR, a positive errno value: reported once, by the
                                         next call or getsockopt */

    /* SOL_SOCKET options */
    int reuse_address, broadcast, keep_alive;
    int urgent_inline;                /* SO_OOBINLINE: TCP's urgent byte is read in the stream */
    int linger_on, linger_seconds;
    uint64_t receive_timeout_ns, send_timeout_ns;   /* 0: wait for ever */
    unsigned receive_buffer, send_buffer;           /* bytes */
    uint8_t ttl;                      /* IP_TTL */

    struct wait_queue readable;       /* receive, accept, and connect's end wait here */
    struct wait_queue writable;       /* send waits here for room */
    unsigned wakeups;                 /* counts inet_socket_wake: a wait sees one that came
                                         while it drained the network's queue */
};

/* A new socket of `type` for `protocol`, with one reference, or NULL. */
struct inet_socket *inet_socket_create(int type, const struct inet_protocol *protocol);
void inet_socket_get(struct inet_socket *socket);
void inet_socket_put(struct inet_socket *socket);

/* A descriptor for a socket made inside the kernel (accept), taking over
 * its reference: the descriptor, or -errno (the socket is then closed). */
int inet_socket_install(struct inet_socket *socket, int flags);

/* socket(AF_INET, type, protocol) (kernel/ipc/socket.c's sys_socket
 * calls it): a descriptor or -errno. */
#ifdef SUBSYSTEM_NET
int inet_socket_open(int type, int protocol);
#else
static inline int inet_socket_open(int type, int protocol)   /* no network: the family is not supported, as in Linux without it */
{
    (void)type;
    (void)protocol;
    return -EAFNOSUPPORT;
}
#endif

/* One wait on `queue` (one of `socket`'s): first drains the network's
 * queue (net_run_pending), then sleeps until woken, `deadline_ns` (0:
 * none) or a signal. 0: woken, look again; -EAGAIN when nonblocking or
 * the deadline passed; -ERESTARTSYS on a signal. May sleep. */
int inet_socket_wait(struct inet_socket *socket, struct wait_queue *queue, int nonblocking,
                     uint64_t deadline_ns, const char *reason);

/* The deadline for a wait that starts now under a SO_RCVTIMEO/SO_SNDTIMEO
 * of `timeout_ns` (0: none). */
uint64_t inet_socket_deadline(uint64_t timeout_ns);

/* Wakes both of the socket's queues and the poll watchers on them.
 * Protocols wake a socket's waiters only through this: a wake-up that
 * comes while inet_socket_wait drains the network's queue (before the
 * waiter is on the queue) is seen through socket->wakeups, never lost. */
void inet_socket_wake(struct inet_socket *socket);

/* The pending error (positive, as SO_ERROR gives it), cleared; 0 if none. */
int inet_socket_take_error(struct inet_socket *socket);

/* send/sendto/write and recv/recvfrom/read once the arguments are
 * checked (inet_socket_calls.c): the pending error of a datagram socket,
 * the protocol's call, SIGPIPE for a stream's EPIPE unless MSG_NOSIGNAL,
 * and the network's queue drained before returning. May sleep. */
int inet_socket_send(struct inet_socket *socket, const void *user_buffer, uint32_t size, int flags,
                     int nonblocking, const struct inet_endpoint *to);
int inet_socket_receive(struct inet_socket *socket, void *user_buffer, uint32_t size, int flags,
                        int nonblocking, struct inet_endpoint *from);

/* bind, connect, ... setsockopt of AF_INET (inet_socket_calls.c): the
 * `socket` table of an Internet socket's file operations. */
extern const struct socket_family_operations inet_family_operations;

/* The family's sendmsg and recvmsg (inet_socket_message.c). May sleep. */
struct socket_control;
int inet_sendmsg(struct file *file, const struct user_vector *data, int flags, const void *user_address,
                 socklen_t address_length, const void *user_control, socklen_t control_length);
int inet_recvmsg(struct file *file, const struct user_vector *data, int flags, void *user_address,
                 socklen_t *user_address_length, struct socket_control *control);
/* A datagram from or into several buffers, with sendto's and recvfrom's
 * checks (inet_socket_calls.c). May sleep. */
int inet_socket_send_datagram_vector(struct file *file, const struct user_vector *data, int flags,
                                     const void *user_address, socklen_t address_length);
int inet_socket_receive_datagram_vector(struct file *file, const struct user_vector *data, int flags,
                                        void *user_address, socklen_t *user_address_length,
                                        struct socket_control *control);

/* setsockopt and getsockopt of AF_INET (inet_socket_options.c), in that
 * table. */
struct file;
int inet_setsockopt(struct file *file, int level, int name, const void *user_value, socklen_t length);
int inet_getsockopt(struct file *file, int level, int name, void *user_value, socklen_t *user_length);

/* The default of SO_RCVBUF and SO_SNDBUF, and their bounds; setsockopt
 * doubles the value asked for, as Linux does, to leave room for the
 * kernel's bookkeeping. */
#define INET_BUFFER_DEFAULT 65536
#define INET_BUFFER_MIN     2304
#define INET_BUFFER_MAX     (4 * INET_BUFFER_DEFAULT)

/* For ps: "socket tcp 127.0.0.1:7 -> 127.0.0.1:40000" and the like. */
void inet_socket_describe(const void *socket, char *buffer, unsigned size);

/* The port table (inet_port.c), one per protocol. */

/* Binds `socket` to `address`:`port` (port 0: a free ephemeral one).
 * -EADDRINUSE when another socket of the protocol holds the port on that
 * address (or on INADDR_ANY), unless both set SO_REUSEADDR and the holder
 * is not listening (TCP), as Linux; -EADDRNOTAVAIL for an address not
 * ours; -EACCES for a port below 1024 when not root. */
int inet_port_bind(struct inet_socket *socket, uint32_t address, uint16_t port);

/* Puts a socket made by accept() (same local port as its listener) in the
 * table without the EADDRINUSE check. */
void inet_port_add_connected(struct inet_socket *socket);

/* Takes `socket` out of the table. */
void inet_port_unbind(struct inet_socket *socket);

/* The socket of `protocol` a packet from `remote` to `local` belongs to:
 * a connected socket whose four values match, else one bound to the local
 * port on that address or INADDR_ANY and not connected elsewhere (for TCP:
 * the listener). A `local` address of 0 matches any local address (an
 * ICMP error names only our port). NULL if none. No reference is taken. */
struct inet_socket *inet_port_lookup(int protocol, const struct inet_endpoint *local,
                                     const struct inet_endpoint *remote);

/* The calls of SOCK_DGRAM sockets: UDP (udp_socket.c) and ping sockets
 * (icmp_socket.c). */
extern const struct inet_protocol udp_protocol;
extern const struct inet_protocol icmp_protocol;

#endif

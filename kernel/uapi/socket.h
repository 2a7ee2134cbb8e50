/* kernel/uapi/socket.h - sockets as programs see them: address families,
 * socket types, flags, options and the local (AF_UNIX) address, Linux's
 * values. Internet addresses (struct sockaddr_in) are in uapi/in.h. */
#ifndef KERNEL_UAPI_SOCKET_H
#define KERNEL_UAPI_SOCKET_H

typedef unsigned short sa_family_t;  /* an address family: AF_* */
typedef unsigned int   socklen_t;    /* the length of an address, in bytes */

#define AF_UNSPEC   0                /* datagram connect(): forget the default peer */
#define AF_UNIX     1                /* local sockets, named by a path in the file system */
#define AF_LOCAL    AF_UNIX
#define AF_INET     2                /* Internet (IPv4) sockets: uapi/in.h */
#define PF_UNSPEC   AF_UNSPEC
#define PF_INET     AF_INET
#define PF_UNIX     AF_UNIX
#define PF_LOCAL    AF_UNIX

#define SOCK_STREAM    1             /* a connection: a full-duplex byte stream */
#define SOCK_DGRAM     2             /* datagrams: messages that keep their boundaries */
#define SOCK_NONBLOCK  04000         /* with the type: O_NONBLOCK on the new descriptor */
#define SOCK_CLOEXEC   02000000      /* with the type: close the descriptor on exec */

#define SOMAXCONN      128           /* the usual backlog for listen() */

/* shutdown()'s `how` */
#define SHUT_RD   0                  /* no more receiving */
#define SHUT_WR   1                  /* no more sending: the peer reads end of file */
#define SHUT_RDWR 2

/* send/recv flags */
#define MSG_OOB       0x1            /* out-of-band data: EOPNOTSUPP on local sockets */
#define MSG_PEEK      0x2            /* receive without taking the data off the queue */
#define MSG_TRUNC     0x20           /* datagram receive: return the datagram's real length */
#define MSG_DONTWAIT  0x40           /* this call only: EAGAIN instead of waiting */
#define MSG_WAITALL   0x100          /* stream receive: wait for the whole buffer (or EOF) */
#define MSG_NOSIGNAL  0x4000         /* stream send: EPIPE without SIGPIPE */

/* setsockopt/getsockopt: the socket level and its options (Linux i386) */
#define SOL_SOCKET     1
#define SO_DEBUG       1
#define SO_REUSEADDR   2             /* int: bind to a port a closed connection still holds */
#define SO_TYPE        3             /* int, read only: SOCK_STREAM or SOCK_DGRAM */
#define SO_ERROR       4             /* int, read only: the pending error, cleared by reading */
#define SO_DONTROUTE   5
#define SO_BROADCAST   6             /* int: datagrams may go to a broadcast address */
#define SO_SNDBUF      7             /* int: the send buffer's size */
#define SO_RCVBUF      8             /* int: the receive buffer's size */
#define SO_KEEPALIVE   9             /* int: probe an idle connection */
#define SO_OOBINLINE   10
#define SO_LINGER      13            /* struct linger: close() waits to send what is queued */
#define SO_REUSEPORT   15
#define SO_RCVLOWAT    18
#define SO_SNDLOWAT    19
#define SO_RCVTIMEO    20            /* struct timeval: a receive waits this long, then EAGAIN */
#define SO_SNDTIMEO    21            /* struct timeval: a send waits this long, then EAGAIN */
#define SO_ACCEPTCONN  30            /* int, read only: listening */
#define SO_PROTOCOL    38            /* int, read only */
#define SO_DOMAIN      39            /* int, read only: AF_UNIX or AF_INET */

struct linger {
    int l_onoff;                     /* nonzero: linger */
    int l_linger;                    /* for this many seconds */
};

struct sockaddr {
    sa_family_t sa_family;
    char        sa_data[14];
};

/* A local socket's address: a path. A path of all 108 bytes needs no NUL;
 * the address length says where it ends. */
#define UNIX_PATH_MAX 108
struct sockaddr_un {
    sa_family_t sun_family;          /* AF_UNIX */
    char        sun_path[UNIX_PATH_MAX];
};

/* Room for any address (128 bytes, as on Linux). */
struct sockaddr_storage {
    sa_family_t   ss_family;
    char          __ss_padding[128 - sizeof(sa_family_t) - sizeof(unsigned long)];
    unsigned long __ss_align;
};

#endif

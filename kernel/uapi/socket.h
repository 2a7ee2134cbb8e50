/* kernel/uapi/socket.h - local (AF_UNIX) sockets as programs see them:
 * address families, socket types, flags and addresses, Linux's values. */
#ifndef KERNEL_UAPI_SOCKET_H
#define KERNEL_UAPI_SOCKET_H

typedef unsigned short sa_family_t;  /* an address family: AF_* */
typedef unsigned int   socklen_t;    /* the length of an address, in bytes */

#define AF_UNSPEC   0                /* datagram connect(): forget the default peer */
#define AF_UNIX     1                /* local sockets, named by a path in the file system */
#define AF_LOCAL    AF_UNIX
#define PF_UNSPEC   AF_UNSPEC
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

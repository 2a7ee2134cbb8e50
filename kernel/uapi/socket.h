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
#define AF_INET6    10               /* IPv6: no such socket here (socket() says EAFNOSUPPORT, as
                                        Linux booted with ipv6.disable=1); its addresses, for
                                        programs written for both, are in <netinet/in.h> */
#define PF_UNSPEC   AF_UNSPEC
#define PF_INET     AF_INET
#define PF_INET6    AF_INET6
#define PF_UNIX     AF_UNIX
#define PF_LOCAL    AF_UNIX

#define SOCK_STREAM    1             /* a connection: a full-duplex byte stream */
#define SOCK_DGRAM     2             /* datagrams: messages that keep their boundaries */
#define SOCK_RAW       3             /* AF_UNIX takes it as SOCK_DGRAM, as Linux; AF_INET has none */
#define SOCK_RDM       4             /* Linux's number; no family here has it (ESOCKTNOSUPPORT) */
#define SOCK_SEQPACKET 5             /* AF_UNIX: a connection carrying messages that keep their boundaries */
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
#define MSG_CTRUNC    0x8            /* recvmsg's msg_flags: ancillary data was cut short */
#define MSG_EOR       0x80           /* end of record (no record sockets here: never set) */
#define MSG_CMSG_CLOEXEC 0x40000000  /* recvmsg: descriptors of SCM_RIGHTS get close-on-exec */

/* setsockopt/getsockopt: the socket level and its options (Linux i386) */
#define SOL_SOCKET     1
#define SO_DEBUG       1
#define SO_REUSEADDR   2             /* int: bind to a port a closed connection still holds */
#define SO_TYPE        3             /* int, read only: SOCK_STREAM, SOCK_DGRAM or SOCK_SEQPACKET */
#define SO_ERROR       4             /* int, read only: the pending error, cleared by reading */
#define SO_DONTROUTE   5
#define SO_BROADCAST   6             /* int: datagrams may go to a broadcast address */
#define SO_SNDBUF      7             /* int: the send buffer's size */
#define SO_RCVBUF      8             /* int: the receive buffer's size */
#define SO_KEEPALIVE   9             /* int: probe an idle connection */
#define SO_OOBINLINE   10
#define SO_LINGER      13            /* struct linger: close() waits to send what is queued */
#define SO_REUSEPORT   15
#define SO_PASSCRED    16            /* int: recvmsg gives the sender's SCM_CREDENTIALS */
#define SO_PEERCRED    17            /* struct ucred, read only: the peer when connected */
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

/* sendmsg and recvmsg: a message of many buffers (uapi/uio.h), an
 * address, and ancillary data: a run of control messages, each a
 * struct cmsghdr and its data, aligned as CMSG_ALIGN says (Linux i386). */
struct iovec;
struct msghdr {
    void         *msg_name;          /* the address (sendto's / recvfrom's), or NULL */
    socklen_t     msg_namelen;       /* its length; recvmsg: the room, then the length */
    struct iovec *msg_iov;           /* the buffers, filled or emptied in order */
    unsigned int  msg_iovlen;        /* how many (a size_t): at most IOV_MAX, else EMSGSIZE */
    void         *msg_control;       /* ancillary data, or NULL */
    unsigned int  msg_controllen;    /* its length; recvmsg: the room, then the bytes used */
    int           msg_flags;         /* recvmsg: MSG_TRUNC, MSG_CTRUNC */
};

struct cmsghdr {
    unsigned int cmsg_len;           /* the header and the data, not the padding after (a size_t) */
    int          cmsg_level;         /* SOL_SOCKET */
    int          cmsg_type;          /* SCM_RIGHTS, SCM_CREDENTIALS */
    /* the data follows, at CMSG_DATA */
};

#define SCM_RIGHTS      1            /* data: int descriptors, passed as dup would */
#define SCM_CREDENTIALS 2            /* data: struct ucred, the sender's (checked) */
#define SCM_MAX_FD      253          /* descriptors in one message: EINVAL beyond */

/* Who sent a message (SCM_CREDENTIALS) or made a connection (SO_PEERCRED). */
struct ucred {
    int          pid;                /* a pid_t */
    unsigned int uid;                /* a uid_t */
    unsigned int gid;                /* a gid_t */
};

#define CMSG_ALIGN(length) (((length) + sizeof(unsigned int) - 1) & ~(sizeof(unsigned int) - 1))
#define CMSG_SPACE(length) (CMSG_ALIGN(sizeof(struct cmsghdr)) + CMSG_ALIGN(length))
#define CMSG_LEN(length)   (CMSG_ALIGN(sizeof(struct cmsghdr)) + (length))
#define CMSG_DATA(cmsg)    ((unsigned char *)(cmsg) + CMSG_ALIGN(sizeof(struct cmsghdr)))
#define CMSG_FIRSTHDR(msg) \
    ((msg)->msg_controllen >= sizeof(struct cmsghdr) ? (struct cmsghdr *)(msg)->msg_control \
                                                      : (struct cmsghdr *)0)
/* The control message after `cmsg`, or NULL when none fits in the rest. */
#define CMSG_NXTHDR(msg, cmsg) __cmsg_next_header((msg), (cmsg))
static inline struct cmsghdr *__cmsg_next_header(const struct msghdr *msg, const struct cmsghdr *cmsg)
{
    if (cmsg->cmsg_len < sizeof(struct cmsghdr))
        return (struct cmsghdr *)0;
    unsigned char *next = (unsigned char *)cmsg + CMSG_ALIGN(cmsg->cmsg_len);
    unsigned char *end = (unsigned char *)msg->msg_control + msg->msg_controllen;
    if (next + sizeof(struct cmsghdr) > end ||
        next + CMSG_ALIGN(((const struct cmsghdr *)next)->cmsg_len) > end)
        return (struct cmsghdr *)0;
    return (struct cmsghdr *)next;
}

/* Room for any address (128 bytes, as on Linux). */
struct sockaddr_storage {
    sa_family_t   ss_family;
    char          __ss_padding[128 - sizeof(sa_family_t) - sizeof(unsigned long)];
    unsigned long __ss_align;
};

#endif

/* kernel/uapi/in.h - Internet (IPv4) sockets as programs see them: the
 * address, the protocols, their options; Linux's values. Ports and
 * addresses in a sockaddr_in are in network byte order (big-endian):
 * programs convert with htons/htonl (<arpa/inet.h>). */
#ifndef KERNEL_UAPI_IN_H
#define KERNEL_UAPI_IN_H

#include <stdint.h>

#include "socket.h"

typedef uint16_t in_port_t;           /* a port, network byte order */
typedef uint32_t in_addr_t;           /* an address, network byte order */

struct in_addr {
    in_addr_t s_addr;
};

/* An Internet socket's address: family, port, address (16 bytes). */
struct sockaddr_in {
    sa_family_t    sin_family;        /* AF_INET */
    in_port_t      sin_port;          /* network byte order */
    struct in_addr sin_addr;          /* network byte order */
    unsigned char  sin_zero[8];       /* padding to the size of struct sockaddr */
};

/* socket()'s protocol; also setsockopt's level for that protocol */
#define IPPROTO_IP    0
#define IPPROTO_ICMP  1               /* with SOCK_DGRAM: a ping socket (echo requests and replies) */
#define IPPROTO_TCP   6
#define IPPROTO_UDP   17
#define IPPROTO_RAW   255             /* Linux's number; there are no raw sockets here (socket(2): EINVAL) */

/* Addresses, in host byte order (wrap them in htonl) */
#define INADDR_ANY        ((in_addr_t)0x00000000)   /* bind: every address of this machine */
#define INADDR_BROADCAST  ((in_addr_t)0xffffffff)
#define INADDR_NONE       ((in_addr_t)0xffffffff)   /* inet_addr's error */
#define INADDR_LOOPBACK   ((in_addr_t)0x7f000001)   /* 127.0.0.1 */

#define INET_ADDRSTRLEN   16          /* "255.255.255.255" and its NUL */
#define INET6_ADDRSTRLEN  46          /* "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255" and its NUL:
                                         the longest IPv6 text (inet_ntop; no IPv6 socket here) */

/* level IPPROTO_IP */
#define IP_TOS        1
#define IP_TTL        2               /* int: the time to live of packets sent */

/* level IPPROTO_TCP (also in <netinet/tcp.h>) */
#define TCP_NODELAY   1               /* int: send small segments at once (no Nagle) */
#define TCP_MAXSEG    2               /* int: the largest segment sent */

#endif

/* libc/include/netinet/in.h - Internet addresses and protocols: struct
 * sockaddr_in, IPPROTO_*, INADDR_*, from kernel/uapi/in.h; IPv6's
 * addresses; and the byte order conversions (also in <arpa/inet.h>). */
#ifndef LIBC_INCLUDE_NETINET_IN_H
#define LIBC_INCLUDE_NETINET_IN_H

#include <stdint.h>
#include <sys/socket.h>
#include <uapi/in.h>

/* IPv6 addresses, as glibc lays them out. The kernel has no IPv6 socket
 * (socket(AF_INET6, ...) is EAFNOSUPPORT, as on a Linux booted with
 * ipv6.disable=1); the addresses are here for programs written for both
 * families, which then run on IPv4, and for inet_pton and inet_ntop,
 * which read and write IPv6 text (libc/socket/inet_address.c). */
struct in6_addr {
    union {                           /* named, as glibc's: C89 and C99 have no anonymous union */
        uint8_t  u6_addr8[16];        /* network byte order: the first group's high byte first */
        uint16_t u6_addr16[8];
        uint32_t u6_addr32[4];
    } in6_u;
};
#define s6_addr   in6_u.u6_addr8
#define s6_addr16 in6_u.u6_addr16
#define s6_addr32 in6_u.u6_addr32

struct sockaddr_in6 {
    sa_family_t     sin6_family;      /* AF_INET6 */
    in_port_t       sin6_port;        /* network byte order */
    uint32_t        sin6_flowinfo;
    struct in6_addr sin6_addr;
    uint32_t        sin6_scope_id;    /* the interface of a link-local address */
};

extern const struct in6_addr in6addr_any;        /* :: */
extern const struct in6_addr in6addr_loopback;   /* ::1 */
#define IN6ADDR_ANY_INIT      { { { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 } } }
#define IN6ADDR_LOOPBACK_INIT { { { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 } } }

/* What kind of address *a is (POSIX's macros; a is a const struct in6_addr *) */
#define IN6_IS_ADDR_UNSPECIFIED(a) \
    (((const uint32_t *)(a))[0] == 0 && ((const uint32_t *)(a))[1] == 0 && \
     ((const uint32_t *)(a))[2] == 0 && ((const uint32_t *)(a))[3] == 0)
#define IN6_IS_ADDR_LOOPBACK(a) \
    (((const uint32_t *)(a))[0] == 0 && ((const uint32_t *)(a))[1] == 0 && \
     ((const uint32_t *)(a))[2] == 0 && ((const uint32_t *)(a))[3] == htonl(1))
#define IN6_IS_ADDR_MULTICAST(a)  (((const uint8_t *)(a))[0] == 0xff)
#define IN6_IS_ADDR_LINKLOCAL(a) \
    (((const uint8_t *)(a))[0] == 0xfe && (((const uint8_t *)(a))[1] & 0xc0) == 0x80)
#define IN6_IS_ADDR_SITELOCAL(a) \
    (((const uint8_t *)(a))[0] == 0xfe && (((const uint8_t *)(a))[1] & 0xc0) == 0xc0)
#define IN6_IS_ADDR_V4MAPPED(a) \
    (((const uint32_t *)(a))[0] == 0 && ((const uint32_t *)(a))[1] == 0 && \
     ((const uint32_t *)(a))[2] == htonl(0xffff))
#define IN6_IS_ADDR_V4COMPAT(a) \
    (((const uint32_t *)(a))[0] == 0 && ((const uint32_t *)(a))[1] == 0 && \
     ((const uint32_t *)(a))[2] == 0 && ntohl(((const uint32_t *)(a))[3]) > 1)
#define IN6_ARE_ADDR_EQUAL(a, b) \
    (((const uint32_t *)(a))[0] == ((const uint32_t *)(b))[0] && \
     ((const uint32_t *)(a))[1] == ((const uint32_t *)(b))[1] && \
     ((const uint32_t *)(a))[2] == ((const uint32_t *)(b))[2] && \
     ((const uint32_t *)(a))[3] == ((const uint32_t *)(b))[3])

#define IPPROTO_IPV6  41              /* setsockopt's level for IPv6 (no such socket here) */
#define IPV6_V6ONLY   26

/* Host to network byte order and back: the network's is big-endian. */
uint32_t htonl(uint32_t host);
uint16_t htons(uint16_t host);
uint32_t ntohl(uint32_t network);
uint16_t ntohs(uint16_t network);

#endif

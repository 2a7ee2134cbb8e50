/* user/bin/net_socket_table.h - printing the Internet sockets as the
 * kernel lists them (kinfo_table(KINFO_NET_SOCKETS), kernel/uapi/kinfo.h),
 * shared by netstat(1) and ipcs(1). */
#ifndef USER_BIN_NET_SOCKET_TABLE_H
#define USER_BIN_NET_SOCKET_TABLE_H

#include <arpa/inet.h>
#include <kernel.h>
#include <stdio.h>

#define ENDPOINT_TEXT_MAX 22   /* "255.255.255.255:65535" and its NUL */

/* "tcp", "udp" or "icmp" (a ping socket). */
static inline const char *net_protocol_name(int protocol)
{
    switch (protocol) {
    case IPPROTO_TCP:  return "tcp";
    case IPPROTO_UDP:  return "udp";
    case IPPROTO_ICMP: return "icmp";
    default:           return "?";
    }
}

/* An address and port (network order) as netstat writes them:
 * "127.0.0.1:7", or "0.0.0.0:*" for no port. */
static inline void net_endpoint_text(unsigned address, unsigned short port, char text[ENDPOINT_TEXT_MAX])
{
    struct in_addr in = { address };
    char digits[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &in, digits, sizeof digits);
    if (port)
        snprintf(text, ENDPOINT_TEXT_MAX, "%s:%u", digits, ntohs(port));
    else
        snprintf(text, ENDPOINT_TEXT_MAX, "%s:*", digits);
}

/* The state need not end in a NUL: print it with "%.*s" and this. */
#define NET_SOCKET_STATE(socket) (int)sizeof (socket)->state, (socket)->state

#endif

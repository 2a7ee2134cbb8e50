/* libc/include/netinet/in.h - Internet addresses and protocols: struct
 * sockaddr_in, IPPROTO_*, INADDR_*, from kernel/uapi/in.h, and the byte
 * order conversions (also in <arpa/inet.h>). */
#ifndef LIBC_INCLUDE_NETINET_IN_H
#define LIBC_INCLUDE_NETINET_IN_H

#include <stdint.h>
#include <sys/socket.h>
#include <uapi/in.h>

/* Host to network byte order and back: the network's is big-endian. */
uint32_t htonl(uint32_t host);
uint16_t htons(uint16_t host);
uint32_t ntohl(uint32_t network);
uint16_t ntohs(uint16_t network);

#endif

/* libc/include/netinet/ip_icmp.h - the ICMP header, as glibc's struct
 * icmphdr names it: what a ping socket (socket(AF_INET, SOCK_DGRAM,
 * IPPROTO_ICMP)) sends and receives, without the IP header before it. */
#ifndef LIBC_INCLUDE_NETINET_IP_ICMP_H
#define LIBC_INCLUDE_NETINET_IP_ICMP_H

#include <stdint.h>

struct icmphdr {
    uint8_t  type;                    /* ICMP_ECHO, ICMP_ECHOREPLY, ... */
    uint8_t  code;
    uint16_t checksum;                /* the kernel fills it in on a ping socket */
    union {
        struct {
            uint16_t id;              /* the kernel puts the socket's port here */
            uint16_t sequence;        /* network byte order */
        } echo;
        uint32_t gateway;
    } un;
};

#define ICMP_ECHOREPLY     0          /* echo reply */
#define ICMP_DEST_UNREACH  3          /* destination unreachable */
#define ICMP_ECHO          8          /* echo request */
#define ICMP_TIME_EXCEEDED 11

#endif

/* kernel/net/icmp.h - ICMP: answers echo requests (ping), sends
 * "destination unreachable" for a port nobody listens on, and passes echo
 * replies and errors to the sockets they concern. */
#ifndef KERNEL_NET_ICMP_H
#define KERNEL_NET_ICMP_H

#include <stdint.h>

#include "packet.h"

#define ICMP_ECHO_REPLY              0
#define ICMP_DESTINATION_UNREACHABLE 3
#define ICMP_ECHO_REQUEST            8
#define ICMP_HOST_UNREACHABLE        1   /* codes of DESTINATION_UNREACHABLE */
#define ICMP_PROTOCOL_UNREACHABLE    2
#define ICMP_PORT_UNREACHABLE        3
#define ICMP_HEADER_LENGTH           8

/* An ICMP message came in (the IP header is off; packet->source_address
 * and destination_address are set). Echo requests are answered; echo
 * replies go to the ping socket they name (icmp_socket_deliver); an
 * unreachable message for a UDP or TCP packet we sent reports an error to
 * its socket (udp_report_unreachable, tcp_report_unreachable). Takes the
 * packet over. Context: kernel lock held, task context; never sleeps. */
void icmp_receive(struct packet *packet);

/* Sends "destination unreachable" with `code` about `offending`, a packet
 * received (its IP header must still be in front of packet->data: pass
 * the IP header's start in `ip_header`, its length with the first 8 bytes
 * of payload in `quoted_length`). Never about an ICMP error or a broadcast.
 * Context: kernel lock held; never sleeps. */
void icmp_send_unreachable(uint32_t to, uint8_t code, const uint8_t *ip_header, uint32_t quoted_length);

/* Counters for netstat -s and tests. */
struct icmp_statistics {
    unsigned received, bad, echo_requests, echo_replies, unreachable_received;
    unsigned sent_unreachable, rate_limited;
};
extern struct icmp_statistics icmp_statistics;

/* Ping sockets (socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP), as Linux's):
 * the socket layer's side, in icmp_socket.c. An echo reply whose
 * identifier is a ping socket's local port goes to that socket: returns
 * 1 if one took it (the packet, data at the ICMP header, is then its), 0
 * if none did (the caller frees it). */
int icmp_socket_deliver(struct packet *packet, uint16_t identifier);

#endif

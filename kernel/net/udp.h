/* kernel/net/udp.h - UDP: datagrams with ports, length and a checksum
 * over a pseudo-header, delivered to the socket bound to their port. */
#ifndef KERNEL_NET_UDP_H
#define KERNEL_NET_UDP_H

#include <stdint.h>

#include "packet.h"

#define UDP_HEADER_LENGTH 8

/* A UDP datagram came in (the IP header is off, its addresses in the
 * packet): checks length and checksum, and queues it at the socket bound
 * to its destination port, or answers ICMP port unreachable (pass the IP
 * header's start for that: `ip_header`, `ip_header_length`). Takes the
 * packet over. Context: kernel lock held, task context; never sleeps. */
void udp_receive(struct packet *packet, const uint8_t *ip_header, uint32_t ip_header_length);

/* An ICMP port unreachable came back for a datagram we sent from
 * `local_port` to `remote`/`remote_port`: a connected socket reports
 * ECONNREFUSED on its next call, as on Linux. */
void udp_report_unreachable(uint32_t remote, uint16_t remote_port, uint16_t local_port);

#endif

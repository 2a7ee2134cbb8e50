/* kernel/net/ipv4.h - IPv4: the 20-byte header (no options sent; options
 * received are skipped), its checksum, routing through net_route, and
 * handing the payload to ICMP, UDP or TCP. Fragments are not reassembled:
 * a fragment that comes in is dropped (counted), and nothing larger than
 * the interface's MTU is sent (-EMSGSIZE); the Don't Fragment bit is set
 * on what goes out. */
#ifndef KERNEL_NET_IPV4_H
#define KERNEL_NET_IPV4_H

#include <stdint.h>

#include "net_interface.h"

#define IPV4_HEADER_LENGTH  20
#define IPV4_DEFAULT_TTL    64
#define IPV4_PROTOCOL_ICMP  1
#define IPV4_PROTOCOL_TCP   6
#define IPV4_PROTOCOL_UDP   17

/* An IPv4 packet came in on `interface` (the Ethernet header is off):
 * checks the header (version, length, checksum), drops what is not for us,
 * fills packet->source_address/destination_address, takes the IP header off
 * and hands the payload to icmp_receive, udp_receive or tcp_receive (an
 * unknown protocol: ICMP protocol unreachable). Takes the packet over.
 * Context: kernel lock held, task context; never sleeps. */
void ipv4_receive(struct net_interface *interface, struct packet *packet);

/* Sends `packet` (data: the ICMP/UDP/TCP header and payload) from `source`
 * (0: the address of the interface chosen) to `destination`: pushes the IP
 * header, routes it, and hands it to the loopback or to ARP. Takes the
 * packet over. 0 or -errno (-ENETUNREACH, -EMSGSIZE, -ENOBUFS).
 * Context: kernel lock held; never sleeps. */
int ipv4_send(struct packet *packet, uint32_t source, uint32_t destination, uint8_t protocol, uint8_t ttl);

/* The address a packet to `destination` would leave from (for connect and
 * an unbound socket's sendto), or 0 when there is no route. */
uint32_t ipv4_source_for(uint32_t destination);

/* Counters for netstat -s and tests: fragments and bad packets dropped. */
struct ipv4_statistics {
    unsigned received, delivered, bad_header, bad_checksum, not_for_us, fragments_dropped, unknown_protocol;
    unsigned sent, no_route;
};
extern struct ipv4_statistics ipv4_statistics;

#endif

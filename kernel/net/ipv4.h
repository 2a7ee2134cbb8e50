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

/* The header's fields, as offsets from its first byte (RFC 791):
 *   0 version and header length in 32-bit words (0x45), 1 type of service,
 *   2 total length, 4 identification, 6 flags and fragment offset, 8 TTL,
 *   9 protocol, 10 header checksum, 12 source, 16 destination, 20 options. */
#define IPV4_VERSION_OFFSET      0
#define IPV4_TOTAL_LENGTH_OFFSET 2
#define IPV4_ID_OFFSET           4
#define IPV4_FRAGMENT_OFFSET     6
#define IPV4_TTL_OFFSET          8
#define IPV4_PROTOCOL_OFFSET     9
#define IPV4_CHECKSUM_OFFSET     10
#define IPV4_SOURCE_OFFSET       12
#define IPV4_DESTINATION_OFFSET  16
#define IPV4_BROADCAST           0xffffffffu   /* 255.255.255.255, the link's broadcast */

/* An IPv4 packet came in on `interface` (the Ethernet header is off):
 * checks the header (version, length, checksum), drops what is not for us,
 * fills packet->source_address/destination_address, takes the IP header off
 * and hands the payload to icmp_receive, udp_receive or tcp_receive (an
 * unknown protocol: ICMP protocol unreachable). Takes the packet over.
 * Context: kernel lock held, task context; never sleeps. */
void ipv4_receive(struct net_interface *interface, struct packet *packet);

/* Sends `packet` (data: the ICMP/UDP/TCP header and payload) from `source`
 * (0: the address of the interface chosen) to `destination`: pushes the IP
 * header, routes it, and hands it to the loopback or to ARP. A packet to
 * 255.255.255.255 goes out of packet->interface when it is set (DHCP,
 * from 0.0.0.0), else the first card, in an Ethernet broadcast. Takes the
 * packet over. 0 or -errno (-ENETUNREACH, -EMSGSIZE, -ENOBUFS).
 * Context: kernel lock held; never sleeps. */
int ipv4_send(struct packet *packet, uint32_t source, uint32_t destination, uint8_t protocol, uint8_t ttl);

/* Whether `address` is a broadcast on `interface`'s link: 255.255.255.255
 * or the subnet's broadcast (10.0.2.255 on 10.0.2.0/24). ICMP answers no
 * echo request to one, nor sends an error about a packet sent to one. */
int ipv4_is_broadcast(const struct net_interface *interface, uint32_t address);

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

/* kernel/net/ipv4.c - IPv4 (RFC 791): checking the header of what comes
 * in and handing its payload up; routing what goes out and putting a
 * header in front.
 *
 *   0       4       8              16    19                     31
 *   |version| IHL   | type of service | total length            |
 *   | identification                  |flags| fragment offset   |
 *   | TTL           | protocol        | header checksum         |
 *   | source address                                            |
 *   | destination address                                       |
 *   | options (IHL > 5) ...                                     |
 *
 * What we leave out, on purpose: options are skipped, never sent;
 * fragments are dropped (everything we send carries Don't Fragment, and
 * TCP keeps its segments within the MTU); nothing is forwarded. */
#include "ipv4.h"

#include "arp.h"
#include "checksum.h"
#include "dhcp.h"
#include "ethernet.h"
#include "icmp.h"
#include "kernel/trace.h"
#include "tcp.h"
#include "udp.h"
#include "uapi/errno.h"

#define IPV4_VERSION               4
#define IPV4_VERSION_AND_IHL       0x45      /* version 4, a 5-word header: what we send */
#define IPV4_IHL_MASK              0x0f
#define IPV4_WORD                  4         /* IHL counts 32-bit words */
#define IPV4_DONT_FRAGMENT         0x4000
#define IPV4_MORE_FRAGMENTS        0x2000
#define IPV4_FRAGMENT_OFFSET_MASK  0x1fff
#define IPV4_MAXIMUM_LENGTH        65535
#define LOOPBACK_NETWORK_MASK      0xff000000u
#define LOOPBACK_NETWORK           0x7f000000u
#define MULTICAST_MASK             0xf0000000u
#define MULTICAST_NETWORK          0xe0000000u   /* 224.0.0.0/4 */
#define ICMP_QUOTED_PAYLOAD        8             /* bytes of payload an ICMP error quotes */
#define UDP_DESTINATION_PORT_OFFSET 2

struct ipv4_statistics ipv4_statistics;
static uint16_t next_identification;

static int is_loopback_address(uint32_t address)
{
    return (address & LOOPBACK_NETWORK_MASK) == LOOPBACK_NETWORK;
}

static int is_multicast(uint32_t address)
{
    return (address & MULTICAST_MASK) == MULTICAST_NETWORK;
}

int ipv4_is_broadcast(const struct net_interface *interface, uint32_t address)
{
    if (address == IPV4_BROADCAST)
        return 1;
    return interface && !interface->loopback && interface->address != 0 && interface->netmask != IPV4_BROADCAST &&
           address == (interface->address | ~interface->netmask);
}

/* Whether a packet to `destination` that came in on `interface` is ours:
 * a broadcast on its link, or an address of this machine (127.x.x.x only
 * on the loopback: a card bringing one is lying). */
static int is_for_us(const struct net_interface *interface, uint32_t destination)
{
    if (ipv4_is_broadcast(interface, destination))
        return 1;
    if (is_loopback_address(destination))
        return interface->loopback;
    return net_address_is_local(destination);
}

static const char *protocol_name(uint8_t protocol)
{
    switch (protocol) {
    case IPV4_PROTOCOL_ICMP: return "icmp";
    case IPV4_PROTOCOL_TCP:  return "tcp";
    case IPV4_PROTOCOL_UDP:  return "udp";
    default:                 return "other";
    }
}

/* One trace line per packet in or out (docs/tracing.md); the arguments
 * are not even evaluated while the trace is off. */
#define trace_packet(direction, interface, header)                                                    \
    trace_current_event("packet", "dir=%s if=%s src=" NET_ADDRESS_FORMAT " dst=" NET_ADDRESS_FORMAT  \
                        " proto=%s len=%u", direction, (interface)->name,                             \
                        NET_ADDRESS_ARGUMENTS(get_be32((header) + IPV4_SOURCE_OFFSET)),               \
                        NET_ADDRESS_ARGUMENTS(get_be32((header) + IPV4_DESTINATION_OFFSET)),          \
                        protocol_name((header)[IPV4_PROTOCOL_OFFSET]),                                \
                        (unsigned)get_be16((header) + IPV4_TOTAL_LENGTH_OFFSET))

/* Whether the payload is a DHCP answer for a card still asking (it may
 * come to an address the card does not have yet). */
static int is_dhcp_answer(const struct net_interface *interface, uint8_t protocol, const struct packet *payload)
{
    return protocol == IPV4_PROTOCOL_UDP && payload->length >= UDP_HEADER_LENGTH &&
           get_be16(payload->data + UDP_DESTINATION_PORT_OFFSET) == DHCP_CLIENT_PORT &&
           dhcp_in_progress(interface);
}

/* Drops a received packet, counting why. */
static void drop(struct net_interface *interface, struct packet *packet, unsigned *counter, int error)
{
    (*counter)++;
    if (error)
        interface->received_errors++;
    packet_free(packet);
}

void ipv4_receive(struct net_interface *interface, struct packet *packet)
{
    ipv4_statistics.received++;
    const uint8_t *header = packet->data;
    if (packet->length < IPV4_HEADER_LENGTH) {
        drop(interface, packet, &ipv4_statistics.bad_header, 1);
        return;
    }
    uint32_t header_length = (uint32_t)(header[IPV4_VERSION_OFFSET] & IPV4_IHL_MASK) * IPV4_WORD;
    uint32_t total_length = get_be16(header + IPV4_TOTAL_LENGTH_OFFSET);
    if (header[IPV4_VERSION_OFFSET] >> 4 != IPV4_VERSION || header_length < IPV4_HEADER_LENGTH ||
        total_length < header_length || total_length > packet->length) {
        drop(interface, packet, &ipv4_statistics.bad_header, 1);
        return;
    }
    packet_trim(packet, total_length);      /* an Ethernet frame's padding */
    if (checksum_finish(checksum_add(0, header, header_length)) != 0) {
        drop(interface, packet, &ipv4_statistics.bad_checksum, 1);
        return;
    }
    if (get_be16(header + IPV4_FRAGMENT_OFFSET) & (IPV4_MORE_FRAGMENTS | IPV4_FRAGMENT_OFFSET_MASK)) {
        drop(interface, packet, &ipv4_statistics.fragments_dropped, 0);
        return;
    }

    uint32_t source = get_be32(header + IPV4_SOURCE_OFFSET);
    uint32_t destination = get_be32(header + IPV4_DESTINATION_OFFSET);
    uint8_t protocol = header[IPV4_PROTOCOL_OFFSET];
    packet->interface = interface;
    packet->source_address = source;
    packet->destination_address = destination;
    trace_packet("in", interface, header);
    packet_pull(packet, header_length);     /* options and all: data is the payload now */

    if (is_dhcp_answer(interface, protocol, packet)) {
        ipv4_statistics.delivered++;
        dhcp_receive(interface, packet);
        return;
    }
    /* Not ours, or from an address no machine sends from: a card never
     * brings a packet from one of our own addresses (a forged SYN from
     * our own address and port would make a connection that answers
     * itself through the loopback for ever) nor from a broadcast one */
    if (!is_for_us(interface, destination) || is_multicast(source) || source == IPV4_BROADCAST ||
        (!interface->loopback && (net_address_is_local(source) || ipv4_is_broadcast(interface, source)))) {
        drop(interface, packet, &ipv4_statistics.not_for_us, 0);
        return;
    }

    ipv4_statistics.delivered++;
    switch (protocol) {
    case IPV4_PROTOCOL_ICMP:
        icmp_receive(packet);
        break;
    case IPV4_PROTOCOL_UDP:
        udp_receive(packet, header, header_length);
        break;
    case IPV4_PROTOCOL_TCP:
        tcp_receive(packet);
        break;
    default: {
        ipv4_statistics.unknown_protocol++;
        uint32_t quoted = header_length + (packet->length < ICMP_QUOTED_PAYLOAD ? packet->length : ICMP_QUOTED_PAYLOAD);
        if (!ipv4_is_broadcast(interface, destination))
            icmp_send_unreachable(source, ICMP_PROTOCOL_UNREACHABLE, header, quoted);
        packet_free(packet);
        break;
    }
    }
}

/* The source address of a packet to `destination` leaving by `interface`:
 * the card's address; on the loopback, 127.0.0.1 for 127.x.x.x and the
 * destination itself for our card's own address (as Linux chooses). */
static uint32_t source_on(const struct net_interface *interface, uint32_t destination)
{
    if (interface->loopback && !is_loopback_address(destination))
        return destination;
    return interface->address;
}

uint32_t ipv4_source_for(uint32_t destination)
{
    uint32_t next_hop;
    struct net_interface *interface = net_route(destination, &next_hop);
    return interface ? source_on(interface, destination) : 0;
}

int ipv4_send(struct packet *packet, uint32_t source, uint32_t destination, uint8_t protocol, uint8_t ttl)
{
    uint32_t next_hop = destination;
    struct net_interface *interface;
    if (destination == IPV4_BROADCAST && packet->interface && !packet->interface->loopback)
        interface = packet->interface;      /* DHCP: out of the card it configures */
    else
        interface = net_route(destination, &next_hop);
    if (!interface) {
        ipv4_statistics.no_route++;
        packet_free(packet);
        return -ENETUNREACH;
    }
    uint32_t total_length = packet->length + IPV4_HEADER_LENGTH;
    if (total_length > interface->mtu || total_length > IPV4_MAXIMUM_LENGTH) {
        packet_free(packet);
        return -EMSGSIZE;
    }
    uint8_t *header = packet_push(packet, IPV4_HEADER_LENGTH);
    if (!header) {
        packet_free(packet);
        return -ENOBUFS;
    }
    if (source == 0)
        source = source_on(interface, destination);
    header[IPV4_VERSION_OFFSET] = IPV4_VERSION_AND_IHL;
    header[IPV4_VERSION_OFFSET + 1] = 0;                      /* type of service */
    put_be16(header + IPV4_TOTAL_LENGTH_OFFSET, (uint16_t)total_length);
    put_be16(header + IPV4_ID_OFFSET, next_identification++);
    put_be16(header + IPV4_FRAGMENT_OFFSET, IPV4_DONT_FRAGMENT);
    header[IPV4_TTL_OFFSET] = ttl ? ttl : IPV4_DEFAULT_TTL;
    header[IPV4_PROTOCOL_OFFSET] = protocol;
    put_be16(header + IPV4_CHECKSUM_OFFSET, 0);
    put_be32(header + IPV4_SOURCE_OFFSET, source);
    put_be32(header + IPV4_DESTINATION_OFFSET, destination);
    put_be16(header + IPV4_CHECKSUM_OFFSET, checksum_finish(checksum_add(0, header, IPV4_HEADER_LENGTH)));
    ipv4_statistics.sent++;
    trace_packet("out", interface, header);

    packet->interface = interface;
    if (interface->loopback)
        return interface->transmit(interface, packet);
    if (ipv4_is_broadcast(interface, destination))
        return ethernet_send(interface, ethernet_broadcast, ETHERNET_TYPE_IPV4, packet);
    return arp_send_ipv4(interface, next_hop, packet);
}

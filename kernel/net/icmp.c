/* kernel/net/icmp.c - the Internet Control Message Protocol (RFC 792):
 * the messages IP machines send each other about IP itself. We answer
 * echo requests (ping), send "destination unreachable" when a packet came
 * for a port or protocol nobody here speaks, and pass what comes back to
 * the socket it concerns. Every message starts the same way:
 *
 *   0      1      2          4                  8
 *   | type | code | checksum | (depends on type) | data ...
 *
 * echo:        bytes 4..7 are an identifier and a sequence number, and
 *              the data is echoed back unchanged;
 * unreachable: bytes 4..7 are unused, and the data quotes the IP header
 *              and first 8 payload bytes of the packet it is about, which
 *              is how the receiver finds the socket that sent it. */
#include "icmp.h"

#include "checksum.h"
#include "ipv4.h"
#include "lib/string.h"
#include "net_interface.h"
#include "sched/clock.h"
#include "tcp.h"
#include "udp.h"

#define ICMP_TYPE_OFFSET        0
#define ICMP_CODE_OFFSET        1
#define ICMP_CHECKSUM_OFFSET    2
#define ICMP_IDENTIFIER_OFFSET  4
#define ICMP_UNUSED_OFFSET      4
#define IPV4_IHL_MASK           0x0f
#define IPV4_WORD               4
#define IPV4_VERSION            4
#define IPV4_FRAGMENT_OFFSET_MASK 0x1fff
#define IPV4_MAXIMUM_HEADER     60
#define QUOTED_PAYLOAD          8          /* payload bytes an error quotes: the ports */
#define PORTS_LENGTH            4          /* source and destination port, UDP and TCP alike */
#define MULTICAST_MASK          0xf0000000u
#define MULTICAST_NETWORK       0xe0000000u
#define NS_PER_SECOND           1000000000ull
#define UNREACHABLE_PER_SECOND  100        /* errors sent to other machines at most, each second */

struct icmp_statistics icmp_statistics;

static int is_multicast(uint32_t address)
{
    return (address & MULTICAST_MASK) == MULTICAST_NETWORK;
}

/* Answers an echo request by turning the same packet round. */
static void answer_echo(struct packet *packet)
{
    if (ipv4_is_broadcast(packet->interface, packet->destination_address) ||
        is_multicast(packet->destination_address) || packet->source_address == 0) {
        packet_free(packet);              /* no answers to a broadcast ping, as Linux */
        return;
    }
    uint8_t *message = packet->data;
    message[ICMP_TYPE_OFFSET] = ICMP_ECHO_REPLY;
    message[ICMP_CODE_OFFSET] = 0;
    put_be16(message + ICMP_CHECKSUM_OFFSET, 0);
    put_be16(message + ICMP_CHECKSUM_OFFSET, checksum_finish(checksum_add(0, message, packet->length)));
    ipv4_send(packet, packet->destination_address, packet->source_address, IPV4_PROTOCOL_ICMP, 0);
}

/* A "destination unreachable" about a packet we sent: tells its socket. */
static void report_unreachable(const struct packet *packet)
{
    uint8_t code = packet->data[ICMP_CODE_OFFSET];
    const uint8_t *quoted = packet->data + ICMP_HEADER_LENGTH;
    uint32_t available = packet->length - ICMP_HEADER_LENGTH;
    if (available < IPV4_HEADER_LENGTH || quoted[IPV4_VERSION_OFFSET] >> 4 != IPV4_VERSION)
        return;
    uint32_t header_length = (uint32_t)(quoted[IPV4_VERSION_OFFSET] & IPV4_IHL_MASK) * IPV4_WORD;
    if (header_length < IPV4_HEADER_LENGTH || available < header_length + PORTS_LENGTH)
        return;
    uint32_t source = get_be32(quoted + IPV4_SOURCE_OFFSET);
    uint32_t destination = get_be32(quoted + IPV4_DESTINATION_OFFSET);
    if (!net_address_is_local(source))
        return;                           /* not about a packet of ours */
    uint16_t local_port = get_be16(quoted + header_length);
    uint16_t remote_port = get_be16(quoted + header_length + 2);
    switch (quoted[IPV4_PROTOCOL_OFFSET]) {
    case IPV4_PROTOCOL_UDP:
        if (code == ICMP_PORT_UNREACHABLE)
            udp_report_unreachable(destination, remote_port, local_port);
        break;
    case IPV4_PROTOCOL_TCP:
        tcp_report_unreachable(destination, remote_port, local_port, code);
        break;
    }
}

void icmp_receive(struct packet *packet)
{
    icmp_statistics.received++;
    if (packet->length < ICMP_HEADER_LENGTH || checksum_finish(checksum_add(0, packet->data, packet->length)) != 0) {
        icmp_statistics.bad++;
        packet_free(packet);
        return;
    }
    switch (packet->data[ICMP_TYPE_OFFSET]) {
    case ICMP_ECHO_REQUEST:
        icmp_statistics.echo_requests++;
        answer_echo(packet);
        break;
    case ICMP_ECHO_REPLY:
        icmp_statistics.echo_replies++;
        if (!icmp_socket_deliver(packet, get_be16(packet->data + ICMP_IDENTIFIER_OFFSET)))
            packet_free(packet);
        break;
    case ICMP_DESTINATION_UNREACHABLE:
        icmp_statistics.unreachable_received++;
        report_unreachable(packet);
        packet_free(packet);
        break;
    default:
        packet_free(packet);
        break;
    }
}

struct broadcast_check {
    uint32_t address;
    int found;
};

static void check_broadcast(struct net_interface *interface, void *context)
{
    struct broadcast_check *check = context;
    if (ipv4_is_broadcast(interface, check->address))
        check->found = 1;
}

/* Whether `address` is a broadcast on any interface's link. */
static int is_broadcast_somewhere(uint32_t address)
{
    struct broadcast_check check = { address, address == IPV4_BROADCAST };
    net_interface_for_each(check_broadcast, &check);
    return check.found;
}

/* Whether another error may go to `to` now: errors to other machines are
 * limited to UNREACHABLE_PER_SECOND in each second, so a flood of packets
 * to closed ports cannot make us flood back; errors to ourselves (over
 * the loopback) are not limited, as on Linux. */
static int rate_allows(uint32_t to)
{
    static uint64_t window_start;
    static unsigned sent_in_window;
    if (net_address_is_local(to))
        return 1;
    uint64_t now = clock_tick_ns();
    if (now - window_start >= NS_PER_SECOND) {
        window_start = now;
        sent_in_window = 0;
    }
    if (sent_in_window >= UNREACHABLE_PER_SECOND) {
        icmp_statistics.rate_limited++;
        return 0;
    }
    sent_in_window++;
    return 1;
}

/* Whether an error may be sent about the packet whose IP header is
 * `ip_header` (RFC 1122 3.2.2): never about an ICMP error (two machines
 * would answer each other's errors for ever), a broadcast or multicast, a
 * packet from no address, or a fragment other than the first. */
static int may_report(uint32_t to, const uint8_t *ip_header, uint32_t quoted_length)
{
    if (quoted_length < IPV4_HEADER_LENGTH)
        return 0;
    uint32_t header_length = (uint32_t)(ip_header[IPV4_VERSION_OFFSET] & IPV4_IHL_MASK) * IPV4_WORD;
    uint32_t destination = get_be32(ip_header + IPV4_DESTINATION_OFFSET);
    if (to == 0 || is_multicast(to) || is_broadcast_somewhere(to) || is_multicast(destination) ||
        is_broadcast_somewhere(destination))
        return 0;
    if (get_be16(ip_header + IPV4_FRAGMENT_OFFSET) & IPV4_FRAGMENT_OFFSET_MASK)
        return 0;
    if (ip_header[IPV4_PROTOCOL_OFFSET] == IPV4_PROTOCOL_ICMP) {
        if (quoted_length <= header_length)
            return 0;
        uint8_t type = ip_header[header_length + ICMP_TYPE_OFFSET];
        if (type != ICMP_ECHO_REQUEST && type != ICMP_ECHO_REPLY)
            return 0;
    }
    return 1;
}

void icmp_send_unreachable(uint32_t to, uint8_t code, const uint8_t *ip_header, uint32_t quoted_length)
{
    if (!may_report(to, ip_header, quoted_length) || !rate_allows(to))
        return;
    if (quoted_length > IPV4_MAXIMUM_HEADER + QUOTED_PAYLOAD)
        quoted_length = IPV4_MAXIMUM_HEADER + QUOTED_PAYLOAD;
    struct packet *packet = packet_alloc();
    if (!packet)
        return;
    uint8_t *message = packet_put(packet, ICMP_HEADER_LENGTH + quoted_length);
    message[ICMP_TYPE_OFFSET] = ICMP_DESTINATION_UNREACHABLE;
    message[ICMP_CODE_OFFSET] = code;
    put_be16(message + ICMP_CHECKSUM_OFFSET, 0);
    put_be32(message + ICMP_UNUSED_OFFSET, 0);
    memcpy(message + ICMP_HEADER_LENGTH, ip_header, quoted_length);
    put_be16(message + ICMP_CHECKSUM_OFFSET, checksum_finish(checksum_add(0, message, packet->length)));
    icmp_statistics.sent_unreachable++;
    ipv4_send(packet, 0, to, IPV4_PROTOCOL_ICMP, 0);
}

/* kernel/net/udp.c - UDP coming in: the 8-byte header checked, the
 * datagram handed to the socket bound to its port.
 *
 *    0      7 8     15 16    23 24    31
 *   +--------+--------+--------+--------+
 *   |   source port   | destination port|
 *   +--------+--------+--------+--------+
 *   |     length      |    checksum     |   length: header and payload
 *   +--------+--------+--------+--------+   checksum: over a pseudo-header
 *   |          payload ...                  (addresses, protocol, length),
 *                                           the header and the payload;
 *                                           0 means "none was computed"
 *
 * The rules, and where they live:
 *  - A datagram shorter than its header, or whose length field is below 8
 *    or beyond the packet, is dropped; so is one whose checksum (when not
 *    0) does not add up.                                     -> udp_receive
 *  - It goes to the socket inet_port_lookup names (a connected socket only
 *    hears its peer). With no socket, a datagram to one of our own
 *    addresses is answered with ICMP port unreachable, never one sent to
 *    a broadcast address.                                    -> udp_receive
 *  - An ICMP port unreachable about a datagram a connected socket sent
 *    fails that socket's next call with ECONNREFUSED, as on Linux;
 *    unconnected sockets hear nothing.                  -> udp_report_unreachable
 * The sending side, and the queue each socket keeps, are in udp_socket.c. */
#include "udp.h"

#include "checksum.h"
#include "icmp.h"
#include "inet_socket.h"
#include "ipv4.h"
#include "net_interface.h"
#include "uapi/errno.h"

#define UDP_CHECKSUM_NONE 0           /* the sender computed no checksum */

/* UDP's counters, for tests and a curious reader with GDB. */
struct udp_statistics {
    unsigned received, delivered, bad_length, bad_checksum, no_port, dropped;
};
static struct udp_statistics udp_statistics;

/* Does the datagram at packet->data (`length` bytes) sum to 0 with its
 * pseudo-header? */
static int checksum_ok(const struct packet *packet, uint32_t length)
{
    uint32_t sum = checksum_pseudo_header(packet->source_address, packet->destination_address,
                                          IPV4_PROTOCOL_UDP, length);
    return checksum_finish(checksum_add(sum, packet->data, length)) == 0;
}

void udp_receive(struct packet *packet, const uint8_t *ip_header, uint32_t ip_header_length)
{
    udp_statistics.received++;
    if (packet->length < UDP_HEADER_LENGTH) {
        udp_statistics.bad_length++;
        packet_free(packet);
        return;
    }
    const uint8_t *header = packet->data;
    uint32_t length = get_be16(header + 4);
    if (length < UDP_HEADER_LENGTH || length > packet->length) {
        udp_statistics.bad_length++;
        packet_free(packet);
        return;
    }
    packet_trim(packet, length);      /* an Ethernet frame's padding goes */
    if (get_be16(header + 6) != UDP_CHECKSUM_NONE && !checksum_ok(packet, length)) {
        udp_statistics.bad_checksum++;
        packet_free(packet);
        return;
    }
    struct inet_endpoint local = { packet->destination_address, get_be16(header + 2) };
    struct inet_endpoint remote = { packet->source_address, get_be16(header) };
    struct inet_socket *socket = inet_port_lookup(IPPROTO_UDP, &local, &remote);
    if (socket && !socket->closed) {
        if (udp_socket_queue(socket, remote.address, remote.port, header + UDP_HEADER_LENGTH,
                             length - UDP_HEADER_LENGTH))
            udp_statistics.delivered++;
        else
            udp_statistics.dropped++;
    } else {
        udp_statistics.no_port++;
        if (net_address_is_local(packet->destination_address))   /* not a broadcast */
            icmp_send_unreachable(packet->source_address, ICMP_PORT_UNREACHABLE, ip_header,
                                  ip_header_length + UDP_HEADER_LENGTH);
    }
    packet_free(packet);
}

void udp_report_unreachable(uint32_t remote, uint16_t remote_port, uint16_t local_port)
{
    struct inet_endpoint local = { INADDR_ANY, local_port };
    struct inet_endpoint peer = { remote, remote_port };
    struct inet_socket *socket = inet_port_lookup(IPPROTO_UDP, &local, &peer);
    if (!socket || socket->remote.port != remote_port || socket->remote.address != remote)
        return;                       /* only a connected socket hears of it */
    socket->pending_error = ECONNREFUSED;
    inet_socket_wake(socket);
}

/* kernel/net/loopback.c - the loopback interface "lo": a card with no
 * wire, whose every packet comes straight back in. Its frames are bare IP
 * packets (no Ethernet header: there is no link to address). A packet
 * sent is only queued (net_receive_later), and processed when the sending
 * call drains the queue on its way out (net_interface.h says why). */
#include "loopback.h"

#include "net_interface.h"
#include "packet.h"

#define LOOPBACK_ADDRESS 0x7f000001u   /* 127.0.0.1 */
#define LOOPBACK_NETMASK 0xff000000u   /* /8: all of 127.x.x.x is ours */
/* The largest IP packet sent through lo. No wire limits it, only the
 * packet: a sender allocates one as big as its segment (packet_alloc_size),
 * so it can be the largest IP packet (PACKET_DATA_MAX, 65535; Linux's lo
 * says 65536), and a UDP datagram of 65507 bytes goes whole. Each segment
 * costs some 2,400 instructions however long it is (headers, allocation,
 * a trip up the stack), so fewer, bigger ones move a stream faster: TCP
 * sends a 64 KiB write as two segments of 32 KiB here (its MSS is at most
 * half its ring, tcp_mss_for), not 35 of 1880 as with 2048-byte packets.
 * The cost is memory, bounded by PACKET_LARGE_BYTES_LIMIT (packet.h). */
#define LOOPBACK_MTU     PACKET_DATA_MAX

static int loopback_transmit(struct net_interface *interface, struct packet *packet)
{
    interface->sent_packets++;
    interface->sent_bytes += packet->length;
    net_receive_later(interface, packet);
    return 0;
}

static struct net_interface loopback = {
    .name = "lo",
    .mtu = LOOPBACK_MTU,
    .up = 1,
    .loopback = 1,
    .address = LOOPBACK_ADDRESS,
    .netmask = LOOPBACK_NETMASK,
    .transmit = loopback_transmit,
};

void loopback_init(void)
{
    net_interface_register(&loopback);
}

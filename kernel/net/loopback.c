/* kernel/net/loopback.c - the loopback interface "lo": a card with no
 * wire, whose every packet comes straight back in. Its frames are bare IP
 * packets (no Ethernet header: there is no link to address). A packet
 * sent is only queued (net_receive_later), and processed when the sending
 * call drains the queue on its way out (net_interface.h says why). */
#include "loopback.h"

#include "net_interface.h"

#define LOOPBACK_ADDRESS 0x7f000001u   /* 127.0.0.1 */
#define LOOPBACK_NETMASK 0xff000000u   /* /8: all of 127.x.x.x is ours */
/* The largest IP packet: what one packet buffer holds behind its headroom
 * (a real loopback allows 65535 bytes; our packets are one buffer each). */
#define LOOPBACK_MTU     (PACKET_SIZE - PACKET_HEADROOM)

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

/* kernel/net/dhcp.h - a DHCP client in the kernel: asks for an address
 * for a card that has none (DISCOVER, OFFER, REQUEST, ACK), and sets the
 * interface's address, netmask and gateway from the answer. QEMU's user
 * network answers with 10.0.2.15/24, and, when not restricted, the
 * gateway 10.0.2.2 (with restrict=on it names no router). */
#ifndef KERNEL_NET_DHCP_H
#define KERNEL_NET_DHCP_H

#include <stdint.h>

#include "net_interface.h"
#include "packet.h"

#define DHCP_CLIENT_PORT 68
#define DHCP_SERVER_PORT 67

/* Starts asking for an address for `interface` (retries on a timer, gives
 * up after a few tries and says so). Context: kernel lock held; never sleeps. */
void dhcp_start(struct net_interface *interface);

/* A UDP datagram to port 68 while `interface` is being configured: the
 * UDP header is still on. Takes the packet over. ipv4_receive calls it
 * (before udp_receive), so DHCP needs no UDP socket. */
void dhcp_receive(struct net_interface *interface, struct packet *packet);

/* Whether a DHCP exchange is going on for `interface` (ipv4_receive then
 * takes packets to any address, since the card has none yet). */
int dhcp_in_progress(const struct net_interface *interface);

#endif

/* kernel/net/ethernet.h - Ethernet II frames: a 14-byte header (to, from,
 * type) in front of an ARP message or an IPv4 packet. */
#ifndef KERNEL_NET_ETHERNET_H
#define KERNEL_NET_ETHERNET_H

#include <stdint.h>

#include "net_interface.h"

#define ETHERNET_HEADER_LENGTH 14
#define ETHERNET_TYPE_IPV4     0x0800
#define ETHERNET_TYPE_ARP      0x0806
#define ETHERNET_MINIMUM_FRAME 60        /* without the checksum: shorter frames are padded */

extern const uint8_t ethernet_broadcast[ETHERNET_ADDRESS_LENGTH];

/* A frame that came in on `interface`: checks it, takes its header off and
 * hands it to ARP or IPv4 (or frees it). Takes the packet over.
 * Context: kernel lock held, task context; never sleeps. */
void ethernet_receive(struct net_interface *interface, struct packet *packet);

/* Puts an Ethernet header (to `destination`, type `type`) in front of the
 * packet and transmits it through `interface`, taking the packet over.
 * 0 or -errno. Context: kernel lock held; never sleeps. */
int ethernet_send(struct net_interface *interface, const uint8_t destination[ETHERNET_ADDRESS_LENGTH],
                  uint16_t type, struct packet *packet);

#endif

/* kernel/net/arp.h - the Address Resolution Protocol: which Ethernet
 * address has this IPv4 address on the link. A small cache of answers,
 * each forgotten after ARP_ENTRY_LIFETIME; a packet to an address not yet
 * known waits (one per address, as Linux keeps a few) while a request is
 * sent again each second, ARP_REQUEST_TRIES times, then it is dropped. */
#ifndef KERNEL_NET_ARP_H
#define KERNEL_NET_ARP_H

#include <stdint.h>

#include "net_interface.h"

/* An ARP message came in (the Ethernet header is off): learns the sender,
 * answers a request for our address. Takes the packet over.
 * Context: kernel lock held, task context; never sleeps. */
void arp_receive(struct net_interface *interface, struct packet *packet);

/* Sends an IPv4 packet (its IP header on) to `next_hop` on `interface`:
 * at once if the cache knows its Ethernet address, else after the answer
 * to a request. Takes the packet over. 0, or -errno (-EHOSTUNREACH: the
 * address did not answer lately). Context: kernel lock held; never sleeps. */
int arp_send_ipv4(struct net_interface *interface, uint32_t next_hop, struct packet *packet);

/* For ifconfig and tests: how many entries the cache holds, answered or
 * not (an unanswered one holds at most one waiting packet). */
unsigned arp_cache_count(void);

#endif

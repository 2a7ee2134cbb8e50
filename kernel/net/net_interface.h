/* kernel/net/net_interface.h - network interfaces, the receive queue and
 * the network task: the meeting point of drivers and protocols.
 *
 *   driver (e1000.c, loopback.c)                       protocols
 *   interface->transmit(frame)  <----- ethernet_send / loopback
 *   net_receive(interface, frame) --> receive queue --> net_run_pending()
 *                                                        --> ethernet / ipv4 ...
 *
 * Where packets are processed. Never in an interrupt handler: a card's
 * interrupt only moves frames to the receive queue (net_receive) and wakes
 * the network task. Protocol code runs with the kernel lock held (see
 * kernel/sched/wait_queue.h), in one of two places:
 *  - the network task ("net"), which drains the queue and runs the
 *    protocol timers (net_timer below);
 *  - a socket call, which drains the queue (net_run_pending) before it
 *    sleeps and before it returns. A packet sent to the loopback is only
 *    queued, so a call never re-enters the protocol code it is in the
 *    middle of; the sender's own call delivers it on the way out, which
 *    keeps a loopback round trip free of task switches.
 *
 * Addresses in the kernel are kept in host byte order (uint32_t,
 * 127.0.0.1 is 0x7f000001); headers are read and written with
 * get_be32/put_be32 (packet.h). */
#ifndef KERNEL_NET_NET_INTERFACE_H
#define KERNEL_NET_NET_INTERFACE_H

#include <stdint.h>

#include "lib/list.h"
#include "net_for_core.h"   /* what the core asks: net_wait_for_addresses ... */
#include "packet.h"

#define NET_INTERFACE_NAME_MAX 8
#define ETHERNET_ADDRESS_LENGTH 6

struct net_interface {
    char name[NET_INTERFACE_NAME_MAX];    /* "lo", "eth0" */
    struct list_node link;                /* in the list of interfaces */
    uint8_t mac[ETHERNET_ADDRESS_LENGTH]; /* zero for the loopback */
    unsigned mtu;                         /* the largest IP packet: 1500 on a card; 65535 on lo */
    int up;
    int loopback;                         /* frames are IP packets with no Ethernet header */
    int configured_by_dhcp;
    uint32_t address, netmask, gateway;   /* host byte order; 0 when not set */

    /* Sends one frame (an Ethernet frame; on the loopback an IP packet),
     * taking the packet over: the driver frees it once it is sent or
     * dropped. 0, or -errno (-ENOBUFS: the ring is full). Context: kernel
     * lock held; never sleeps. */
    int (*transmit)(struct net_interface *interface, struct packet *packet);
    void *driver;                         /* the driver's own state */

    /* Counters, as ifconfig shows them */
    unsigned received_packets, received_bytes, received_dropped, received_errors;
    unsigned sent_packets, sent_bytes, sent_dropped;
};

/* Adds an interface to the list (a driver's init). Context: boot. */
void net_interface_register(struct net_interface *interface);

/* The interface called `name`, or NULL. */
struct net_interface *net_interface_find(const char *name);

/* An interface's index, its place in the list from 1 (lo 1, eth0 2, as
 * on Linux and in kinfo's list); the interface of index `index`, or NULL. */
unsigned net_interface_index(const struct net_interface *interface);
struct net_interface *net_interface_by_index(unsigned index);

/* Calls `visit` for every interface, in the order they were registered. */
void net_interface_for_each(void (*visit)(struct net_interface *interface, void *context), void *context);

/* Whether `address` is one of this machine's: 127.x.x.x, or the address of
 * an interface that is up. */
int net_address_is_local(uint32_t address);

/* Where a packet to `destination` goes: the interface, and in *next_hop
 * the address to find on its link (the destination itself, or the
 * gateway). NULL when there is no route (-ENETUNREACH for the caller). */
struct net_interface *net_route(uint32_t destination, uint32_t *next_hop);

/* Queues a frame a driver received on `interface` (taking the packet
 * over) and wakes the network task. Context: any, including an interrupt
 * handler; never sleeps. A full queue drops the frame (received_dropped). */
void net_receive(struct net_interface *interface, struct packet *packet);

/* Queues a packet for processing without waking the network task: the
 * loopback's way (see the comment at the top). Context: kernel lock held. */
void net_receive_later(struct net_interface *interface, struct packet *packet);

/* Processes every queued packet, including those queued while it runs.
 * Re-entrant calls return at once (the outer one finishes the work).
 * Context: kernel lock held, task context (not an interrupt); never sleeps. */
void net_run_pending(void);

/* Protocol timers (ARP retries, TCP retransmission, TIME_WAIT, delayed
 * ACKs): `expire` runs in the network task once the deadline passes,
 * unless the timer was stopped or started again first. */
struct net_timer {
    struct list_node link;                /* in the list of armed timers */
    uint64_t deadline_ns;                 /* clock time (kernel/sched/clock.h) */
    int armed;
    void (*expire)(struct net_timer *timer);
};

/* Sets `timer` to go off `delay_ns` from now (re-arming it if armed).
 * `timer->expire` must be set. Context: kernel lock held; never sleeps. */
void net_timer_start(struct net_timer *timer, uint64_t delay_ns);
void net_timer_stop(struct net_timer *timer);

/* Writing an address (host byte order) in a log line or a trace event:
 *     kprintf("to " NET_ADDRESS_FORMAT "\n", NET_ADDRESS_ARGUMENTS(address)); */
#define NET_ADDRESS_FORMAT "%u.%u.%u.%u"
#define NET_ADDRESS_ARGUMENTS(address)                                           \
    (unsigned)((address) >> 24), (unsigned)((address) >> 16 & 0xff),             \
    (unsigned)((address) >> 8 & 0xff), (unsigned)((address) & 0xff)

/* Writes the interface's one log line once it is set up, as
 * "net: eth0 10.0.2.15/24 (DHCP)", or with a gateway "net: eth0
 * 10.0.3.1/24 gateway 10.0.3.254". Context: any. */
void net_interface_announce(const struct net_interface *interface);

/* Starts the network task (net_task.c). Context: boot (net_init). */
void net_task_start(void);

/* Brings the network up at boot: the loopback, the cards found
 * (e1000_init), their addresses (the command line's `ip=`, else DHCP), and
 * the network task. Context: boot, after the scheduler and clock. */
void net_init(void);

#endif

/* kernel/net/arp.c - the Address Resolution Protocol (RFC 826). To send
 * an IPv4 packet to a neighbour on the link we need its Ethernet address;
 * we ask the whole link ("who has 10.0.2.2? tell 10.0.2.15") and the
 * owner answers. A 28-byte message, after the Ethernet header:
 *
 *   0         2         4    5    6         8              14        18             24        28
 *   | hw type | protocol| hlen plen| op      | sender MAC   | sender IP| target MAC   | target IP |
 *   | 1       | 0x0800  | 6  | 4  | 1 or 2  |              |          | (0 in a request)         |
 *
 * Each cache entry is in one of these states:
 *
 *   FREE --send--> RESOLVING --answer--> RESOLVED --ARP_ENTRY_LIFETIME--> (resolved again on next send)
 *                     | no answer to ARP_REQUEST_TRIES requests
 *                     v
 *                   FAILED: a send fails with -EHOSTUNREACH for ARP_FAILED_LIFETIME
 *
 * While RESOLVING, the last packet sent to the address waits in the
 * entry; when the answer comes it goes out, when the tries run out it is
 * dropped and its sender hears "host unreachable" (through ICMP, as a
 * router would tell it). */
#include "arp.h"

#include <stddef.h>

#include "ethernet.h"
#include "icmp.h"
#include "ipv4.h"
#include "lib/string.h"
#include "sched/clock.h"
#include "uapi/errno.h"

#define NS_PER_SECOND         1000000000ull
#define ARP_CACHE_SIZE        32
#define ARP_ENTRY_LIFETIME    (60 * NS_PER_SECOND)  /* an answer is trusted this long */
#define ARP_FAILED_LIFETIME   (3 * NS_PER_SECOND)   /* a silent address is not asked again for this long */
#define ARP_REQUEST_INTERVAL  NS_PER_SECOND         /* between two requests for one address */
#define ARP_REQUEST_TRIES     3

#define ARP_MESSAGE_LENGTH    28
#define ARP_HARDWARE_ETHERNET 1
#define ARP_OPERATION_REQUEST 1
#define ARP_OPERATION_REPLY   2
#define IPV4_ADDRESS_LENGTH   4
#define ARP_HARDWARE_TYPE_OFFSET   0
#define ARP_PROTOCOL_TYPE_OFFSET   2
#define ARP_HARDWARE_LENGTH_OFFSET 4
#define ARP_PROTOCOL_LENGTH_OFFSET 5
#define ARP_OPERATION_OFFSET       6
#define ARP_SENDER_MAC_OFFSET      8
#define ARP_SENDER_IP_OFFSET       14
#define ARP_TARGET_MAC_OFFSET      18
#define ARP_TARGET_IP_OFFSET       24
#define IPV4_IHL_MASK              0x0f
#define ICMP_QUOTED_PAYLOAD        8      /* bytes of payload an ICMP error quotes */

enum arp_state { ARP_FREE, ARP_RESOLVING, ARP_RESOLVED, ARP_FAILED };

struct arp_entry {
    enum arp_state state;
    struct net_interface *interface;
    uint32_t address;                       /* the neighbour's IPv4 address */
    uint8_t mac[ETHERNET_ADDRESS_LENGTH];   /* RESOLVED: its Ethernet address */
    uint64_t expires_ns;                    /* RESOLVED, FAILED: when the state lapses */
    unsigned requests_sent;                 /* RESOLVING */
    struct packet *waiting;                 /* RESOLVING: the packet to send once answered */
    struct net_timer retry;                 /* RESOLVING: the next request */
};

static struct arp_entry cache[ARP_CACHE_SIZE];

static struct arp_entry *find(const struct net_interface *interface, uint32_t address)
{
    for (unsigned i = 0; i < ARP_CACHE_SIZE; i++)
        if (cache[i].state != ARP_FREE && cache[i].interface == interface && cache[i].address == address)
            return &cache[i];
    return NULL;
}

/* Drops what `entry` holds and marks it free. */
static void forget(struct arp_entry *entry)
{
    net_timer_stop(&entry->retry);
    if (entry->waiting) {
        entry->interface->sent_dropped++;
        packet_free(entry->waiting);
        entry->waiting = NULL;
    }
    entry->state = ARP_FREE;
}

/* A free entry for `address`, taking the one whose answer lapses first
 * when the cache is full (or, all being unresolved, the first). */
static struct arp_entry *allocate(struct net_interface *interface, uint32_t address)
{
    struct arp_entry *victim = &cache[0];
    for (unsigned i = 0; i < ARP_CACHE_SIZE; i++) {
        struct arp_entry *entry = &cache[i];
        if (entry->state == ARP_FREE) {
            victim = entry;
            break;
        }
        if (entry->state != ARP_RESOLVING &&
            (victim->state == ARP_RESOLVING || entry->expires_ns < victim->expires_ns))
            victim = entry;
    }
    if (victim->state != ARP_FREE)
        forget(victim);
    victim->interface = interface;
    victim->address = address;
    victim->requests_sent = 0;
    victim->waiting = NULL;
    return victim;
}

/* Sends one ARP message (`operation`) from our card to `target_mac` /
 * `target_address`, in a frame to `frame_destination`. */
static void send_message(struct net_interface *interface, uint16_t operation, const uint8_t *frame_destination,
                         const uint8_t *target_mac, uint32_t target_address)
{
    struct packet *packet = packet_alloc();
    if (!packet)
        return;
    uint8_t *message = packet_put(packet, ARP_MESSAGE_LENGTH);
    put_be16(message + ARP_HARDWARE_TYPE_OFFSET, ARP_HARDWARE_ETHERNET);
    put_be16(message + ARP_PROTOCOL_TYPE_OFFSET, ETHERNET_TYPE_IPV4);
    message[ARP_HARDWARE_LENGTH_OFFSET] = ETHERNET_ADDRESS_LENGTH;
    message[ARP_PROTOCOL_LENGTH_OFFSET] = IPV4_ADDRESS_LENGTH;
    put_be16(message + ARP_OPERATION_OFFSET, operation);
    memcpy(message + ARP_SENDER_MAC_OFFSET, interface->mac, ETHERNET_ADDRESS_LENGTH);
    put_be32(message + ARP_SENDER_IP_OFFSET, interface->address);
    memcpy(message + ARP_TARGET_MAC_OFFSET, target_mac, ETHERNET_ADDRESS_LENGTH);
    put_be32(message + ARP_TARGET_IP_OFFSET, target_address);
    ethernet_send(interface, frame_destination, ETHERNET_TYPE_ARP, packet);
}

static void send_request(struct arp_entry *entry)
{
    static const uint8_t unknown[ETHERNET_ADDRESS_LENGTH];
    entry->requests_sent++;
    send_message(entry->interface, ARP_OPERATION_REQUEST, ethernet_broadcast, unknown, entry->address);
}

/* The retry timer: asks again, or gives up on the address. */
static void retry_expired(struct net_timer *timer)
{
    struct arp_entry *entry = (struct arp_entry *)((char *)timer - offsetof(struct arp_entry, retry));
    if (entry->requests_sent < ARP_REQUEST_TRIES) {
        send_request(entry);
        net_timer_start(&entry->retry, ARP_REQUEST_INTERVAL);
        return;
    }
    entry->state = ARP_FAILED;
    entry->expires_ns = clock_tick_ns() + ARP_FAILED_LIFETIME;
    struct packet *packet = entry->waiting;
    entry->waiting = NULL;
    if (!packet)
        return;
    /* Tell the sender, as a router would: ICMP host unreachable, about
     * the packet's IP header and the first bytes of its payload. */
    entry->interface->sent_dropped++;
    uint32_t quoted = (uint32_t)(packet->data[0] & IPV4_IHL_MASK) * 4 + ICMP_QUOTED_PAYLOAD;
    if (quoted > packet->length)
        quoted = packet->length;
    icmp_send_unreachable(get_be32(packet->data + IPV4_SOURCE_OFFSET), ICMP_HOST_UNREACHABLE, packet->data,
                          quoted);
    packet_free(packet);
}

/* `entry` answered with `mac`: remember it and send what waited. */
static void resolved(struct arp_entry *entry, const uint8_t *mac)
{
    memcpy(entry->mac, mac, ETHERNET_ADDRESS_LENGTH);
    entry->state = ARP_RESOLVED;
    entry->expires_ns = clock_tick_ns() + ARP_ENTRY_LIFETIME;
    net_timer_stop(&entry->retry);
    struct packet *waiting = entry->waiting;
    entry->waiting = NULL;
    if (waiting)
        ethernet_send(entry->interface, entry->mac, ETHERNET_TYPE_IPV4, waiting);
}

void arp_receive(struct net_interface *interface, struct packet *packet)
{
    const uint8_t *message = packet->data;
    if (packet->length < ARP_MESSAGE_LENGTH || get_be16(message + ARP_HARDWARE_TYPE_OFFSET) != ARP_HARDWARE_ETHERNET ||
        get_be16(message + ARP_PROTOCOL_TYPE_OFFSET) != ETHERNET_TYPE_IPV4 ||
        message[ARP_HARDWARE_LENGTH_OFFSET] != ETHERNET_ADDRESS_LENGTH ||
        message[ARP_PROTOCOL_LENGTH_OFFSET] != IPV4_ADDRESS_LENGTH) {
        interface->received_errors++;
        packet_free(packet);
        return;
    }
    uint16_t operation = get_be16(message + ARP_OPERATION_OFFSET);
    const uint8_t *sender_mac = message + ARP_SENDER_MAC_OFFSET;
    uint32_t sender = get_be32(message + ARP_SENDER_IP_OFFSET);
    uint32_t target = get_be32(message + ARP_TARGET_IP_OFFSET);
    int for_us = interface->address != 0 && target == interface->address;
    /* A sender worth learning: a real address, a unicast card address,
     * and not our own (another machine claiming it). */
    int learnable = sender != 0 && sender != interface->address && sender != 0xffffffffu && !(sender_mac[0] & 1);
    if (learnable) {
        struct arp_entry *entry = find(interface, sender);
        if (!entry && for_us)
            entry = allocate(interface, sender);   /* it will talk to us: save a request */
        if (entry)
            resolved(entry, sender_mac);
    }
    if (for_us && operation == ARP_OPERATION_REQUEST && learnable)
        send_message(interface, ARP_OPERATION_REPLY, sender_mac, sender_mac, sender);
    packet_free(packet);
}

int arp_send_ipv4(struct net_interface *interface, uint32_t next_hop, struct packet *packet)
{
    uint64_t now = clock_tick_ns();
    struct arp_entry *entry = find(interface, next_hop);
    if (entry && entry->state == ARP_RESOLVED && now < entry->expires_ns)
        return ethernet_send(interface, entry->mac, ETHERNET_TYPE_IPV4, packet);
    if (entry && entry->state == ARP_FAILED && now < entry->expires_ns) {
        interface->sent_dropped++;
        packet_free(packet);
        return -EHOSTUNREACH;
    }
    if (!entry)
        entry = allocate(interface, next_hop);
    if (entry->state != ARP_RESOLVING) {
        entry->state = ARP_RESOLVING;
        entry->requests_sent = 0;
        entry->retry.expire = retry_expired;
        send_request(entry);
        net_timer_start(&entry->retry, ARP_REQUEST_INTERVAL);
    }
    if (entry->waiting) {                 /* one waits per address: the newest */
        interface->sent_dropped++;
        packet_free(entry->waiting);
    }
    entry->waiting = packet;
    return 0;
}

unsigned arp_cache_count(void)
{
    unsigned count = 0;
    for (unsigned i = 0; i < ARP_CACHE_SIZE; i++)
        if (cache[i].state != ARP_FREE)
            count++;
    return count;
}

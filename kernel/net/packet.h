/* kernel/net/packet.h - one packet on its way through the stack.
 *
 * A packet is one buffer of `capacity` bytes with room in front for the
 * headers each layer adds on the way down (packet_push) and takes off on
 * the way up (packet_pull):
 *
 *   buffer: [ headroom ... | Ethernet | IPv4 | TCP | payload ... | free ]
 *                            ^ data                  data + length ^
 *
 * Going down, TCP makes a packet with packet_alloc_size, copies its
 * payload in, then each layer pushes its header in front. Coming up, the driver fills
 * a packet with the frame it received, and each layer checks its header
 * and pulls it off before handing the rest up. Whoever holds a packet
 * either hands it on (the callee owns it from then) or frees it: every
 * function below that takes a `struct packet *` says which.
 *
 * Context: any function here may run with the kernel lock held (interrupts
 * off); none sleeps. */
#ifndef KERNEL_NET_PACKET_H
#define KERNEL_NET_PACKET_H

#include <stdint.h>

#include "lib/list.h"
#include "net_for_core.h"   /* what the core asks: packet_count ... */

#define PACKET_SIZE      2048   /* a card's buffer: a full Ethernet frame (1514 bytes) and headroom */
#define PACKET_HEADROOM  128    /* Ethernet 14 + IPv4 20..60 + TCP 20..60 fit in front */
#define PACKET_LIMIT     1024   /* packets alive at once: packet_alloc answers NULL beyond */
#define PACKET_DATA_MAX  65535  /* the most bytes behind the headroom: the largest IP packet */
/* The buffer bytes all packets larger than PACKET_SIZE may hold at once:
 * 32 of the largest, as much as 1024 card packets (PACKET_LIMIT) take. */
#define PACKET_LARGE_BYTES_LIMIT (2u << 20)

struct net_interface;

struct packet {
    struct list_node link;              /* in one queue at a time (receive queue, ARP wait, TCP queues) */
    struct net_interface *interface;    /* received on, or to be sent through */
    uint8_t *data;                      /* the first byte of the outermost header still on */
    uint32_t length;                    /* bytes from data on */
    /* Filled in by ipv4_receive for the layers above (host byte order) */
    uint32_t source_address;
    uint32_t destination_address;
    uint32_t capacity;                  /* bytes in buffer: PACKET_SIZE, or more on the loopback */
    uint8_t buffer[];
};

/* A new empty packet of PACKET_SIZE bytes with PACKET_HEADROOM bytes free
 * in front of data, or NULL when memory is short or PACKET_LIMIT packets
 * are alive. What a card receives into. */
struct packet *packet_alloc(void);

/* A new empty packet with PACKET_HEADROOM bytes free in front of data and
 * at least `bytes` behind it (never smaller than packet_alloc's), or NULL
 * when `bytes` exceeds PACKET_DATA_MAX, memory is short, PACKET_LIMIT
 * packets are alive, or a large one would pass PACKET_LARGE_BYTES_LIMIT.
 * What a sender asks for: the headers below its own go in the headroom. */
struct packet *packet_alloc_size(uint32_t bytes);

/* A new packet of the same capacity holding a copy of `packet`'s bytes
 * (data..data+length) at the same offset, or NULL. */
struct packet *packet_copy(const struct packet *packet);

void packet_free(struct packet *packet);

/* Makes room for a header of `size` bytes in front of data and returns a
 * pointer to it, or NULL when the headroom is used up. */
uint8_t *packet_push(struct packet *packet, uint32_t size);

/* Takes `size` bytes off the front (a header read): a pointer to them, or
 * NULL when the packet is shorter. */
uint8_t *packet_pull(struct packet *packet, uint32_t size);

/* Adds `size` bytes at the end and returns a pointer to them, or NULL
 * when the buffer is full. */
uint8_t *packet_put(struct packet *packet, uint32_t size);

/* Cuts the packet to `length` bytes (drops an Ethernet frame's padding). */
void packet_trim(struct packet *packet, uint32_t length);

/* Byte order: the network's is big-endian, the CPU's little-endian. */
static inline uint16_t net_order16(uint16_t value)
{
    return (uint16_t)((value << 8) | (value >> 8));
}
static inline uint32_t net_order32(uint32_t value)
{
    return __builtin_bswap32(value);
}

/* Reading and writing big-endian fields of a header, byte by byte (a
 * header in a packet need not be aligned). */
static inline uint16_t get_be16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}
static inline uint32_t get_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static inline void put_be16(uint8_t *p, uint16_t value)
{
    p[0] = (uint8_t)(value >> 8);
    p[1] = (uint8_t)value;
}
static inline void put_be32(uint8_t *p, uint32_t value)
{
    p[0] = (uint8_t)(value >> 24);
    p[1] = (uint8_t)(value >> 16);
    p[2] = (uint8_t)(value >> 8);
    p[3] = (uint8_t)value;
}

#endif

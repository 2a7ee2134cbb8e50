/* kernel/net/tcp_ring.h - the byte rings behind a TCP connection's send
 * and receive buffers: TCP_RING_SIZE bytes, the oldest at `start`, `count`
 * of them in use, wrapping at the end (the shape of kernel/ipc/byte_ring.h,
 * bigger, and with the two copies TCP needs besides the user's):
 *
 *    bytes: [ . . . . o l d e s t . . . n e w e s t . . . . ]
 *                     ^ start     <- count bytes ->
 *
 *  - The send ring holds every byte from snd_una on: sent but not yet
 *    acknowledged, then not yet sent. A segment is copied out of the
 *    middle (tcp_ring_copy_out) and may have to be sent again; bytes
 *    leave only when the peer acknowledges them (tcp_ring_discard).
 *  - The receive ring holds the bytes that came in order and were not yet
 *    read; its free room is the window we advertise.
 *
 * The size is a power of two so that wrapping is a mask. Context: kernel
 * lock held; none of these sleeps. */
#ifndef KERNEL_NET_TCP_RING_H
#define KERNEL_NET_TCP_RING_H

#include <stdint.h>

#include "lib/string.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "uapi/errno.h"

#define TCP_RING_SIZE 65536           /* bytes: 64 KiB each way */
#define TCP_RING_MASK (TCP_RING_SIZE - 1)

struct tcp_ring {
    uint8_t *bytes;                   /* TCP_RING_SIZE of them; NULL until tcp_ring_create */
    uint32_t start;                   /* the oldest byte */
    uint32_t count;                   /* bytes in the ring */
};

/* Allocates the ring's bytes, empty: 0, or -ENOMEM. */
static inline int tcp_ring_create(struct tcp_ring *ring)
{
    ring->bytes = kmalloc(TCP_RING_SIZE);
    ring->start = ring->count = 0;
    return ring->bytes ? 0 : -ENOMEM;
}

static inline void tcp_ring_destroy(struct tcp_ring *ring)
{
    kfree(ring->bytes);
    ring->bytes = 0;
    ring->start = ring->count = 0;
}

static inline uint32_t tcp_ring_room(const struct tcp_ring *ring)
{
    return TCP_RING_SIZE - ring->count;
}

/* Appends `size` bytes (at most tcp_ring_room) from user memory. 0, or
 * -EFAULT with the ring as it was. */
static inline int tcp_ring_write_from_user(struct tcp_ring *ring, const uint8_t *user_source, uint32_t size)
{
    uint32_t end = (ring->start + ring->count) & TCP_RING_MASK;
    uint32_t first = TCP_RING_SIZE - end;             /* up to the ring's end */
    if (first > size)
        first = size;
    if (copy_from_user(ring->bytes + end, user_source, first) < 0 ||
        (size > first && copy_from_user(ring->bytes, user_source + first, size - first) < 0))
        return -EFAULT;
    ring->count += size;
    return 0;
}

/* Appends `size` bytes (at most tcp_ring_room) from kernel memory: a
 * segment's payload. */
static inline void tcp_ring_write(struct tcp_ring *ring, const uint8_t *source, uint32_t size)
{
    uint32_t end = (ring->start + ring->count) & TCP_RING_MASK;
    uint32_t first = TCP_RING_SIZE - end;
    if (first > size)
        first = size;
    memcpy(ring->bytes + end, source, first);
    if (size > first)
        memcpy(ring->bytes, source + first, size - first);
    ring->count += size;
}

/* Copies the `size` oldest bytes (at most count) to user memory, and takes
 * them off unless `peek`. 0, or -EFAULT with the ring as it was. */
static inline int tcp_ring_read_to_user(struct tcp_ring *ring, uint8_t *user_destination, uint32_t size,
                                        int peek)
{
    uint32_t first = TCP_RING_SIZE - ring->start;
    if (first > size)
        first = size;
    if (copy_to_user(user_destination, ring->bytes + ring->start, first) < 0 ||
        (size > first && copy_to_user(user_destination + first, ring->bytes, size - first) < 0))
        return -EFAULT;
    if (!peek) {
        ring->start = (ring->start + size) & TCP_RING_MASK;
        ring->count -= size;
        if (ring->count == 0)
            ring->start = 0;
    }
    return 0;
}

/* Copies `size` bytes starting `offset` bytes after the oldest (offset +
 * size at most count) into `destination`, leaving the ring as it is. */
static inline void tcp_ring_copy_out(const struct tcp_ring *ring, uint32_t offset, uint8_t *destination,
                                     uint32_t size)
{
    uint32_t from = (ring->start + offset) & TCP_RING_MASK;
    uint32_t first = TCP_RING_SIZE - from;
    if (first > size)
        first = size;
    memcpy(destination, ring->bytes + from, first);
    if (size > first)
        memcpy(destination + first, ring->bytes, size - first);
}

/* Drops the `size` oldest bytes (at most count): they were acknowledged. */
static inline void tcp_ring_discard(struct tcp_ring *ring, uint32_t size)
{
    ring->start = (ring->start + size) & TCP_RING_MASK;
    ring->count -= size;
    if (ring->count == 0)
        ring->start = 0;              /* an empty ring starts over: one copy, not two, next time */
}

#endif

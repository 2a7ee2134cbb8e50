/* kernel/ipc/byte_ring.h - the ring buffer of bytes that pipes (pipe.c)
 * and stream sockets (socket_stream.c) both keep: `size` bytes (a power of
 * two), the oldest at `start`, `count` of them in use, wrapping at the end.
 *
 *    bytes: [ . . . . o l d e s t . . . n e w e s t . . . . ]
 *                     ^ start     <- count bytes ->
 *
 * Bytes come in from one process's memory and go out to another's
 * (copy_from_user / copy_to_user), at most two copies each way: up to the
 * end of the ring, then from its beginning. A ring may be made bigger
 * (or smaller) while it holds bytes: byte_ring_resize copies them, the
 * oldest first, into new memory (a pipe starts with one page and grows
 * as writes need it, pipe.c). Inline: a pipe round trip calls each copy
 * once. Context: the caller holds the kernel lock and says how much fits
 * (byte_ring_room) or is there (count). */
#ifndef KERNEL_IPC_BYTE_RING_H
#define KERNEL_IPC_BYTE_RING_H

#include <stdint.h>

#include "lib/string.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "uapi/errno.h"

struct byte_ring {
    uint8_t *bytes;                   /* `size` of them; NULL before byte_ring_create */
    uint32_t size;                    /* a power of two */
    uint32_t start;                   /* the oldest byte */
    uint32_t count;                   /* bytes in the ring */
};

/* Allocates `size` bytes (a power of two) for the ring, empty: 0, or
 * -ENOMEM. */
static inline int byte_ring_create(struct byte_ring *ring, uint32_t size)
{
    ring->bytes = kmalloc(size);
    ring->size = ring->bytes ? size : 0;
    ring->start = ring->count = 0;
    return ring->bytes ? 0 : -ENOMEM;
}

/* Frees the bytes (and whatever was unread); the ring is empty after. */
static inline void byte_ring_destroy(struct byte_ring *ring)
{
    kfree(ring->bytes);
    ring->bytes = 0;
    ring->size = ring->start = ring->count = 0;
}

/* Moves the ring's bytes into new memory of `size` bytes (a power of two,
 * at least count), the oldest at 0: 0, or -ENOMEM with the ring as it
 * was. */
static inline int byte_ring_resize(struct byte_ring *ring, uint32_t size)
{
    uint8_t *bytes = kmalloc(size);
    if (!bytes)
        return -ENOMEM;
    uint32_t first = ring->size - ring->start;      /* up to the old ring's end */
    if (first > ring->count)
        first = ring->count;
    memcpy(bytes, ring->bytes + ring->start, first);
    memcpy(bytes + first, ring->bytes, ring->count - first);
    kfree(ring->bytes);
    ring->bytes = bytes;
    ring->size = size;
    ring->start = 0;
    return 0;
}

static inline uint32_t byte_ring_room(const struct byte_ring *ring)
{
    return ring->size - ring->count;
}

/* Copies `size` bytes (at most byte_ring_room) from user memory into the
 * ring, after the newest. 0, or -EFAULT with the ring as it was. */
static inline int byte_ring_write_from_user(struct byte_ring *ring, const uint8_t *user_source, uint32_t size)
{
    uint32_t end = (ring->start + ring->count) & (ring->size - 1);
    uint32_t first = ring->size - end;              /* up to the ring's end */
    if (first > size)
        first = size;
    if (copy_from_user(ring->bytes + end, user_source, first) < 0 ||
        (size > first && copy_from_user(ring->bytes, user_source + first, size - first) < 0))
        return -EFAULT;
    ring->count += size;
    return 0;
}

/* The same from kernel memory: a few bytes the kernel itself writes (a
 * POSIX queue's SIGEV_THREAD notification, pipe_write_from_kernel). */
static inline void byte_ring_write_from_kernel(struct byte_ring *ring, const uint8_t *source, uint32_t size)
{
    for (uint32_t i = 0; i < size; i++)
        ring->bytes[(ring->start + ring->count + i) & (ring->size - 1)] = source[i];
    ring->count += size;
}

/* Copies the `size` oldest bytes (at most count) to user memory, and
 * takes them off the ring unless `peek`. 0, or -EFAULT with the ring as
 * it was. */
static inline int byte_ring_read_to_user(struct byte_ring *ring, uint8_t *user_destination, uint32_t size,
                                         int peek)
{
    uint32_t first = ring->size - ring->start;      /* up to the ring's end */
    if (first > size)
        first = size;
    if (copy_to_user(user_destination, ring->bytes + ring->start, first) < 0 ||
        (size > first && copy_to_user(user_destination + first, ring->bytes, size - first) < 0))
        return -EFAULT;
    if (!peek) {
        ring->start = (ring->start + size) & (ring->size - 1);
        ring->count -= size;
    }
    return 0;
}

#endif

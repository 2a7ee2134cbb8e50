/* kernel/lib/byte_ring.h - the ring buffer of bytes that pipes (ipc/pipe.c),
 * stream sockets (ipc/socket_stream_transfer.c) and TCP connections
 * (net/tcp_*.c) all keep: `size` bytes (a power of two, so that wrapping
 * is a mask), the oldest at `start`, `count` of them in use, wrapping at
 * the end.
 *
 *    bytes: [ . . . . o l d e s t . . . n e w e s t . . . . ]
 *                     ^ start     <- count bytes ->
 *
 * Bytes come in at the newest end and go out at the oldest, at most two
 * copies each way: up to the end of the ring, then from its beginning.
 * They come from user memory (copy_from_user, or a user_vector's buffers)
 * or the kernel's (a segment's payload), and go to user memory
 * (copy_to_user, or a vector). Besides, for TCP: a copy out of the middle
 * that leaves the ring as it is (a segment sent, which may have to be
 * sent again), and a discard of the oldest bytes (acknowledged). An empty
 * ring starts over at 0, so that the next copy is one piece, not two.
 *
 * The size is the owner's: a pipe starts with one page and grows as
 * writes need it (byte_ring_resize copies the bytes, the oldest first,
 * into new memory; pipe.c), a stream socket has SOCKET_STREAM_BUFFER, a
 * TCP connection TCP_RING_SIZE each way. Inline: a pipe round trip calls
 * each copy once. Context: the caller holds the kernel lock and says how
 * much fits (byte_ring_room) or is there (count); none of these sleeps. */
#ifndef KERNEL_LIB_BYTE_RING_H
#define KERNEL_LIB_BYTE_RING_H

#include <stdint.h>

#include "fs/user_vector.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "uapi/errno.h"

struct byte_ring {
    uint8_t *bytes;                   /* `size` of them; NULL before byte_ring_create */
    uint32_t size;                    /* a power of two (0 before byte_ring_create) */
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

/* Where in `bytes` the byte `offset` bytes after the oldest is. */
static inline uint32_t byte_ring_at(const struct byte_ring *ring, uint32_t offset)
{
    return (ring->start + offset) & (ring->size - 1);
}

/* How many of `size` bytes copied from `at` on come before the ring's
 * end: the first of the (at most) two pieces of a copy. */
static inline uint32_t byte_ring_first_piece(const struct byte_ring *ring, uint32_t at, uint32_t size)
{
    uint32_t first = ring->size - at;               /* up to the ring's end */
    return first < size ? first : size;
}

/* Drops the `size` oldest bytes (at most count): read, or acknowledged. */
static inline void byte_ring_discard(struct byte_ring *ring, uint32_t size)
{
    ring->start = byte_ring_at(ring, size);
    ring->count -= size;
    if (ring->count == 0)
        ring->start = 0;              /* an empty ring starts over: one copy, not two, next time */
}

/* Copies `size` bytes (at most byte_ring_room) from user memory into the
 * ring, after the newest. 0, or -EFAULT with the ring as it was. */
static inline int byte_ring_write_from_user(struct byte_ring *ring, const uint8_t *user_source, uint32_t size)
{
    uint32_t end = byte_ring_at(ring, ring->count);
    uint32_t first = byte_ring_first_piece(ring, end, size);
    if (copy_from_user(ring->bytes + end, user_source, first) < 0 ||
        (size > first && copy_from_user(ring->bytes, user_source + first, size - first) < 0))
        return -EFAULT;
    ring->count += size;
    return 0;
}

/* The same from byte `offset` of a vector of user buffers (writev,
 * sendmsg). 0, or -EFAULT with the ring as it was. */
static inline __attribute__((always_inline)) int byte_ring_write_from_vector(struct byte_ring *ring,
                                                                             const struct user_vector *source,
                                                                             uint32_t offset, uint32_t size)
{
    uint32_t end = byte_ring_at(ring, ring->count);
    uint32_t first = byte_ring_first_piece(ring, end, size);
    if (user_vector_to_kernel(source, offset, ring->bytes + end, first) < 0 ||
        (size > first && user_vector_to_kernel(source, offset + first, ring->bytes, size - first) < 0))
        return -EFAULT;
    ring->count += size;
    return 0;
}

/* The same from kernel memory: a segment's payload (TCP), a few bytes the
 * kernel itself writes (a POSIX queue's SIGEV_THREAD notification,
 * pipe_write_from_kernel). */
static inline void byte_ring_write_from_kernel(struct byte_ring *ring, const uint8_t *source, uint32_t size)
{
    uint32_t end = byte_ring_at(ring, ring->count);
    uint32_t first = byte_ring_first_piece(ring, end, size);
    memcpy(ring->bytes + end, source, first);
    if (size > first)
        memcpy(ring->bytes, source + first, size - first);
    ring->count += size;
}

/* Copies the `size` oldest bytes (at most count) to user memory, and
 * takes them off the ring unless `peek`. 0, or -EFAULT with the ring as
 * it was. */
static inline int byte_ring_read_to_user(struct byte_ring *ring, uint8_t *user_destination, uint32_t size,
                                         int peek)
{
    uint32_t first = byte_ring_first_piece(ring, ring->start, size);
    if (copy_to_user(user_destination, ring->bytes + ring->start, first) < 0 ||
        (size > first && copy_to_user(user_destination + first, ring->bytes, size - first) < 0))
        return -EFAULT;
    if (!peek)
        byte_ring_discard(ring, size);
    return 0;
}

/* The same into a vector of user buffers at byte `offset` (readv,
 * recvmsg). */
static inline __attribute__((always_inline)) int byte_ring_read_to_vector(struct byte_ring *ring,
                                                                          const struct user_vector *destination,
                                                                          uint32_t offset, uint32_t size, int peek)
{
    uint32_t first = byte_ring_first_piece(ring, ring->start, size);
    if (user_vector_from_kernel(destination, offset, ring->bytes + ring->start, first) < 0 ||
        (size > first && user_vector_from_kernel(destination, offset + first, ring->bytes, size - first) < 0))
        return -EFAULT;
    if (!peek)
        byte_ring_discard(ring, size);
    return 0;
}

/* Copies `size` bytes starting `offset` bytes after the oldest (offset +
 * size at most count) to user memory, leaving the ring as it is: a peek
 * past TCP's urgent byte (tcp_transfer.c). 0, or -EFAULT. */
static inline int byte_ring_peek_to_user(const struct byte_ring *ring, uint32_t offset, uint8_t *user_destination,
                                         uint32_t size)
{
    uint32_t from = byte_ring_at(ring, offset);
    uint32_t first = byte_ring_first_piece(ring, from, size);
    if (copy_to_user(user_destination, ring->bytes + from, first) < 0 ||
        (size > first && copy_to_user(user_destination + first, ring->bytes, size - first) < 0))
        return -EFAULT;
    return 0;
}

/* Copies `size` bytes starting `offset` bytes after the oldest (offset +
 * size at most count) into kernel memory, leaving the ring as it is: a
 * TCP segment's payload, sent and perhaps sent again. */
static inline void byte_ring_copy_out(const struct byte_ring *ring, uint32_t offset, uint8_t *destination,
                                      uint32_t size)
{
    uint32_t from = byte_ring_at(ring, offset);
    uint32_t first = byte_ring_first_piece(ring, from, size);
    memcpy(destination, ring->bytes + from, first);
    if (size > first)
        memcpy(destination + first, ring->bytes, size - first);
}

#endif

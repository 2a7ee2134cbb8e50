/* kernel/fs/user_vector.h - the buffers of readv, writev, sendmsg and
 * recvmsg: an array of struct iovec (uapi/uio.h) copied into the kernel
 * once, checked, then read or filled as if it were one buffer of `total`
 * bytes.
 *
 *   user:   iovec[0] = { base, 3 }   iovec[1] = { base', 5 }
 *   vector: byte 0 1 2 | 3 4 5 6 7      (offset 4 is base' + 1)
 *
 * Every copy still goes through copy_from_user / copy_to_user: a bad
 * buffer is EFAULT at the moment it is reached. */
#ifndef KERNEL_FS_USER_VECTOR_H
#define KERNEL_FS_USER_VECTOR_H

#include <stdint.h>

#include "mm/uaccess.h"
#include "uapi/uio.h"

#define USER_VECTOR_INLINE 8          /* segments kept on the caller's stack; more are allocated */

struct user_vector {
    struct iovec *segments;           /* the kernel's copy of the array */
    unsigned count;
    uint32_t total;                   /* bytes in all of them */
    struct iovec inline_segments[USER_VECTOR_INLINE];
};

/* Copies in `count` iovecs from `user_segments` and checks them:
 * -EINVAL for a count below 0 or above IOV_MAX or a total beyond
 * SSIZE_MAX, -EFAULT for an unreadable array or a buffer outside user
 * memory, -ENOMEM. On success user_vector_release must follow.
 * Context: a system call; does not sleep. */
int user_vector_fetch(struct user_vector *vector, const struct iovec *user_segments, int count);

/* The one-buffer case (read, send): no copy of any array. Inline: every
 * send and recv on a local socket makes one. */
static inline void user_vector_single(struct user_vector *vector, void *user_buffer, uint32_t size)
{
    vector->segments = vector->inline_segments;
    vector->segments[0].iov_base = user_buffer;
    vector->segments[0].iov_len = size;
    vector->count = 1;
    vector->total = size;
}

/* Frees what user_vector_fetch allocated. */
void user_vector_release(struct user_vector *vector);

/* Copies `size` bytes from byte `offset` of the vector into the kernel /
 * from the kernel into the vector at `offset`: 0 or -EFAULT. */
int user_vector_copy_in(const struct user_vector *vector, uint32_t offset, void *destination, uint32_t size);
int user_vector_copy_out(const struct user_vector *vector, uint32_t offset, const void *source, uint32_t size);

/* The same, inline for one segment, which is how read and write come. */
static inline int user_vector_to_kernel(const struct user_vector *vector, uint32_t offset, void *destination,
                                        uint32_t size)
{
    if (vector->count == 1)
        return copy_from_user(destination, (const uint8_t *)vector->segments[0].iov_base + offset, size);
    return user_vector_copy_in(vector, offset, destination, size);
}

static inline int user_vector_from_kernel(const struct user_vector *vector, uint32_t offset, const void *source,
                                          uint32_t size)
{
    if (vector->count == 1)
        return copy_to_user((uint8_t *)vector->segments[0].iov_base + offset, source, size);
    return user_vector_copy_out(vector, offset, source, size);
}

#endif

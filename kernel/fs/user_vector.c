/* kernel/fs/user_vector.c - an array of user buffers as one (see
 * user_vector.h): fetching and checking it, and copying through it. */
#include "user_vector.h"

#include "mm/heap.h"
#include "uapi/errno.h"

#define SSIZE_MAX_BYTES 0x7fffffffu    /* the largest count a call can return */

int user_vector_fetch(struct user_vector *vector, const struct iovec *user_segments, int count)
{
    vector->segments = vector->inline_segments;
    vector->count = 0;
    vector->total = 0;
    if (count < 0 || count > IOV_MAX)
        return -EINVAL;
    if ((unsigned)count > USER_VECTOR_INLINE && !(vector->segments = kmalloc(count * sizeof(struct iovec)))) {
        vector->segments = vector->inline_segments;
        return -ENOMEM;
    }
    vector->count = (unsigned)count;
    int status = 0;
    if (copy_from_user(vector->segments, user_segments, count * sizeof(struct iovec)) < 0)
        status = -EFAULT;
    for (unsigned i = 0; status == 0 && i < vector->count; i++) {
        uint32_t length = vector->segments[i].iov_len;
        if (length > SSIZE_MAX_BYTES - vector->total)
            status = -EINVAL;         /* POSIX: the sum would overflow an ssize_t */
        else if (!user_range_ok(vector->segments[i].iov_base, length))
            status = -EFAULT;         /* Linux's access_ok, before anything moves */
        else
            vector->total += length;
    }
    if (status < 0)
        user_vector_release(vector);
    return status;
}

void user_vector_release(struct user_vector *vector)
{
    if (vector->segments != vector->inline_segments)
        kfree(vector->segments);
    vector->segments = vector->inline_segments;
    vector->count = 0;
    vector->total = 0;
}

/* Walks the segments from byte `offset` on, `size` bytes, copying each
 * piece in (`inward`) or out. */
static int copy_through(const struct user_vector *vector, uint32_t offset, uint8_t *kernel, uint32_t size, int inward)
{
    unsigned i = 0;
    while (i < vector->count && offset >= vector->segments[i].iov_len)
        offset -= vector->segments[i++].iov_len;
    while (size > 0) {
        if (i >= vector->count)
            return -EFAULT;           /* beyond the vector: a caller's mistake */
        uint32_t room = vector->segments[i].iov_len - offset;
        uint32_t piece = size < room ? size : room;
        uint8_t *user = (uint8_t *)vector->segments[i].iov_base + offset;
        int status = inward ? copy_from_user(kernel, user, piece) : copy_to_user(user, kernel, piece);
        if (status < 0)
            return status;
        kernel += piece;
        size -= piece;
        offset = 0;
        i++;
    }
    return 0;
}

int user_vector_copy_in(const struct user_vector *vector, uint32_t offset, void *destination, uint32_t size)
{
    return copy_through(vector, offset, destination, size, 1);
}

int user_vector_copy_out(const struct user_vector *vector, uint32_t offset, const void *source, uint32_t size)
{
    return copy_through(vector, offset, (uint8_t *)source, size, 0);
}

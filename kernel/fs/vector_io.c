/* kernel/fs/vector_io.c - reading and writing many buffers in one call
 * (readv, writev), for every kind of descriptor.
 *
 *   readv(fd, [a, b])  a file or a terminal: read(a), then read(b) if a
 *                      was filled and b would not wait (poll says so)
 *                      a pipe's writev: one write of all the bytes
 *                      (pipe.c: up to PIPE_BUF of them never split)
 *                      a socket: its family's recvmsg/sendmsg, so that
 *                      a datagram stays one message
 *
 * The rules (POSIX and Linux), and where they live:
 *  - A descriptor not open for the direction is EBADF; more than IOV_MAX
 *    buffers, or a total beyond SSIZE_MAX, EINVAL; an unreadable array
 *    or a buffer outside user memory EFAULT; no bytes at all is 0.     -> user_vector_fetch
 *  - readv reads on into the next buffer only if that would not wait.  -> read_each
 * pread and pwrite, at a position without moving the file's offset,
 * are read's and write's (file.c). */
#include "file.h"
#include "file_hold.h"
#include "user_vector.h"

#include "ipc/sockets_for_core.h"
#include "mm/uaccess.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"

/* One read per buffer, going on to the next only if it would not wait. */
static int read_each(struct file *file, const struct user_vector *data)
{
    uint32_t done = 0;
    for (unsigned i = 0; i < data->count; i++) {
        const struct iovec *segment = &data->segments[i];
        if (!segment->iov_len)
            continue;
        if (done && file->operations->poll && !(file->operations->poll(file, 0) & (POLLIN | POLLHUP | POLLERR)))
            break;
        int count = file->operations->read(file, segment->iov_base, segment->iov_len);
        if (count < 0)
            return done ? (int)done : count;
        done += (uint32_t)count;
        if ((uint32_t)count < segment->iov_len)
            break;
    }
    return (int)done;
}

/* One write per buffer; a short one ends it. */
static int write_each(struct file *file, const struct user_vector *data)
{
    uint32_t done = 0;
    for (unsigned i = 0; i < data->count; i++) {
        const struct iovec *segment = &data->segments[i];
        if (!segment->iov_len)
            continue;
        int count = file->operations->write(file, segment->iov_base, segment->iov_len);
        if (count < 0)
            return done ? (int)done : count;
        done += (uint32_t)count;
        if ((uint32_t)count < segment->iov_len)
            break;
    }
    return (int)done;
}

/* readv's transfer, the file held: a socket's family receives one
 * message into the buffers (a datagram stays one), any other file reads
 * them one by one. */
static int vector_read(struct file *file, const struct user_vector *data)
{
    int status;
    return socket_read_vector(file, data, &status) ? status : read_each(file, data);
}

/* writev's transfer, the file held: a socket's family sends the buffers
 * as one message, a pipe's write_vector as one write, any other file
 * writes them one by one. */
static int vector_write(struct file *file, const struct user_vector *data)
{
    int status;
    if (socket_write_vector(file, data, &status))
        return status;
    if (file->operations->write_vector)
        return file->operations->write_vector(file, data);
    return write_each(file, data);
}

/* What readv and writev check before they move anything: the descriptor
 * (`file` NULL: EBADF), that the file moves bytes that way and is open for it (not
 * `wrong_access`), else EBADF, then the array (user_vector_fetch). The
 * bytes the buffers hold, the file held in *held (fs/file_hold.h) and
 * the array in *data, both for vector_unhold; or 0 (no bytes: nothing to
 * move) or the error, with nothing held. */
static int vector_hold(struct file *file, uint32_t wrong_access, const struct iovec *user_segments, int count,
                       struct held_file *held, struct user_vector *data)
{
    if (!file)
        return -EBADF;
    int able = wrong_access == O_WRONLY ? file->operations->read != 0 : file->operations->write != 0;
    if (!able || (file->flags & O_ACCMODE) == wrong_access)
        return -EBADF;
    int status = user_vector_fetch(data, user_segments, count);
    if (status < 0 || data->total == 0) {
        user_vector_release(data);    /* (a failed fetch released it: no harm) */
        return status;
    }
    file_hold(held, file);
    return (int)data->total;
}

/* Ends what vector_hold began and returns `result`. */
static int vector_unhold(struct held_file *held, struct user_vector *data, int result)
{
    user_vector_release(data);
    return descriptor_unhold(held, result);
}

static inline __attribute__((always_inline)) int readv_file(struct file *file, const struct iovec *user_segments,
                                                            int count)
{
    struct held_file held;
    struct user_vector data;
    int status = vector_hold(file, O_WRONLY, user_segments, count, &held, &data);
    return status <= 0 ? status : vector_unhold(&held, &data, vector_read(held.file, &data));
}

static inline __attribute__((always_inline)) int writev_file(struct file *file, const struct iovec *user_segments,
                                                             int count)
{
    struct held_file held;
    struct user_vector data;
    int status = vector_hold(file, O_RDONLY, user_segments, count, &held, &data);
    return status <= 0 ? status : vector_unhold(&held, &data, vector_write(held.file, &data));
}

int sys_readv(int fd, const struct iovec *user_segments, int count)
{
    return readv_file(descriptor_lookup(fd), user_segments, count);
}

int sys_writev(int fd, const struct iovec *user_segments, int count)
{
    return writev_file(descriptor_lookup(fd), user_segments, count);
}

int file_readv(struct file *file, const struct iovec *user_segments, int count)
{
    return readv_file(file, user_segments, count);
}

int file_writev(struct file *file, const struct iovec *user_segments, int count)
{
    return writev_file(file, user_segments, count);
}

/* kernel/fs/vector_io.c - reading and writing many buffers in one call
 * (readv, writev), and at a position without moving the file's offset
 * (pread, pwrite), for every kind of descriptor.
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
 *  - pread/pwrite: a negative offset is EINVAL, a descriptor that
 *    cannot seek (pipe, FIFO, socket, terminal) ESPIPE; the file's
 *    own offset does not move.                                         -> sys_pread, sys_pwrite */
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

int sys_readv(int fd, const struct iovec *user_segments, int count)
{
    struct file *file = descriptor_lookup(fd);
    if (!file || (file->flags & O_ACCMODE) == O_WRONLY || !file->operations->read)
        return -EBADF;
    struct user_vector data;
    int status = user_vector_fetch(&data, user_segments, count);
    if (status < 0 || data.total == 0) {
        user_vector_release(&data);
        return status;
    }
    int held = file_hold(file);           /* it may sleep: fs/file_hold.h */
    if (!socket_read_vector(file, &data, &status))
        status = read_each(file, &data);
    file_unhold(file, held);
    user_vector_release(&data);
    return status;
}

int sys_writev(int fd, const struct iovec *user_segments, int count)
{
    struct file *file = descriptor_lookup(fd);
    if (!file || (file->flags & O_ACCMODE) == O_RDONLY || !file->operations->write)
        return -EBADF;
    struct user_vector data;
    int status = user_vector_fetch(&data, user_segments, count);
    if (status < 0 || data.total == 0) {
        user_vector_release(&data);
        return status;
    }
    int held = file_hold(file);
    if (!socket_write_vector(file, &data, &status)) {   /* a socket: sendmsg */
        if (file->operations->write_vector)
            status = file->operations->write_vector(file, &data);
        else
            status = write_each(file, &data);
    }
    file_unhold(file, held);
    user_vector_release(&data);
    return status;
}

int sys_pread(int fd, void *user_buffer, uint32_t size, int offset)
{
    if (offset < 0)
        return -EINVAL;
    struct file *file = descriptor_lookup(fd);
    if (!file)
        return -EBADF;
    if (!file->operations->read_at)
        return -ESPIPE;
    if ((file->flags & O_ACCMODE) == O_WRONLY)
        return -EBADF;
    if ((int)size < 0)
        return -EINVAL;
    if (!user_range_ok(user_buffer, size))
        return -EFAULT;
    int held = file_hold(file);
    int result = file->operations->read_at(file, user_buffer, size, (uint32_t)offset);
    file_unhold(file, held);
    return result;
}

int sys_pwrite(int fd, const void *user_buffer, uint32_t size, int offset)
{
    if (offset < 0)
        return -EINVAL;
    struct file *file = descriptor_lookup(fd);
    if (!file)
        return -EBADF;
    if (!file->operations->write_at)
        return -ESPIPE;
    if ((file->flags & O_ACCMODE) == O_RDONLY)
        return -EBADF;
    if ((int)size < 0)
        return -EINVAL;
    if (!user_range_ok(user_buffer, size))
        return -EFAULT;
    int held = file_hold(file);
    int result = file->operations->write_at(file, user_buffer, size, (uint32_t)offset);
    file_unhold(file, held);
    return result;
}

/* libc/unistd/vector.c - descriptor calls beyond read and write: many
 * buffers at once (readv, writev), at a position (pread, pwrite), and
 * the flagged forms of pipe and dup2 (pipe2, dup3). */
#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>

#include "../syscall.h"
#include "../thread/thread_internal.h"

/* Fills the buffers in order; returns the bytes read, 0 at end of file. */
ssize_t readv(int fd, const struct iovec *vector, int count)
{
    return syscall_result(cancel_point_result(syscall3(cancel_point_number(SYS_readv),
                                                       fd, (long)vector, count)));
}

/* Writes the buffers in order, as one write. */
ssize_t writev(int fd, const struct iovec *vector, int count)
{
    return syscall_result(cancel_point_result(syscall3(cancel_point_number(SYS_writev),
                                                       fd, (long)vector, count)));
}

/* Reads at `offset`; the file's own offset does not move. */
ssize_t pread(int fd, void *buffer, size_t count, off_t offset)
{
    return syscall_result(cancel_point_result(syscall4(cancel_point_number(SYS_pread),
                                                       fd, (long)buffer, (long)count, offset)));
}

/* Writes at `offset`; the file's own offset does not move. */
ssize_t pwrite(int fd, const void *buffer, size_t count, off_t offset)
{
    return syscall_result(cancel_point_result(syscall4(cancel_point_number(SYS_pwrite),
                                                       fd, (long)buffer, (long)count, offset)));
}

/* pipe() with O_CLOEXEC and O_NONBLOCK on both ends. */
int pipe2(int fds[2], int flags)
{
    return syscall_result(syscall2(SYS_pipe2, (long)fds, flags));
}

/* dup2() with O_CLOEXEC; the same descriptor twice is EINVAL. */
int dup3(int old_fd, int new_fd, int flags)
{
    return syscall_result(syscall3(SYS_dup3, old_fd, new_fd, flags));
}

/* libc/include/sys/uio.h - reading into and writing from many buffers
 * at once (readv(2), writev(2)); struct iovec and IOV_MAX come from
 * kernel/uapi/uio.h. */
#ifndef LIBC_INCLUDE_SYS_UIO_H
#define LIBC_INCLUDE_SYS_UIO_H

#include <sys/types.h>
#include <uapi/uio.h>

ssize_t readv(int fd, const struct iovec *vector, int count);
ssize_t writev(int fd, const struct iovec *vector, int count);

#endif

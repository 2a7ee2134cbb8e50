/* kernel/uapi/uio.h - many buffers in one call: readv, writev, and the
 * messages of sendmsg/recvmsg (uapi/socket.h) name their bytes as an
 * array of these, filled or emptied in order. */
#ifndef KERNEL_UAPI_UIO_H
#define KERNEL_UAPI_UIO_H

#define IOV_MAX 1024                 /* buffers in one call (Linux's UIO_MAXIOV): EINVAL beyond */
#define UIO_MAXIOV IOV_MAX

struct iovec {
    void         *iov_base;          /* the buffer */
    unsigned int  iov_len;           /* its length in bytes (a size_t) */
};

#endif

/* kernel/uapi/poll.h - waiting on many descriptors as programs see it
 * (poll(2), select(2)): struct pollfd and the event bits, Linux's values. */
#ifndef KERNEL_UAPI_POLL_H
#define KERNEL_UAPI_POLL_H

#define POLLIN      0x001   /* data to read (or end of file, or a connection to accept) */
#define POLLPRI     0x002   /* urgent data: nothing here has any */
#define POLLOUT     0x004   /* a write would not wait */
#define POLLERR     0x008   /* an error: a pipe's write end with no reader left (always reported) */
#define POLLHUP     0x010   /* hung up: writers or the peer gone (always reported) */
#define POLLNVAL    0x020   /* not an open descriptor (always reported) */
#define POLLRDNORM  0x040   /* as POLLIN, for ordinary data */
#define POLLRDBAND  0x080   /* priority data: nothing here has any */
#define POLLWRNORM  0x100   /* as POLLOUT */
#define POLLWRBAND  0x200   /* priority data may be written: never here */
#define POLLRDHUP   0x2000  /* a stream socket's peer shut down writing or closed (Linux) */

struct pollfd {
    int fd;                 /* the descriptor; a negative one is skipped (revents 0) */
    short events;           /* what the caller waits for */
    short revents;          /* what is so, filled in by the kernel */
};

#define SELECT_NFDS_MAX 1024     /* FD_SETSIZE: select(2)'s nfds may be 0..this, EINVAL beyond */

#endif

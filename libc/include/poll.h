/* libc/include/poll.h - waiting until one of many descriptors is ready
 * (poll(2)): struct pollfd and the POLL* events come from
 * kernel/uapi/poll.h, with Linux's values. */
#ifndef LIBC_INCLUDE_POLL_H
#define LIBC_INCLUDE_POLL_H

#include <signal.h>
#include <time.h>
#include <uapi/poll.h>

typedef unsigned long nfds_t;

/* Waits up to `timeout` milliseconds (negative: for ever; 0: not at all)
 * for an event of fds[0..nfds-1]; returns how many entries have revents. */
int poll(struct pollfd *fds, nfds_t nfds, int timeout);

/* The same with a struct timespec (NULL: for ever), and `mask` (NULL:
 * none) in place of the signal mask for the length of the wait. */
int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout, const sigset_t *mask);

#endif

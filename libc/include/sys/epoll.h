/* libc/include/sys/epoll.h - epoll(7): waiting on many descriptors with a
 * set kept in the kernel. The constants and struct epoll_event come from
 * kernel/uapi/epoll.h, with Linux's values. */
#ifndef LIBC_INCLUDE_SYS_EPOLL_H
#define LIBC_INCLUDE_SYS_EPOLL_H

#include <signal.h>
#include <stdint.h>
#include <uapi/epoll.h>

typedef union epoll_data epoll_data_t;

/* A new epoll instance's descriptor; `size` must be positive (a hint,
 * unused). epoll_create1 takes EPOLL_CLOEXEC instead. */
int epoll_create(int size);
int epoll_create1(int flags);

/* Adds, changes or removes (EPOLL_CTL_ADD, _MOD, _DEL) the watch of `fd`
 * in the instance `epfd`. */
int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event);

/* Waits up to `timeout` milliseconds (-1: for ever; 0: not at all) for a
 * watched descriptor to be ready; fills at most `maxevents` events and
 * returns how many. epoll_pwait puts `sigmask` (NULL: none) in place of
 * the signal mask for the wait. Cancellation points. */
int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout);
int epoll_pwait(int epfd, struct epoll_event *events, int maxevents, int timeout, const sigset_t *sigmask);

#endif

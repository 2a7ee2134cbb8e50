/* kernel/uapi/epoll.h - epoll(7) as programs see it: the operations of
 * epoll_ctl, the event bits (Linux's values, the POLL* ones where they
 * meet) and struct epoll_event. */
#ifndef KERNEL_UAPI_EPOLL_H
#define KERNEL_UAPI_EPOLL_H

#include <stdint.h>

#include "fcntl.h"

#define EPOLL_CLOEXEC   O_CLOEXEC   /* epoll_create1: the descriptor closes on exec */

#define EPOLL_CTL_ADD   1           /* watch a descriptor */
#define EPOLL_CTL_DEL   2           /* stop watching it */
#define EPOLL_CTL_MOD   3           /* change what is watched for, and the data */

#define EPOLLIN         0x001       /* as POLLIN */
#define EPOLLPRI        0x002       /* as POLLPRI: nothing here has urgent data */
#define EPOLLOUT        0x004       /* as POLLOUT */
#define EPOLLERR        0x008       /* as POLLERR (always reported) */
#define EPOLLHUP        0x010       /* as POLLHUP (always reported) */
#define EPOLLRDNORM     0x040
#define EPOLLRDBAND     0x080
#define EPOLLWRNORM     0x100
#define EPOLLWRBAND     0x200
#define EPOLLMSG        0x400       /* never reported (Linux's too) */
#define EPOLLRDHUP      0x2000      /* a stream's peer shut down writing, or closed */
#define EPOLLEXCLUSIVE  (1u << 28)  /* ADD only: accepted, every waiter woken (allowed) */
#define EPOLLWAKEUP     (1u << 29)  /* no suspend here: ignored, as Linux without the capability */
#define EPOLLONESHOT    (1u << 30)  /* report once, then nothing until EPOLL_CTL_MOD */
#define EPOLLET         (1u << 31)  /* edge-triggered: report a change once */

/* Linux packs it on x86-64 so that it has the same 12 bytes as on i386. */
struct epoll_event {
    uint32_t events;        /* EPOLL* bits: asked for (ctl), that are so (wait) */
    union epoll_data {
        void *ptr;
        int fd;
        uint32_t u32;
        uint64_t u64;
    } data;                 /* the caller's, given back unchanged */
} __attribute__((packed));

#endif

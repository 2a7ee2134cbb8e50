/* kernel/subsystems/multiplexing_calls.h - the system-call handlers of poll, select and epoll
 * (kernel/subsystems/multiplexing.c puts them in the table), with their real types.
 * Context: as every handler's (kernel/syscall.h). */
#ifndef KERNEL_SUBSYSTEMS_MULTIPLEXING_CALLS_H
#define KERNEL_SUBSYSTEMS_MULTIPLEXING_CALLS_H

#include <stdint.h>

struct epoll_event;
struct pollfd;
struct timespec;

int sys_poll(struct pollfd *entries, unsigned count, const struct timespec *timeout,
             const void *mask);   /* sleeps */
int sys_select(int nfds, uint32_t *read_set, uint32_t *write_set, uint32_t *except_set,
               const struct timespec *timeout, const void *mask);   /* sleeps */
int sys_epoll_create(int size);
int sys_epoll_create1(int flags);
int sys_epoll_ctl(int epfd, int op, int fd, const struct epoll_event *event);
int sys_epoll_wait(int epfd, struct epoll_event *events, int max, int timeout_ms);
int sys_epoll_pwait(int epfd, struct epoll_event *events, int max, int timeout_ms, const void *mask,
                    unsigned mask_size);

#endif

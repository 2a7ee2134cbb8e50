/* libc/epoll/epoll.c - the epoll(7) calls: one system call each. The
 * waits are cancellation points, as glibc's. */
#include <sys/epoll.h>

#include "../syscall.h"
#include "../thread/thread_internal.h"

int epoll_create(int size)
{
    return syscall_result(syscall1(SYS_epoll_create, size));
}

int epoll_create1(int flags)
{
    return syscall_result(syscall1(SYS_epoll_create1, flags));
}

int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event)
{
    return syscall_result(syscall4(SYS_epoll_ctl, epfd, op, fd, (long)event));
}

int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout)
{
    return syscall_result(cancel_point_result(syscall4(cancel_point_number(SYS_epoll_wait), epfd, (long)events,
                                                       maxevents, timeout)));
}

int epoll_pwait(int epfd, struct epoll_event *events, int maxevents, int timeout, const sigset_t *sigmask)
{
    return syscall_result(cancel_point_result(syscall6(cancel_point_number(SYS_epoll_pwait), epfd, (long)events,
                                                       maxevents, timeout, (long)sigmask, sizeof(sigset_t))));
}

/* libc/poll/poll.c - poll, ppoll, select and pselect: two system calls,
 * in ppoll's and pselect's forms. Both take a relative struct timespec and
 * write the time left into it, as Linux's do (a restarted call waits for
 * that); the wrappers pass a copy of their own, except select, which hands
 * the time left back in the caller's timeval as Linux's select does. All
 * four are cancellation points. */
#include <poll.h>
#include <sys/select.h>

#include "../syscall.h"
#include "../thread/thread_internal.h"

#define MS_PER_SECOND 1000
#define NS_PER_MS     1000000L
#define NS_PER_US     1000L
#define US_PER_SECOND 1000000L

static int poll_call(struct pollfd *fds, nfds_t nfds, struct timespec *relative, const sigset_t *mask)
{
    return syscall_result(cancel_point_result(syscall4(cancel_point_number(SYS_poll), (long)fds, (long)nfds,
                                                       (long)relative, (long)mask)));
}

int poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
    struct timespec relative = { timeout / MS_PER_SECOND, (timeout % MS_PER_SECOND) * NS_PER_MS };
    return poll_call(fds, nfds, timeout < 0 ? 0 : &relative, 0);
}

int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout, const sigset_t *mask)
{
    struct timespec relative;
    if (timeout)
        relative = *timeout;
    return poll_call(fds, nfds, timeout ? &relative : 0, mask);
}

static int select_call(int nfds, fd_set *read_set, fd_set *write_set, fd_set *except_set,
                       struct timespec *relative, const sigset_t *mask)
{
    return syscall_result(cancel_point_result(syscall6(cancel_point_number(SYS_select), nfds, (long)read_set,
                                                       (long)write_set, (long)except_set, (long)relative,
                                                       (long)mask)));
}

int select(int nfds, fd_set *read_set, fd_set *write_set, fd_set *except_set, struct timeval *timeout)
{
    if (!timeout)
        return select_call(nfds, read_set, write_set, except_set, 0, 0);
    if (timeout->tv_sec < 0 || timeout->tv_usec < 0 || timeout->tv_usec >= US_PER_SECOND) {
        errno = EINVAL;               /* as Linux: not a time */
        return -1;
    }
    struct timespec relative = { timeout->tv_sec, timeout->tv_usec * NS_PER_US };
    int result = select_call(nfds, read_set, write_set, except_set, &relative, 0);
    timeout->tv_sec = relative.tv_sec;  /* the time left */
    timeout->tv_usec = relative.tv_nsec / NS_PER_US;
    return result;
}

int pselect(int nfds, fd_set *read_set, fd_set *write_set, fd_set *except_set,
            const struct timespec *timeout, const sigset_t *mask)
{
    struct timespec relative;
    if (timeout)
        relative = *timeout;
    return select_call(nfds, read_set, write_set, except_set, timeout ? &relative : 0, mask);
}

/* libc/include/sys/timerfd.h - timerfd_create(2): a timer read as a file,
 * waited for with read, poll, select or epoll. The flags come from
 * kernel/uapi/timerfd.h, with Linux's values; struct itimerspec from
 * <time.h>. */
#ifndef LIBC_INCLUDE_SYS_TIMERFD_H
#define LIBC_INCLUDE_SYS_TIMERFD_H

#include <time.h>
#include <uapi/timerfd.h>

/* A new timer on `clock` (CLOCK_REALTIME or CLOCK_MONOTONIC), disarmed,
 * as a descriptor; `flags`: TFD_NONBLOCK, TFD_CLOEXEC. */
int timerfd_create(int clock, int flags);

/* Arms (or with a zero it_value disarms) the timer of `fd`: relative to
 * now, or at a time on its clock with TFD_TIMER_ABSTIME (and
 * TFD_TIMER_CANCEL_ON_SET); the old setting into *old (NULL: not asked).
 * A read then returns the expiries since the last read, a uint64_t. */
int timerfd_settime(int fd, int flags, const struct itimerspec *value, struct itimerspec *old);

/* The time left until the next expiry and the interval. */
int timerfd_gettime(int fd, struct itimerspec *value);

#endif

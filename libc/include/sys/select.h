/* libc/include/sys/select.h - select(2): waiting until descriptors in
 * three sets are ready. A set holds one bit per descriptor below
 * FD_SETSIZE, in 32-bit words as Linux's fd_set on i386. */
#ifndef LIBC_INCLUDE_SYS_SELECT_H
#define LIBC_INCLUDE_SYS_SELECT_H

#include <signal.h>
#include <sys/time.h>
#include <time.h>
#include <uapi/poll.h>

#define FD_SETSIZE SELECT_NFDS_MAX   /* 1024: nfds may be 0..FD_SETSIZE */

#define __FD_WORD_BITS (8 * (int)sizeof(unsigned long))

typedef struct {
    unsigned long fds_bits[FD_SETSIZE / (8 * sizeof(unsigned long))];
} fd_set;

#define FD_ZERO(set)                                                            \
    do {                                                                        \
        for (unsigned __i = 0; __i < sizeof((set)->fds_bits) / sizeof((set)->fds_bits[0]); __i++) \
            (set)->fds_bits[__i] = 0;                                           \
    } while (0)
#define FD_SET(fd, set)   ((void)((set)->fds_bits[(fd) / __FD_WORD_BITS] |= 1ul << ((fd) % __FD_WORD_BITS)))
#define FD_CLR(fd, set)   ((void)((set)->fds_bits[(fd) / __FD_WORD_BITS] &= ~(1ul << ((fd) % __FD_WORD_BITS))))
#define FD_ISSET(fd, set) (((set)->fds_bits[(fd) / __FD_WORD_BITS] >> ((fd) % __FD_WORD_BITS)) & 1ul)

/* Waits until a descriptor below nfds in a set is ready, or `timeout`
 * (NULL: for ever) has passed, which then holds the time left, as on
 * Linux. The sets come back holding only the ready descriptors; returns
 * how many bits are set in all. */
int select(int nfds, fd_set *read_set, fd_set *write_set, fd_set *except_set, struct timeval *timeout);

/* The same with a struct timespec, left untouched, and `mask` (NULL:
 * none) in place of the signal mask for the length of the wait. */
int pselect(int nfds, fd_set *read_set, fd_set *write_set, fd_set *except_set,
            const struct timespec *timeout, const sigset_t *mask);

#endif

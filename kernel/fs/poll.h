/* kernel/fs/poll.h - waiting until one of many descriptors is ready: the
 * loop poll(2) and select(2) share, and their timeouts and masks. */
#ifndef KERNEL_FS_POLL_H
#define KERNEL_FS_POLL_H

#include <stdint.h>

#include "uapi/poll.h"
#include "uapi/time.h"

#define POLL_NO_DEADLINE UINT64_MAX   /* wait for ever */

/* What is reported beside the asked events: poll always reports POLLERR
 * and POLLHUP and gives POLLNVAL for a descriptor that is not open;
 * select reports only the bits of its sets, and a descriptor closed
 * during its wait is simply not ready. */
struct poll_rules {
    unsigned always;                  /* events reported even if not asked */
    unsigned not_open;                /* revents of a descriptor that is not open */
    const char *reason;               /* what ps shows while it waits */
};

/* Looks at `entries` until one is ready (its revents filled in; returns
 * how many are), until `deadline` (clock_now_ns time, POLL_NO_DEADLINE;
 * one at or before now: look once), or until a signal: -ERESTARTNOHAND
 * (EINTR if a handler runs, a restart if none did). -ENOMEM. Context:
 * system call; sleeps. */
int poll_descriptors(struct pollfd *entries, unsigned count, uint64_t deadline,
                     const struct poll_rules *rules);

/* A poll or select call's timeout: the relative struct timespec at
 * `user_timeout` (NULL: none) becomes the deadline. -EFAULT, -EINVAL for
 * a negative or non-normalised time. */
int poll_read_timeout(const struct timespec *user_timeout, uint64_t *deadline);

/* The end of a poll or select call: the time left written back to
 * `user_timeout` (what Linux's system calls do, and what a restart then
 * waits for: the libc passes its own copy), the signal mask put back
 * (`masked`: the call installed `user_mask`). Returns the call's result. */
int poll_finish(int result, const struct timespec *user_timeout, uint64_t deadline, int masked);

#endif

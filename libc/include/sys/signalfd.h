/* libc/include/sys/signalfd.h - signalfd(2): the caller's pending
 * signals read from a descriptor, each as a struct signalfd_siginfo of
 * 128 bytes (docs/event-files.md). The constants and the struct come
 * from kernel/uapi/event_files.h, with Linux's values and layout. */
#ifndef LIBC_INCLUDE_SYS_SIGNALFD_H
#define LIBC_INCLUDE_SYS_SIGNALFD_H

#include <signal.h>
#include <stdint.h>
#include <uapi/event_files.h>

/* fd -1: a new descriptor reading the signals of `mask`; else the
 * signalfd `fd` reads `mask` from now on. flags SFD_NONBLOCK,
 * SFD_CLOEXEC. The descriptor, or -1 and errno. Block the signals first
 * (sigprocmask), or they are delivered as usual. */
int signalfd(int fd, const sigset_t *mask, int flags);

#endif

/* libc/include/sys/eventfd.h - eventfd(2): a 64-bit counter behind a
 * descriptor, for one thread or process to wake another (docs/
 * event-files.md). The constants come from kernel/uapi/event_files.h,
 * with Linux's values. */
#ifndef LIBC_INCLUDE_SYS_EVENTFD_H
#define LIBC_INCLUDE_SYS_EVENTFD_H

#include <stdint.h>
#include <uapi/event_files.h>

typedef uint64_t eventfd_t;

/* A new eventfd holding `initval`; flags EFD_SEMAPHORE, EFD_NONBLOCK,
 * EFD_CLOEXEC. The descriptor, or -1 and errno. */
int eventfd(unsigned int initval, int flags);

/* glibc's helpers: one read or write of the 8 bytes; 0, or -1 and errno
 * (a short transfer cannot happen). */
int eventfd_read(int fd, eventfd_t *value);
int eventfd_write(int fd, eventfd_t value);

#endif

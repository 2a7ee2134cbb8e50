/* libc/include/errno.h - errno and the error numbers (kernel/uapi/errno.h).
 * A failed call stores its error here; a successful one leaves it alone.
 * Each thread has its own. */
#ifndef LIBC_INCLUDE_ERRNO_H
#define LIBC_INCLUDE_ERRNO_H

#include <uapi/errno.h>

/* One errno per thread, as POSIX requires (libc/errno.c). A program
 * reaches it through a function, so that its own `extern int errno;`
 * still compiles; the C library itself (built with LIBC_BUILD) stores
 * into the thread-local variable directly, one instruction. */
#ifdef LIBC_BUILD
extern __thread int __libc_errno;
#define errno __libc_errno
#else
int *__errno_location(void);
#define errno (*__errno_location())
#endif

/* The program's name as it was started (argv[0]) and its last part, as
 * glibc has them; err(3), syslog(3) and getopt's messages use them. */
extern char *program_invocation_name;
extern char *program_invocation_short_name;

#endif

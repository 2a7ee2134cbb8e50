/* libc/include/errno.h - errno and the error numbers (kernel/uapi/errno.h).
 * A failed call stores its error here; a successful one leaves it alone.
 * Each thread has its own. */
#ifndef LIBC_INCLUDE_ERRNO_H
#define LIBC_INCLUDE_ERRNO_H

#include <uapi/errno.h>

/* One errno per thread (it lives in the thread's control block,
 * libc/thread/thread_internal.h), as POSIX requires. */
int *__errno_location(void);
#define errno (*__errno_location())

#endif

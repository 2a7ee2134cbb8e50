/* libc/include/errno.h - errno and the error numbers (kernel/uapi/errno.h).
 * A failed call stores its error here; a successful one leaves it alone. */
#ifndef LIBC_INCLUDE_ERRNO_H
#define LIBC_INCLUDE_ERRNO_H

#include <uapi/errno.h>

extern int errno;

#endif

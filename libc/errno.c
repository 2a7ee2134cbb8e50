/* libc/errno.c - errno: one per thread, a __thread variable in each
 * thread's TLS block (libc/thread/tls.c). <errno.h> reaches it through
 * __errno_location, as glibc's does, so that a program's own
 * `extern int errno;` still compiles; inside the C library errno names
 * the variable itself (errno.h, LIBC_BUILD). */
#include <errno.h>

__thread int __libc_errno;

int *__errno_location(void);     /* declared by <errno.h> for programs only */

int *__errno_location(void)
{
    return &__libc_errno;
}

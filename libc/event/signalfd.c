/* libc/event/signalfd.c - signalfd(2): signalfd4 with the size of the
 * mask, as glibc's. */
#include <sys/signalfd.h>

#include "../syscall.h"

int signalfd(int fd, const sigset_t *mask, int flags)
{
    return syscall_result(syscall4(SYS_signalfd4, fd, (long)mask, sizeof *mask, flags));
}

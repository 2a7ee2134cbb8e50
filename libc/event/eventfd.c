/* libc/event/eventfd.c - eventfd(2) and glibc's eventfd_read and
 * eventfd_write. */
#include <sys/eventfd.h>
#include <unistd.h>

#include "../syscall.h"

int eventfd(unsigned int initval, int flags)
{
    return syscall_result(syscall2(SYS_eventfd2, (long)initval, flags));
}

int eventfd_read(int fd, eventfd_t *value)
{
    return read(fd, value, sizeof *value) == sizeof *value ? 0 : -1;
}

int eventfd_write(int fd, eventfd_t value)
{
    return write(fd, &value, sizeof value) == sizeof value ? 0 : -1;
}

/* libc/unistd/flock.c - flock(2): the system call (kernel/fs/flock.c). */
#include <sys/file.h>

#include "../syscall.h"

int flock(int fd, int operation)
{
    return syscall_result(syscall2(SYS_flock, fd, operation));
}

/* libc/mman/mmap.c - mmap and munmap. */
#include <sys/mman.h>

#include "../syscall.h"

void *mmap(void *address, size_t length, int protection, int flags, int fd, off_t offset)
{
    long result = syscall6(SYS_mmap, (long)address, (long)length, protection, flags, fd, (long)offset);
    if (result < 0 && result >= -SYSCALL_ERROR_MAX) {
        errno = (int)-result;
        return MAP_FAILED;
    }
    return (void *)result;
}

int munmap(void *address, size_t length)
{
    return syscall_result(syscall2(SYS_munmap, (long)address, (long)length));
}

/* libc/mman/mmap.c - mmap, munmap, mprotect, msync, madvise, posix_madvise. */
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

int mprotect(void *address, size_t length, int protection)
{
    return syscall_result(syscall3(SYS_mprotect, (long)address, (long)length, protection));
}

int msync(void *address, size_t length, int flags)
{
    return syscall_result(syscall3(SYS_msync, (long)address, (long)length, flags));
}

int madvise(void *address, size_t length, int advice)
{
    return syscall_result(syscall3(SYS_madvise, (long)address, (long)length, advice));
}

/* As glibc: the error is returned, errno is left alone, and
 * POSIX_MADV_DONTNEED is only advice (madvise's MADV_DONTNEED would
 * throw private data away, which POSIX does not allow). */
int posix_madvise(void *address, size_t length, int advice)
{
    if (advice == POSIX_MADV_DONTNEED)
        advice = POSIX_MADV_NORMAL;          /* checked as madvise checks, nothing discarded */
    long result = syscall3(SYS_madvise, (long)address, (long)length, advice);
    return result < 0 ? (int)-result : 0;
}

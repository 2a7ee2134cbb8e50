/* libc/mman/mlock.c - mlock, munlock, mlockall, munlockall: the system
 * calls of kernel/mm/lock.c (mlock(2)); and mincore, kernel/mm/mincore.c. */
#include <sys/mman.h>

#include "../syscall.h"

int mlock(const void *address, size_t length)
{
    return syscall_result(syscall2(SYS_mlock, (long)address, (long)length));
}

int munlock(const void *address, size_t length)
{
    return syscall_result(syscall2(SYS_munlock, (long)address, (long)length));
}

int mlockall(int flags)
{
    return syscall_result(syscall1(SYS_mlockall, flags));
}

int munlockall(void)
{
    return syscall_result(syscall0(SYS_munlockall));
}

int mincore(void *address, size_t length, unsigned char *vector)
{
    return syscall_result(syscall3(SYS_mincore, (long)address, (long)length, (long)vector));
}

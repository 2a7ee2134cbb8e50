/* libc/sysv/shm.c - System V shared memory wrappers. */
#include <errno.h>
#include <sys/shm.h>

#include "../syscall.h"

int shmget(key_t key, size_t size, int flags)
{
    return syscall_result(syscall3(SYS_shmget, key, (long)size, flags));
}

void *shmat(int id, const void *address, int flags)
{
    long result = syscall3(SYS_shmat, id, (long)address, flags);
    if (result < 0 && result >= -SYSCALL_ERROR_MAX) {
        errno = (int)-result;
        return (void *)-1;
    }
    return (void *)result;
}

int shmdt(const void *address)
{
    return syscall_result(syscall1(SYS_shmdt, (long)address));
}

int shmctl(int id, int command, struct shmid_ds *buffer)
{
    return syscall_result(syscall3(SYS_shmctl, id, command, (long)buffer));
}

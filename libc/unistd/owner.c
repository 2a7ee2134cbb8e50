/* libc/unistd/owner.c - a file's mode and owner, and the umask
 * (kernel/fs/owner_syscalls.c, kernel/proc/identity_syscalls.c). */
#include <sys/stat.h>
#include <unistd.h>

#include "../syscall.h"

int chmod(const char *path, mode_t mode)
{
    return syscall_result(syscall2(SYS_chmod, (long)path, (long)mode));
}

int fchmod(int fd, mode_t mode)
{
    return syscall_result(syscall2(SYS_fchmod, fd, (long)mode));
}

int chown(const char *path, uid_t owner, gid_t group)
{
    return syscall_result(syscall3(SYS_chown, (long)path, (long)owner, (long)group));
}

int fchown(int fd, uid_t owner, gid_t group)
{
    return syscall_result(syscall3(SYS_fchown, fd, (long)owner, (long)group));
}

mode_t umask(mode_t mask)
{
    return (mode_t)syscall1(SYS_umask, (long)mask);   /* never fails */
}

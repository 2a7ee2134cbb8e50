/* libc/mount/mount.c - mount, umount and umount2 (mount(2), umount(2)). */
#include <sys/mount.h>

#include "../syscall.h"

/* The kernel takes four arguments: `data`, a file system's option string
 * on Linux, has no use here and is not passed on. */
int mount(const char *source, const char *target, const char *filesystemtype, unsigned long mountflags,
          const void *data)
{
    (void)data;
    return syscall_result(syscall4(SYS_mount, (long)source, (long)target, (long)filesystemtype,
                                   (long)mountflags));
}

int umount2(const char *target, int flags)
{
    return syscall_result(syscall2(SYS_umount, (long)target, flags));
}

int umount(const char *target)
{
    return umount2(target, 0);
}

/* libc/mount/statfs.c - statfs and fstatfs (statfs(2)), and POSIX's
 * statvfs and fstatvfs (statvfs(3)) made from them. */
#include <stddef.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>

#include "../syscall.h"

/* struct statfs is handed to the kernel as it is: its layout must be the
 * kernel's (kernel/uapi/mount.h). */
_Static_assert(sizeof(struct statfs) == sizeof(struct kernel_statfs), "struct statfs is the kernel's");
_Static_assert(offsetof(struct statfs, f_fsid) == offsetof(struct kernel_statfs, f_fsid) &&
                   offsetof(struct statfs, f_flags) == offsetof(struct kernel_statfs, f_flags),
               "struct statfs has the kernel's field order");

int statfs(const char *path, struct statfs *buffer)
{
    return syscall_result(syscall2(SYS_statfs, (long)path, (long)buffer));
}

int fstatfs(int fd, struct statfs *buffer)
{
    return syscall_result(syscall2(SYS_fstatfs, fd, (long)buffer));
}

/* Turns statfs's answer into POSIX's struct statvfs. The kernel never
 * acts on a file's set-user-id and set-group-id bits (<sys/stat.h>), so
 * every file system is ST_NOSUID. */
static void statvfs_from_statfs(const struct statfs *fs, struct statvfs *buffer)
{
    buffer->f_bsize = fs->f_bsize;
    buffer->f_frsize = fs->f_frsize ? fs->f_frsize : fs->f_bsize;
    buffer->f_blocks = fs->f_blocks;
    buffer->f_bfree = fs->f_bfree;
    buffer->f_bavail = fs->f_bavail;
    buffer->f_files = fs->f_files;
    buffer->f_ffree = fs->f_ffree;
    buffer->f_favail = fs->f_ffree;         /* no inodes are kept for root */
    buffer->f_fsid = (unsigned long)fs->f_fsid.__val[0];
    buffer->f_flag = ST_NOSUID | (fs->f_flags & MS_RDONLY ? ST_RDONLY : 0);
    buffer->f_namemax = fs->f_namelen;
}

int statvfs(const char *path, struct statvfs *buffer)
{
    struct statfs fs;
    if (statfs(path, &fs) < 0)
        return -1;
    statvfs_from_statfs(&fs, buffer);
    return 0;
}

int fstatvfs(int fd, struct statvfs *buffer)
{
    struct statfs fs;
    if (fstatfs(fd, &fs) < 0)
        return -1;
    statvfs_from_statfs(&fs, buffer);
    return 0;
}

/* libc/include/sys/statvfs.h - statvfs(3): POSIX's view of a mounted file
 * system, built by the library from statfs(2)'s answer. */
#ifndef LIBC_INCLUDE_SYS_STATVFS_H
#define LIBC_INCLUDE_SYS_STATVFS_H

#include <sys/types.h>

#define ST_RDONLY 1             /* mounted read-only */
#define ST_NOSUID 2             /* set-user-id and set-group-id bits are not acted on */

struct statvfs {
    unsigned long f_bsize;      /* block size in bytes */
    unsigned long f_frsize;     /* fragment size: the unit of f_blocks, f_bfree, f_bavail */
    fsblkcnt_t f_blocks;        /* size of the file system, in f_frsize units */
    fsblkcnt_t f_bfree;         /* free blocks */
    fsblkcnt_t f_bavail;        /* free blocks an ordinary user may take */
    fsfilcnt_t f_files;         /* inodes in all */
    fsfilcnt_t f_ffree;         /* free inodes */
    fsfilcnt_t f_favail;        /* free inodes an ordinary user may take */
    unsigned long f_fsid;       /* the file system's id */
    unsigned long f_flag;       /* ST_RDONLY, ST_NOSUID */
    unsigned long f_namemax;    /* longest file name */
};

/* Fills *buffer for the file system that holds `path`; 0, or -1 with
 * errno (those of statfs(2)). */
int statvfs(const char *path, struct statvfs *buffer);

/* The same for the file system of the open file `fd` (fstatfs(2)'s errors). */
int fstatvfs(int fd, struct statvfs *buffer);

#endif

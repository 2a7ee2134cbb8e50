/* libc/include/sys/statfs.h - statfs(2): the size and use of a mounted
 * file system. struct statfs has the kernel's layout (struct kernel_statfs,
 * kernel/uapi/mount.h, which is Linux's on i386), so the library hands it
 * to the kernel as it is. f_type tells the file system: EXT2_SUPER_MAGIC
 * or MEMFS_MAGIC. <sys/statvfs.h> has POSIX's portable form. */
#ifndef LIBC_INCLUDE_SYS_STATFS_H
#define LIBC_INCLUDE_SYS_STATFS_H

#include <sys/types.h>
#include <uapi/mount.h>

typedef struct {
    int __val[2];
} fsid_t;

struct statfs {
    unsigned int f_type;        /* EXT2_SUPER_MAGIC, MEMFS_MAGIC */
    unsigned int f_bsize;       /* block size in bytes */
    fsblkcnt_t f_blocks;        /* blocks in all */
    fsblkcnt_t f_bfree;         /* free blocks */
    fsblkcnt_t f_bavail;        /* free blocks an ordinary user may take */
    fsfilcnt_t f_files;         /* inodes in all */
    fsfilcnt_t f_ffree;         /* free inodes */
    fsid_t f_fsid;              /* the file system's id */
    unsigned int f_namelen;     /* longest file name */
    unsigned int f_frsize;      /* fragment size: the block size */
    unsigned int f_flags;       /* MS_RDONLY if mounted read-only */
    unsigned int f_spare[4];
};

/* Fills *buffer for the file system that holds `path`; 0, or -1 with errno. */
int statfs(const char *path, struct statfs *buffer);

/* The same for the file system of the open file `fd`. */
int fstatfs(int fd, struct statfs *buffer);

#endif

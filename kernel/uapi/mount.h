/* kernel/uapi/mount.h - mount(2), umount2(2) and statfs(2), as the kernel
 * takes and fills them (the layout of Linux's i386 struct statfs). */
#ifndef KERNEL_UAPI_MOUNT_H
#define KERNEL_UAPI_MOUNT_H

#define MS_RDONLY  1                  /* mount read-only: writes get EROFS */
#define MNT_FORCE  1                  /* umount2: accepted; busy is still EBUSY */

#define EXT2_SUPER_MAGIC  0xEF53      /* f_type of an ext2 file system */
#define MEMFS_MAGIC       0x01021994  /* f_type of the in-memory one (Linux's tmpfs) */
#define PROC_SUPER_MAGIC  0x9fa0      /* f_type of /proc (kernel/fs/procfs.c), Linux's number */

struct kernel_statfs {
    unsigned int f_type;              /* EXT2_SUPER_MAGIC, MEMFS_MAGIC */
    unsigned int f_bsize;             /* block size in bytes */
    unsigned int f_blocks;            /* blocks in all */
    unsigned int f_bfree;             /* free blocks */
    unsigned int f_bavail;            /* free blocks an ordinary user may take */
    unsigned int f_files;             /* inodes in all */
    unsigned int f_ffree;             /* free inodes */
    int f_fsid[2];
    unsigned int f_namelen;           /* longest name */
    unsigned int f_frsize;            /* fragment size: the block size */
    unsigned int f_flags;             /* MS_RDONLY */
    unsigned int f_spare[4];
};

#endif

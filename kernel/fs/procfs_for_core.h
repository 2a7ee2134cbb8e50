/* kernel/fs/procfs_for_core.h - what the core asks of /proc (the subsystem
 * procfs, kernel/fs/procfs/): mount(2) of the type "proc" (mount.c), and
 * whether an inode is one of its nodes, on which nothing may be mounted.
 * A kernel without it has no such type (ENODEV) and no such inodes. */
#ifndef KERNEL_FS_PROCFS_FOR_CORE_H
#define KERNEL_FS_PROCFS_FOR_CORE_H

#include "uapi/errno.h"

struct file_system;
struct inode;

#ifdef SUBSYSTEM_PROCFS
/* /proc's one file system, for mount.c to hang: 0, or -EBUSY while it is
 * mounted already. Context: file-system lock held. */
int procfs_mount(struct file_system **result);
/* Is `inode` one of /proc's (kernel/fs/procfs/procfs.c)? */
int procfs_holds(const struct inode *inode);
static inline int procfs_known(void)
{
    return 1;
}
#else
static inline int procfs_mount(struct file_system **result)   /* never called */
{
    (void)result;
    return -ENODEV;
}
static inline int procfs_holds(const struct inode *inode)
{
    (void)inode;
    return 0;
}
static inline int procfs_known(void)   /* no /proc in this kernel */
{
    return 0;
}
#endif

#endif

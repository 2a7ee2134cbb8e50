/* kernel/fs/memfs.h - the in-memory file system: /, /tmp, /dev.
 *
 * Its inodes keep their directory entries in a list in memory (inode.c)
 * and a regular file's bytes in pages (file_content.c). Nothing is ever
 * written anywhere: it is gone at power-off. */
#ifndef KERNEL_FS_MEMFS_H
#define KERNEL_FS_MEMFS_H

#include "inode.h"

extern const struct inode_operations memfs_inode_operations;

/* The one memfs instance, mounted at /. */
struct file_system *memfs_file_system(void);

#endif

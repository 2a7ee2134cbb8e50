/* kernel/fs/regular_file.h - open regular files and directories. */
#ifndef KERNEL_FS_REGULAR_FILE_H
#define KERNEL_FS_REGULAR_FILE_H

#include <stdint.h>

#include "inode.h"

struct file;
struct stat;

/* Opens a regular file or a directory inode (no checks: vfs_open_inode
 * did them). */
int regular_file_open(struct inode *inode, uint32_t flags, struct file **result);

/* Fills *st from the inode (the caller zeroed it). */
void inode_fill_stat(const struct inode *inode, struct stat *st);

#endif

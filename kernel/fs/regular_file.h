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

/* The bytes of `inode` (or a directory's entries) were read: its access
 * time moves by relatime's rule (file_times.h), and a disk stores it; not
 * on a file system mounted read-only. Context: file-system lock held. */
void inode_note_access(struct inode *inode);

/* Fills *st from the inode (the caller zeroed it). */
void inode_fill_stat(const struct inode *inode, struct stat *st);

#endif

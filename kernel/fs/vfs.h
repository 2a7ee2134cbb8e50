/* kernel/fs/vfs.h - paths and the file system's tree.
 *
 * One tree in memory, filled from the boot image at boot (rootfs.c). Paths
 * are absolute or relative to the process's working directory; "." and ".."
 * work everywhere (the root's ".." is the root). */
#ifndef KERNEL_FS_VFS_H
#define KERNEL_FS_VFS_H

#include <stdint.h>

#include "inode.h"

struct file;

/* The root directory (created on first use). */
struct inode *vfs_root(void);

/* The inode `path` names (for the running process), or -ENOENT,
 * -ENOTDIR, -ENAMETOOLONG, -EFAULT-free: `path` is a kernel string. */
int vfs_lookup(const char *path, struct inode **result);

/* The directory that would hold `path`'s last component, and that
 * component in `name` (NAME_MAX_LENGTH+1 bytes). A path ending in "/" or
 * naming "." or ".." has no usable last name: -EINVAL (or -EEXIST for the
 * root). */
int vfs_lookup_parent(const char *path, struct inode **directory, char *name);

/* True when `path` ends in "/" (and is not just "/"): it must name a directory. */
int path_has_trailing_slash(const char *path);

/* Writes the absolute path of directory `inode` into `buffer`. */
int vfs_path_of(struct inode *inode, char *buffer, uint32_t size);

/* Opens `path` with open(2)'s flags and mode; may sleep (FIFOs). Returns
 * the new open file in *result, or -errno. */
int vfs_open(const char *path, uint32_t flags, uint32_t mode, struct file **result);

/* Opens `inode` itself (already found) with `flags`. */
int vfs_open_inode(struct inode *inode, uint32_t flags, struct file **result);

/* Creates a node of `type` at `path` (mkdir, mknod). */
int vfs_create(const char *path, enum inode_type type, uint32_t permissions, struct inode **result);

#endif

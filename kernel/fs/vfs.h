/* kernel/fs/vfs.h - paths and the file tree.
 *
 * One tree of names over every mounted file system (mount.h): memfs at /,
 * filled from the boot image at boot (rootfs.c), and the disk at /home.
 * Paths are absolute or relative to the process's working directory; "."
 * and ".." work everywhere (the root's ".." is the root); symbolic links
 * are followed (path.c).
 *
 * Context for everything here: the file-system lock held (fs_lock.h);
 * may sleep when the walk reaches a disk. */
#ifndef KERNEL_FS_VFS_H
#define KERNEL_FS_VFS_H

#include <stdint.h>

#include "inode.h"
#include "proc/users_for_core.h"

struct file;

/* A file's owner and mode as proc/credentials.c weighs them (a file's
 * creator is its owner). */
struct object_owner inode_owner(const struct inode *inode);

/* May the running process have `requested` (MAY_READ | MAY_WRITE |
 * MAY_EXECUTE, proc/users_for_core.h) of `inode`, by its owner and mode? 0 or
 * -EACCES. At boot, before any process, everything is allowed. */
int inode_permission(const struct inode *inode, unsigned requested);

/* From now on inode_permission weighs the real user and group ids (1)
 * or the effective ones again (0): access(2) asks with the real ones,
 * for its whole walk, and sets 0 before it lets the lock go. */
void vfs_check_with_real_ids(int real);

/* May the running process remove or rename away `inode`, named in
 * `directory`? It needs write and search permission on the directory,
 * and in a sticky directory (/tmp) to own the file or the directory:
 * 0, -EACCES or -EPERM. */
int vfs_may_remove(const struct inode *directory, const struct inode *inode);

/* Copies a path from user memory into `path` (PATH_MAX_LENGTH bytes):
 * 0, -EFAULT, -ENAMETOOLONG, or -ENOENT for "". (fs_syscalls.c) */
int path_from_user(char *path, const char *user_path);

/* The inode the user's path names, a link at the end followed:
 * path_from_user's errors and vfs_lookup's. Context: file-system lock
 * held. (fs_syscalls.c) */
int lookup_user_path(const char *user_path, struct inode **inode);

/* The root directory (created on first use). */
struct inode *vfs_root(void);

/* The inode `path` names (for the running process), or -ENOENT,
 * -ENOTDIR, -ENAMETOOLONG, -ELOOP, -EACCES, -EIO: `path` is a kernel
 * string. A symbolic link at the end is followed (lstat, readlink and
 * link, which want the link itself: vfs_lookup_from, follow_last 0). */
int vfs_lookup(const char *path, struct inode **result);

/* The same from `directory` rather than the working directory (a
 * relative path: the *at calls' dirfd; NULL: the working directory),
 * the last link followed or not. */
int vfs_lookup_from(struct inode *directory, const char *path, int follow_last, struct inode **result);

/* One step of a walk: what `name` names in `directory`, with "." and
 * ".." and mount points crossed (the root mounted on a directory). */
int vfs_child(struct inode *directory, const char *name, struct inode **result);

/* The inode the entry `name` of `directory` names, as stored (no "."
 * or "..", no mount crossed): what unlink, rename and rmdir change. */
int vfs_entry(struct inode *directory, const char *name, struct inode **result);

/* ".." of `directory`, across a mount point. */
struct inode *vfs_parent(struct inode *directory);

/* Is `inode` the root of a file system mounted on a directory? */
int vfs_is_mount_root(const struct inode *inode);

/* -EROFS if `inode`'s file system is mounted read-only, else 0. */
int vfs_may_write(const struct inode *inode);

/* The directory that would hold `path`'s last component, and that
 * component in `name` (NAME_MAX_LENGTH+1 bytes); a relative path from
 * `from` (NULL: the working directory). A path ending in "/" or naming
 * "." or ".." has no usable last name: -EINVAL (or -EEXIST for the
 * root). */
int vfs_lookup_parent(struct inode *from, const char *path, struct inode **directory, char *name);

/* True when `path` ends in "/" (and is not just "/"): it must name a directory. */
int path_has_trailing_slash(const char *path);

/* Writes the absolute path of directory `inode` into `buffer`. */
int vfs_path_of(struct inode *inode, char *buffer, uint32_t size);

/* Opens `path` (relative: from `from`, NULL the working directory) with
 * open(2)'s flags and mode; may sleep (FIFOs). Returns the new open file
 * in *result, or -errno. */
int vfs_open(struct inode *from, const char *path, uint32_t flags, uint32_t mode, struct file **result);

/* Opens `inode` itself (already found) with `flags`. */
int vfs_open_inode(struct inode *inode, uint32_t flags, struct file **result);

/* Creates a node of `type` at `path` (mkdir, mknod), owned by the running
 * process's effective ids with its umask cleared from `permissions`
 * (at boot: root's, as given). The caller needs write and search
 * permission on the directory (EACCES). */
int vfs_create(const char *path, enum inode_type type, uint32_t permissions, struct inode **result);

/* The same with a relative `path` from `from` (mkdirat(2), mknodat(2);
 * NULL: the working directory). */
int vfs_create_from(struct inode *from, const char *path, enum inode_type type, uint32_t permissions,
                    struct inode **result);

#endif

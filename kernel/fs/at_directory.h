/* kernel/fs/at_directory.h - where a relative path of an *at call
 * starts: openat(2), mkdirat(2), unlinkat(2), fstatat(2) and the rest
 * name a file by a directory descriptor and a path.
 *
 *     openat(dirfd, "notes", ...)      "notes" in the directory open as dirfd
 *     openat(AT_FDCWD, "notes", ...)   "notes" in the working directory: open(2)
 *     openat(dirfd, "/etc/motd", ...)  an absolute path: dirfd is not looked at
 *
 * The directory is held for the call (file_hold.h): another thread's
 * close(dirfd) must not free it while the walk sleeps on a disk.
 *
 * The way of every *at call:
 *
 *     struct at_directory at = AT_DIRECTORY_NONE;
 *     fs_lock();
 *     copy the path in (path_from_user, vfs.h)
 *     status = at_directory_hold(dirfd, path, flags & AT_EMPTY_PATH, &at);
 *     if (status == 0)
 *         ... vfs_lookup_from(at.inode, path, ...) ...
 *     fs_unlock();
 *     return at_directory_release(&at, status);
 *
 * Context: a system call; the file-system lock held around the hold and
 * the walk, let go before the release (the last reference to a file
 * closed meanwhile closes it, which takes that lock). */
#ifndef KERNEL_FS_AT_DIRECTORY_H
#define KERNEL_FS_AT_DIRECTORY_H

#include "file_hold.h"
#include "inode.h"

struct at_directory {
    struct inode *inode;        /* where the walk starts: NULL for the working directory */
    struct held_file held;      /* dirfd's file, or nothing held */
};

/* An at_directory that holds nothing: what a call starts from, so that
 * it releases the same way whether it held or not. */
#define AT_DIRECTORY_NONE { 0, HELD_NOTHING }

/* Looks `dirfd` up for `path` (a kernel string) and holds it in *at:
 * nothing for an absolute path or AT_FDCWD. 0; -EBADF (no such
 * descriptor); -ENOTDIR (a relative path from a file that is no
 * directory). With `empty_path` (AT_EMPTY_PATH) and a path "", the
 * descriptor may be any file: *at names it itself, at->inode its inode
 * (NULL for a pipe or a socket). After an error nothing is held (and
 * at_directory_release is harmless). */
int at_directory_hold(int dirfd, const char *path, int empty_path, struct at_directory *at);

/* The file an *at call names: `user_path` (user memory) from `dirfd`, a
 * symbolic link at the end followed unless `flags` has
 * AT_SYMLINK_NOFOLLOW, "" with AT_EMPTY_PATH dirfd's own file (*inode
 * NULL for a pipe or a socket). 0 for a file found by its path,
 * AT_FILE_ITSELF for "" (dirfd's file, held in at->held, or with AT_FDCWD
 * the working directory); -EFAULT, -ENAMETOOLONG, -ENOENT (""
 * without AT_EMPTY_PATH), at_directory_hold's errors and the walk's.
 * The directory stays held in *at for the caller to release. Context:
 * file-system lock held. */
#define AT_FILE_ITSELF 1
int at_file_lookup(int dirfd, const char *user_path, int flags, struct at_directory *at, struct inode **inode);

/* Lets go of what at_directory_hold held and returns `status`. */
static inline int at_directory_release(struct at_directory *at, int status)
{
    return descriptor_unhold(&at->held, status);
}

#endif

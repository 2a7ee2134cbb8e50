/* kernel/fs/at_directory.c - the directory descriptor of an *at call,
 * looked up and held (at_directory.h). */
#include "at_directory.h"

#include "mm/uaccess.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "vfs.h"

int at_directory_hold(int dirfd, const char *path, int empty_path, struct at_directory *at)
{
    *at = (struct at_directory)AT_DIRECTORY_NONE;
    int empty = !*path && empty_path;
    if ((path[0] == '/' || dirfd == AT_FDCWD) && !empty)
        return 0;                               /* POSIX: an absolute path ignores dirfd */
    if (dirfd == AT_FDCWD) {
        at->inode = current_task->process->cwd; /* "" with AT_EMPTY_PATH: the working directory itself */
        return 0;
    }
    struct file *file = descriptor_lookup(dirfd);
    if (!file)
        return -EBADF;
    if (!empty && (!file->inode || file->inode->type != INODE_DIRECTORY))
        return -ENOTDIR;                        /* checked before the hold: nothing to give back */
    file_hold(&at->held, file);
    at->inode = file->inode;
    return 0;
}

int at_file_lookup(int dirfd, const char *user_path, int flags, struct at_directory *at, struct inode **inode)
{
    char path[PATH_MAX_LENGTH];
    int length = strncpy_from_user(path, user_path, sizeof path);
    if (length < 0)
        return length;                          /* EFAULT, ENAMETOOLONG */
    if (length == 0 && !(flags & AT_EMPTY_PATH))
        return -ENOENT;
    int status = at_directory_hold(dirfd, path, flags & AT_EMPTY_PATH, at);   /* EBADF, ENOTDIR */
    if (status < 0)
        return status;
    if (length == 0) {
        *inode = at->inode;
        return AT_FILE_ITSELF;
    }
    return vfs_lookup_from(at->inode, path, !(flags & AT_SYMLINK_NOFOLLOW), inode);
}

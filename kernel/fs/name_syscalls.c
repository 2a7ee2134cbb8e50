/* kernel/fs/name_syscalls.c - the system calls that add, remove and move
 * names: unlink, rmdir, rename, link, symlink, readlink, and their *at
 * forms, which name each path from a directory descriptor
 * (at_directory.h; the old calls are the *at calls from AT_FDCWD). Each
 * takes the file-system lock (fs_lock.h) for its whole run; the POSIX
 * rules are checked here, and the file system (inode->operations)
 * changes its directories. */
#include "at_directory.h"
#include "fs_lock.h"
#include "lib/string.h"
#include "mm/uaccess.h"
#include "mount.h"
#include "proc/users_for_core.h"
#include "proc/process.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "vfs.h"

#define LINK_COUNT_MAX 32000          /* names one file may have (ext2's limit): EMLINK */

/* The directory and last name of `user_path`, and the inode that entry
 * names (NULL when there is none and `must_exist` is 0). */
struct named {
    char path[PATH_MAX_LENGTH];
    char name[NAME_MAX_LENGTH + 1];
    struct inode *directory, *inode;
};

/* Fills *named for `user_path` from `dirfd`, whose directory stays held
 * in *at. */
static int find_named(int dirfd, const char *user_path, struct named *named, int must_exist,
                      struct at_directory *at)
{
    int status = path_from_user(named->path, user_path);
    if (status == 0)
        status = at_directory_hold(dirfd, named->path, 0, at);   /* EBADF, ENOTDIR */
    if (status == 0)
        status = vfs_lookup_parent(at->inode, named->path, &named->directory, named->name);
    if (status < 0)
        return status;
    named->inode = 0;
    status = vfs_entry(named->directory, named->name, &named->inode);
    if (status == -ENOENT && !must_exist)
        return 0;
    return status;
}

/* unlink (directory 0) and rmdir (1). */
static int remove_locked(int dirfd, const char *user_path, int directory, struct at_directory *at)
{
    struct named named;
    int status = find_named(dirfd, user_path, &named, 1, at);
    if (status == -EEXIST)             /* "/" */
        return directory ? -EBUSY : -EISDIR;
    if (status < 0)
        return status;
    /* Linux's order: the file system, then the permission to remove
     * (so a user who may not remove learns nothing of what is inside),
     * then the types, then what is in the way */
    struct inode *inode = named.inode;
    if ((status = vfs_may_write(named.directory)) < 0 ||            /* EROFS */
        (status = vfs_may_remove(named.directory, inode)) < 0)      /* EACCES, EPERM */
        return status;
    if (!directory && inode->type == INODE_DIRECTORY)
        return -EISDIR;
    if (directory && inode->type != INODE_DIRECTORY)
        return -ENOTDIR;
    if (!directory && path_has_trailing_slash(named.path))
        return -ENOTDIR;
    if (inode->mounted)
        return -EBUSY;                 /* a mount point */
    if (directory && (status = inode->operations->is_empty(inode)) <= 0)
        return status < 0 ? status : -ENOTEMPTY;
    return named.directory->operations->unlink(named.directory, named.name, inode);
}

/* unlinkat: unlink, or with AT_REMOVEDIR rmdir. */
int sys_unlinkat(int dirfd, const char *user_path, int flags)
{
    if (flags & ~AT_REMOVEDIR)
        return -EINVAL;
    struct at_directory at = AT_DIRECTORY_NONE;
    fs_lock();
    int status = remove_locked(dirfd, user_path, flags & AT_REMOVEDIR, &at);
    fs_unlock();
    return at_directory_release(&at, status);
}

int sys_unlink(const char *user_path)
{
    return sys_unlinkat(AT_FDCWD, user_path, 0);
}

int sys_rmdir(const char *user_path)
{
    return sys_unlinkat(AT_FDCWD, user_path, AT_REMOVEDIR);
}

/* Is `inode` the directory `ancestor` or somewhere below it? */
static int is_within(struct inode *inode, struct inode *ancestor)
{
    for (;;) {
        if (inode == ancestor)
            return 1;
        if (inode == vfs_root())
            return 0;
        inode = vfs_parent(inode);
    }
}

static int rename_locked(int old_dirfd, const char *user_old, int new_dirfd, const char *user_new,
                         struct at_directory at[2])
{
    static struct named old, new;      /* 2 x 330 bytes: off the 8 KiB kernel stack; the lock guards them */
    int status = find_named(old_dirfd, user_old, &old, 1, &at[0]);
    if (status == 0)
        status = find_named(new_dirfd, user_new, &new, 0, &at[1]);
    if (status < 0)
        return status == -EEXIST ? -EBUSY : status;
    struct inode *moving = old.inode, *replaced = new.inode;
    if (replaced == moving)
        return 0;
    if (moving->mounted || (replaced && replaced->mounted))
        return -EBUSY;                 /* a mount point stays where it is */
    if (old.directory->fs != new.directory->fs)
        return -EXDEV;                 /* names move within one file system */
    if (moving->type == INODE_DIRECTORY && is_within(new.directory, moving))
        return -EINVAL;                /* into its own subtree */
    /* EACCES, EPERM: the old name is removed, the new one written */
    if ((status = vfs_may_remove(old.directory, moving)) < 0 ||
        (status = replaced ? vfs_may_remove(new.directory, replaced)
                           : inode_permission(new.directory, MAY_WRITE | MAY_EXECUTE)) < 0 ||
        (status = vfs_may_write(old.directory)) < 0)
        return status;
    /* a directory that changes parent has its ".." rewritten: it must be
     * writable too (Linux's vfs_rename), or anyone who may write both
     * parents could move a directory of another user's */
    if (moving->type == INODE_DIRECTORY && old.directory != new.directory &&
        (status = inode_permission(moving, MAY_WRITE)) < 0)
        return status;
    if (replaced) {
        if (replaced->type == INODE_DIRECTORY && moving->type != INODE_DIRECTORY)
            return -EISDIR;
        if (replaced->type != INODE_DIRECTORY && moving->type == INODE_DIRECTORY)
            return -ENOTDIR;
        if (replaced->type == INODE_DIRECTORY && (status = replaced->operations->is_empty(replaced)) <= 0)
            return status < 0 ? status : -ENOTEMPTY;
    }
    if (new.directory->links == 0)
        return -ENOENT;                /* a removed directory takes no new names */
    return old.directory->operations->rename(old.directory, old.name, new.directory, new.name,
                                              moving, replaced);
}

int sys_renameat(int old_dirfd, const char *user_old, int new_dirfd, const char *user_new)
{
    struct at_directory at[2] = { AT_DIRECTORY_NONE, AT_DIRECTORY_NONE };
    fs_lock();
    int status = rename_locked(old_dirfd, user_old, new_dirfd, user_new, at);
    fs_unlock();
    return at_directory_release(&at[1], at_directory_release(&at[0], status));
}

int sys_rename(const char *user_old, const char *user_new)
{
    return sys_renameat(AT_FDCWD, user_old, AT_FDCWD, user_new);
}

/* linkat: the existing name is a symbolic link's own unless
 * AT_SYMLINK_FOLLOW (as Linux's link(2), unlike POSIX's "either"). */
static int link_locked(int old_dirfd, const char *user_existing, int new_dirfd, const char *user_new, int flags,
                       struct at_directory at[2])
{
    static struct named new;           /* off the kernel stack; the lock guards it */
    char path[PATH_MAX_LENGTH];
    struct inode *inode;
    int status = path_from_user(path, user_existing);
    if (status == 0)
        status = at_directory_hold(old_dirfd, path, 0, &at[0]);   /* EBADF, ENOTDIR */
    if (status == 0)
        status = vfs_lookup_from(at[0].inode, path, flags & AT_SYMLINK_FOLLOW, &inode);
    if (status == 0)
        status = find_named(new_dirfd, user_new, &new, 0, &at[1]);
    if (status == -EINVAL)
        return -EEXIST;                /* a new name "." or "..": it exists (POSIX) */
    if (status < 0)
        return status;
    if (new.inode)
        return -EEXIST;
    if (inode->type == INODE_DIRECTORY)
        return -EPERM;                 /* no second name for a directory */
    if (inode->fs != new.directory->fs)
        return -EXDEV;
    if (inode->links >= LINK_COUNT_MAX)
        return -EMLINK;
    if (inode->links == 0)
        return -ENOENT;                /* unlinked while open: it cannot come back */
    if (new.directory->links == 0)
        return -ENOENT;
    if ((status = inode_permission(new.directory, MAY_WRITE | MAY_EXECUTE)) < 0 ||
        (status = vfs_may_write(new.directory)) < 0)
        return status;
    return new.directory->operations->link(new.directory, new.name, inode);
}

int sys_linkat(int old_dirfd, const char *user_existing, int new_dirfd, const char *user_new, int flags)
{
    if (flags & ~AT_SYMLINK_FOLLOW)
        return -EINVAL;
    struct at_directory at[2] = { AT_DIRECTORY_NONE, AT_DIRECTORY_NONE };
    fs_lock();
    int status = link_locked(old_dirfd, user_existing, new_dirfd, user_new, flags, at);
    fs_unlock();
    return at_directory_release(&at[1], at_directory_release(&at[0], status));
}

int sys_link(const char *user_existing, const char *user_new)
{
    return sys_linkat(AT_FDCWD, user_existing, AT_FDCWD, user_new, 0);
}

static int symlink_locked(const char *user_target, int dirfd, const char *user_path, struct at_directory *at)
{
    static struct named named;         /* off the kernel stack; the lock guards it */
    char target[PATH_MAX_LENGTH];
    int status = path_from_user(target, user_target);   /* ENOENT: an empty target */
    if (status == 0)
        status = find_named(dirfd, user_path, &named, 0, at);
    if (status == -EINVAL)
        return -EEXIST;                /* a new name "." or "..": it exists (POSIX) */
    if (status < 0)
        return status;
    if (named.inode)
        return -EEXIST;
    if (named.directory->links == 0)
        return -ENOENT;
    if ((status = inode_permission(named.directory, MAY_WRITE | MAY_EXECUTE)) < 0 ||
        (status = vfs_may_write(named.directory)) < 0)
        return status;
    const struct process *process = current_task->process;
    struct inode *link;
    return named.directory->operations->symlink(named.directory, named.name, target,
                                                process->euid, process->egid, &link);
}

int sys_symlinkat(const char *user_target, int dirfd, const char *user_path)
{
    struct at_directory at = AT_DIRECTORY_NONE;
    fs_lock();
    int status = symlink_locked(user_target, dirfd, user_path, &at);
    fs_unlock();
    return at_directory_release(&at, status);
}

int sys_symlink(const char *user_target, const char *user_path)
{
    return sys_symlinkat(user_target, AT_FDCWD, user_path);
}

int sys_readlinkat(int dirfd, const char *user_path, char *user_buffer, uint32_t size)
{
    char path[PATH_MAX_LENGTH], target[PATH_MAX_LENGTH];
    struct inode *inode;
    if ((int)size <= 0)
        return -EINVAL;
    struct at_directory at = AT_DIRECTORY_NONE;
    fs_lock();
    int status = path_from_user(path, user_path);
    if (status == 0)
        status = at_directory_hold(dirfd, path, 0, &at);   /* EBADF, ENOTDIR */
    if (status == 0)
        status = vfs_lookup_from(at.inode, path, 0, &inode);
    if (status == 0)
        status = inode->type != INODE_SYMLINK ? -EINVAL
                                              : inode->operations->readlink(inode, target, sizeof target);
    fs_unlock();
    status = at_directory_release(&at, status);
    if (status < 0)
        return status;
    uint32_t length = (uint32_t)status < size ? (uint32_t)status : size;
    return copy_to_user(user_buffer, target, length) < 0 ? -EFAULT : (int)length;
}

int sys_readlink(const char *user_path, char *user_buffer, uint32_t size)
{
    return sys_readlinkat(AT_FDCWD, user_path, user_buffer, size);
}

/* kernel/fs/name_syscalls.c - the system calls that add, remove and move
 * names: unlink, rmdir, rename, link, symlink, readlink. Each takes the
 * file-system lock (fs_lock.h) for its whole run; the POSIX rules are
 * checked here, and the file system (inode->operations) changes its
 * directories. */
#include "fs_lock.h"
#include "lib/string.h"
#include "mm/uaccess.h"
#include "mount.h"
#include "proc/users_for_core.h"
#include "proc/process.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "vfs.h"

#define LINK_COUNT_MAX 32000          /* names one file may have (ext2's limit): EMLINK */

/* The directory and last name of `user_path`, and the inode that entry
 * names (NULL when there is none and `must_exist` is 0). */
struct named {
    char path[PATH_MAX_LENGTH];
    char name[NAME_MAX_LENGTH + 1];
    struct inode *directory, *inode;
};

static int find_named(const char *user_path, struct named *named, int must_exist)
{
    int status = path_from_user(named->path, user_path);
    if (status == 0)
        status = vfs_lookup_parent(named->path, &named->directory, named->name);
    if (status < 0)
        return status;
    named->inode = 0;
    status = vfs_entry(named->directory, named->name, &named->inode);
    if (status == -ENOENT && !must_exist)
        return 0;
    return status;
}

/* unlink (directory 0) and rmdir (1). */
static int remove_locked(const char *user_path, int directory)
{
    struct named named;
    int status = find_named(user_path, &named, 1);
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

int sys_unlink(const char *user_path)
{
    fs_lock();
    int status = remove_locked(user_path, 0);
    fs_unlock();
    return status;
}

int sys_rmdir(const char *user_path)
{
    fs_lock();
    int status = remove_locked(user_path, 1);
    fs_unlock();
    return status;
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

static int rename_locked(const char *user_old, const char *user_new)
{
    static struct named old, new;      /* 2 x 330 bytes: off the 8 KiB kernel stack; the lock guards them */
    int status = find_named(user_old, &old, 1);
    if (status == 0)
        status = find_named(user_new, &new, 0);
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

int sys_rename(const char *user_old, const char *user_new)
{
    fs_lock();
    int status = rename_locked(user_old, user_new);
    fs_unlock();
    return status;
}

static int link_locked(const char *user_existing, const char *user_new)
{
    static struct named new;           /* off the kernel stack; the lock guards it */
    char path[PATH_MAX_LENGTH];
    struct inode *inode;
    int status = path_from_user(path, user_existing);
    if (status == 0)
        status = vfs_lookup_no_follow(path, &inode);   /* as Linux: a link to the link itself */
    if (status == 0)
        status = find_named(user_new, &new, 0);
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

int sys_link(const char *user_existing, const char *user_new)
{
    fs_lock();
    int status = link_locked(user_existing, user_new);
    fs_unlock();
    return status;
}

static int symlink_locked(const char *user_target, const char *user_path)
{
    static struct named named;         /* off the kernel stack; the lock guards it */
    char target[PATH_MAX_LENGTH];
    int status = path_from_user(target, user_target);   /* ENOENT: an empty target */
    if (status == 0)
        status = find_named(user_path, &named, 0);
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

int sys_symlink(const char *user_target, const char *user_path)
{
    fs_lock();
    int status = symlink_locked(user_target, user_path);
    fs_unlock();
    return status;
}

int sys_readlink(const char *user_path, char *user_buffer, uint32_t size)
{
    char path[PATH_MAX_LENGTH], target[PATH_MAX_LENGTH];
    struct inode *inode;
    if ((int)size <= 0)
        return -EINVAL;
    fs_lock();
    int status = path_from_user(path, user_path);
    if (status == 0)
        status = vfs_lookup_no_follow(path, &inode);
    if (status == 0)
        status = inode->type != INODE_SYMLINK ? -EINVAL
                                              : inode->operations->readlink(inode, target, sizeof target);
    fs_unlock();
    if (status < 0)
        return status;
    uint32_t length = (uint32_t)status < size ? (uint32_t)status : size;
    return copy_to_user(user_buffer, target, length) < 0 ? -EFAULT : (int)length;
}

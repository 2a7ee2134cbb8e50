/* kernel/fs/owner_syscalls.c - chmod, fchmod, fchmodat, chown, fchown,
 * fchownat: a file's mode and owner (chmod(2), chown(2)); the *at forms
 * name the file from a directory descriptor (at_directory.h), and lchown
 * is fchownat's AT_SYMLINK_NOFOLLOW. Who may is decided in
 * proc/credentials.c: the owner or root changes the mode; only root gives
 * a file away, and the owner may move it to a group of its own. */
#include "at_directory.h"
#include "file.h"
#include "file_hold.h"
#include "file_times.h"
#include "fs_lock.h"
#include "inode.h"
#include "proc/credentials.h"
#include "proc/process.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "vfs.h"
#include "subsystems/users_calls.h"

#define MODE_BITS    07777
#define SET_USER_ID  04000
#define SET_GROUP_ID 02000

static int change_mode(struct inode *inode, uint32_t mode)
{
    const struct process *process = current_task->process;
    struct object_owner owner = inode_owner(inode);
    int status = credentials_may_administer(process, &owner);   /* EPERM: not the owner */
    if (status < 0)
        return status;
    mode &= MODE_BITS;
    /* a set-group-id bit for a group the caller is not in is dropped (chmod(2)) */
    if (!credentials_is_root(process) && !credentials_in_group(process, inode->gid))
        mode &= ~(uint32_t)SET_GROUP_ID;
    inode->permissions = mode;
    return 0;
}

static int change_owner(struct inode *inode, unsigned uid, unsigned gid)
{
    const struct process *process = current_task->process;
    if (!credentials_is_root(process)) {
        /* EPERM: only root gives a file to another user; the owner may
         * change its group to one it belongs to */
        if (process->euid != inode->uid || (uid != ID_UNCHANGED && uid != inode->uid) ||
            (gid != ID_UNCHANGED && gid != inode->gid && !credentials_in_group(process, gid)))
            return -EPERM;
    }
    if (uid != ID_UNCHANGED)
        inode->uid = uid;
    if (gid != ID_UNCHANGED)
        inode->gid = gid;
    if ((uid != ID_UNCHANGED || gid != ID_UNCHANGED) && inode->type == INODE_REGULAR)
        inode->permissions &= ~(uint32_t)(SET_USER_ID | SET_GROUP_ID);   /* as Linux on a change */
    return 0;
}


/* The change decided, the file system stores it (ext2: the disk inode). */
static int store_change(struct inode *inode, int status)
{
    if (status < 0)
        return status;
    file_times_changed(inode, file_times_now());
    return inode->operations->changed(inode);
}

#define FCHOWNAT_FLAGS (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)

/* fchmodat: the mode of a symbolic link itself cannot change
 * (AT_SYMLINK_NOFOLLOW on a link: EOPNOTSUPP, as glibc's fchmodat). */
int sys_fchmodat(int dirfd, const char *user_path, uint32_t mode, int flags)
{
    if (flags & ~AT_SYMLINK_NOFOLLOW)
        return -EINVAL;
    struct at_directory at = AT_DIRECTORY_NONE;
    struct inode *inode;
    fs_lock();
    int status = at_file_lookup(dirfd, user_path, flags, &at, &inode);   /* no AT_EMPTY_PATH: a path */
    if (status == 0 && inode->type == INODE_SYMLINK)
        status = -EOPNOTSUPP;
    if (status == 0 && (status = vfs_may_write(inode)) == 0)
        status = store_change(inode, change_mode(inode, mode));
    fs_unlock();
    return at_directory_release(&at, status);
}

int sys_chmod(const char *user_path, uint32_t mode)
{
    return sys_fchmodat(AT_FDCWD, user_path, mode, 0);
}

/* fchmod and fchown hold their file (file_hold.h): fs_lock may sleep, and
 * another thread's close must not free the file and its inode meanwhile.
 * A pipe or a socket has no inode here: the call succeeds and changes
 * nothing, as Linux changes an anonymous inode nobody looks at again. */
int sys_fchmod(int fd, uint32_t mode)
{
    struct held_file held;
    int status = descriptor_hold(fd, &held);
    struct inode *inode = status < 0 ? 0 : held.file->inode;
    if (!inode)
        return status < 0 ? status : descriptor_unhold(&held, 0);
    fs_lock();
    if ((status = vfs_may_write(inode)) == 0)
        status = store_change(inode, change_mode(inode, mode));
    fs_unlock();
    return descriptor_unhold(&held, status);
}

int sys_fchownat(int dirfd, const char *user_path, unsigned uid, unsigned gid, int flags)
{
    if (flags & ~FCHOWNAT_FLAGS)
        return -EINVAL;
    struct at_directory at = AT_DIRECTORY_NONE;
    struct inode *inode;
    fs_lock();
    int status = at_file_lookup(dirfd, user_path, flags, &at, &inode);
    /* no inode: "" named a pipe or a socket, which fchown changes nothing of */
    if (status >= 0 && inode && (status = vfs_may_write(inode)) == 0)
        status = store_change(inode, change_owner(inode, uid, gid));
    fs_unlock();
    return at_directory_release(&at, status < 0 ? status : 0);
}

int sys_chown(const char *user_path, unsigned uid, unsigned gid)
{
    return sys_fchownat(AT_FDCWD, user_path, uid, gid, 0);
}

int sys_fchown(int fd, unsigned uid, unsigned gid)
{
    struct held_file held;
    int status = descriptor_hold(fd, &held);
    struct inode *inode = status < 0 ? 0 : held.file->inode;
    if (!inode)
        return status < 0 ? status : descriptor_unhold(&held, 0);
    fs_lock();
    if ((status = vfs_may_write(inode)) == 0)
        status = store_change(inode, change_owner(inode, uid, gid));
    fs_unlock();
    return descriptor_unhold(&held, status);
}

/* kernel/fs/mount_syscalls.c - mount, umount, sync, fsync, statfs,
 * fstatfs: the calls about file systems and disks rather than names. */
#include "file.h"
#include "file_hold.h"
#include "fs_lock.h"
#include "lib/string.h"
#include "memfs.h"
#include "mm/uaccess.h"
#include "mount.h"
#include "proc/users_for_core.h"
#include "proc/process.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/mount.h"
#include "vfs.h"

#define MOUNT_FLAGS_KNOWN MS_RDONLY
#define UMOUNT_FLAGS_KNOWN MNT_FORCE

int sys_mount(const char *user_source, const char *user_target, const char *user_type, uint32_t flags)
{
    char source[PATH_MAX_LENGTH], target[PATH_MAX_LENGTH], type[FS_TYPE_NAME_MAX + 1];
    if (!credentials_is_root(current_task->process))
        return -EPERM;
    if (flags & ~MOUNT_FLAGS_KNOWN)
        return -EINVAL;
    int status = path_from_user(source, user_source);
    if (status == 0)
        status = path_from_user(target, user_target);
    if (status < 0)
        return status;
    int length = strncpy_from_user(type, user_type, sizeof type);
    if (length < 0)
        return length == -ENAMETOOLONG ? -ENODEV : length;
    fs_lock();
    status = mount_file_system(source, target, type, flags);
    fs_unlock();
    return status;
}

int sys_umount(const char *user_target, uint32_t flags)
{
    char target[PATH_MAX_LENGTH];
    if (!credentials_is_root(current_task->process))
        return -EPERM;
    if (flags & ~UMOUNT_FLAGS_KNOWN)
        return -EINVAL;
    int status = path_from_user(target, user_target);
    if (status < 0)
        return status;
    fs_lock();
    status = unmount_file_system(target);
    fs_unlock();
    return status;
}

int sys_sync(void)
{
    fs_lock();
    for (unsigned i = 0; i < MOUNTS_MAX; i++) {
        struct file_system *fs = mount_at(i);
        if (fs)
            fs->operations->sync(fs);   /* sync(2) reports nothing */
    }
    fs_unlock();
    return 0;
}

int sys_fsync(int fd)
{
    struct held_file held;            /* fs_lock may sleep: another thread's close must wait */
    int status = descriptor_hold(fd, &held);
    if (status < 0)
        return status;
    struct inode *inode = held.file->inode;
    if (!inode || (inode->type != INODE_REGULAR && inode->type != INODE_DIRECTORY))
        return descriptor_unhold(&held, -EINVAL);   /* a pipe, a socket, a terminal: nothing to store */
    fs_lock();
    status = inode->operations->fsync(inode);
    fs_unlock();
    return descriptor_unhold(&held, status);
}

static int fill_statfs(struct inode *inode, struct kernel_statfs *user_statfs)
{
    struct kernel_statfs st;
    memset(&st, 0, sizeof st);
    struct file_system *fs = inode ? inode->fs : memfs_file_system()   /* a pipe or a socket: in memory */;
    int status = fs->operations->statfs(fs, &st);
    st.f_fsid[0] = (int)fs->id;
    st.f_flags = fs->flags;
    return status < 0 ? status : copy_to_user(user_statfs, &st, sizeof st);
}

int sys_statfs(const char *user_path, struct kernel_statfs *user_statfs)
{
    struct inode *inode;
    fs_lock();
    int status = lookup_user_path(user_path, &inode);
    if (status == 0)
        status = fill_statfs(inode, user_statfs);
    fs_unlock();
    return status;
}

int sys_fstatfs(int fd, struct kernel_statfs *user_statfs)
{
    struct held_file held;            /* fs_lock may sleep: another thread's close must wait */
    int status = descriptor_hold(fd, &held);
    if (status < 0)
        return status;
    fs_lock();
    status = fill_statfs(held.file->inode, user_statfs);
    fs_unlock();
    return descriptor_unhold(&held, status);
}

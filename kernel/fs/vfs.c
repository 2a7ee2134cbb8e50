/* kernel/fs/vfs.c - permissions, one step of a walk, creating nodes,
 * opening them (path.c walks whole paths). */
#include "vfs.h"

#include "file.h"
#include "fs_lock.h"
#include "mount.h"
#include "ipc/pipe.h"
#include "lib/string.h"
#include "memfs.h"
#include "proc/users_for_core.h"
#include "proc/process.h"
#include "regular_file.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/mount.h"

static struct inode *root;

#define STICKY_BIT 01000              /* on a directory: only owners remove names (unlink(2)) */

struct object_owner inode_owner(const struct inode *inode)
{
    return (struct object_owner){
        .uid = inode->uid, .gid = inode->gid, .creator_uid = inode->uid, .creator_gid = inode->gid,
        .mode = inode->permissions,
    };
}

/* Whose ids inode_permission weighs: the effective ones, or while
 * access(2) runs the real ones. Guarded by the file-system lock, under
 * which every permission check of a file runs. */
static int checking_real_ids;

void vfs_check_with_real_ids(int real)
{
    checking_real_ids = real;
}

int inode_permission(const struct inode *inode, unsigned requested)
{
    const struct process *process = current_task->process;
    if (!process)
        return 0;                     /* the kernel itself, filling the tree at boot */
    struct object_owner owner = inode_owner(inode);
    if (checking_real_ids)
        return credentials_may_access_real(process, &owner, requested);
    return credentials_may_access(process, &owner, requested);
}

int vfs_may_remove(const struct inode *directory, const struct inode *inode)
{
    int status = inode_permission(directory, MAY_WRITE | MAY_EXECUTE);
    if (status < 0)
        return status;
    const struct process *process = current_task->process;
    /* EPERM: a sticky directory's names are their owners' (and the
     * directory owner's) to remove */
    if ((directory->permissions & STICKY_BIT) && process && !credentials_is_root(process) &&
        process->euid != inode->uid && process->euid != directory->uid)
        return -EPERM;
    return 0;
}

struct inode *vfs_root(void)
{
    if (!root) {
        root = inode_create(INODE_DIRECTORY, 0755);
        root->parent = root;
        root->links = 1;              /* the root is never freed */
        memfs_file_system()->root = root;
    }
    return root;
}

int vfs_is_mount_root(const struct inode *inode)
{
    return inode == inode->fs->root && inode->fs->covered;
}

struct inode *vfs_parent(struct inode *directory)
{
    if (vfs_is_mount_root(directory))
        directory = directory->fs->covered;   /* ".." of /home is /, not the disk's root */
    return directory->parent;
}

int vfs_entry(struct inode *directory, const char *name, struct inode **result)
{
    return directory->operations->lookup(directory, name, result);
}

int vfs_child(struct inode *directory, const char *name, struct inode **result)
{
    struct inode *child;
    if (!*name || !strcmp(name, "."))
        child = directory;
    else if (!strcmp(name, ".."))
        child = vfs_parent(directory);
    else {
        int status = vfs_entry(directory, name, &child);
        if (status < 0)
            return status;
    }
    while (child->mounted)
        child = child->mounted->root;   /* a mount point: what is mounted there */
    *result = child;
    return 0;
}

int vfs_may_write(const struct inode *inode)
{
    return inode->fs->flags & MS_RDONLY ? -EROFS : 0;
}

int vfs_create(const char *path, enum inode_type type, uint32_t permissions, struct inode **result)
{
    return vfs_create_from(0, path, type, permissions, result);
}

int vfs_create_from(struct inode *from, const char *path, enum inode_type type, uint32_t permissions,
                    struct inode **result)
{
    struct inode *directory;
    char name[NAME_MAX_LENGTH + 1];
    int status = vfs_lookup_parent(from, path, &directory, name);
    if (status < 0)
        return status;
    struct inode *existing;
    status = vfs_entry(directory, name, &existing);
    if (status == 0)
        return -EEXIST;
    if (status != -ENOENT)
        return status;                /* EIO */
    if (type != INODE_DIRECTORY && path_has_trailing_slash(path))
        return -EISDIR;               /* only a directory may be named "x/" */
    if (directory->links == 0)
        return -ENOENT;               /* a removed directory takes no new names */
    if ((status = inode_permission(directory, MAY_WRITE | MAY_EXECUTE)) < 0 ||
        (status = vfs_may_write(directory)) < 0)
        return status;
    const struct process *creator = current_task->process;
    unsigned uid = 0, gid = 0;
    if (creator) {
        permissions &= ~credentials_umask(creator);
        uid = creator->euid;
        gid = creator->egid;
    }
    struct inode *inode;
    status = directory->operations->create(directory, name, type, permissions & 07777, uid, gid, &inode);
    if (status == 0 && result)
        *result = inode;
    return status;
}

int vfs_open_inode(struct inode *inode, uint32_t flags, struct file **result)
{
    uint32_t access = flags & O_ACCMODE;
    switch (inode->type) {
    case INODE_DIRECTORY:
        if (access != O_RDONLY)
            return -EISDIR;
        return regular_file_open(inode, flags, result);
    case INODE_REGULAR:
        if (access != O_RDONLY) {
            int status = vfs_may_write(inode);   /* EROFS */
            if (status == 0 && (flags & O_TRUNC))
                status = inode->operations->truncate(inode, 0);
            if (status < 0)
                return status;
        }
        return regular_file_open(inode, flags, result);
    case INODE_FIFO: {
        /* The wait for the other end must not hold the file-system lock;
         * fifo_open counts the open (open_count) before it waits, which
         * keeps the inode. */
        int held = fs_lock_held();
        if (held)
            fs_unlock();
        int status = fifo_open(inode, flags, result);
        if (held)
            fs_lock();
        return status;
    }
    case INODE_SOCKET:
        return -ENXIO;                /* as Linux: a socket is reached by connect(), not open() */
    case INODE_SYMLINK:
        return -ELOOP;                /* reached only when a walk did not follow it */
    case INODE_DEVICE: {
        if (!inode->device_open)
            return -ENXIO;            /* a device file on a disk: no driver behind it here */
        return inode->device_open(inode->device_minor, flags, result);
    }
    }
    return -EINVAL;
}

#define CREATE_THROUGH_LINKS_MAX 8    /* links that lead nowhere followed by one open: ELOOP beyond */

/* O_CREAT named a symbolic link that leads nowhere: as Linux, the file is
 * created where the link points, its target read relative to the link's
 * directory; with O_EXCL, EEXIST. Rewrites `path` (PATH_MAX_LENGTH bytes)
 * into the path to try next. */
static int follow_dangling_link(struct inode *from, char *path, uint32_t flags)
{
    static char target[PATH_MAX_LENGTH];   /* off the kernel stack: the file-system lock guards it */
    struct inode *link;
    int status = vfs_lookup_from(from, path, 0, &link);
    if (status < 0)
        return status;
    if (link->type != INODE_SYMLINK || (flags & O_EXCL))
        return -EEXIST;               /* POSIX: O_EXCL never follows a link */
    int length = link->operations->readlink(link, target, sizeof target - 1);
    if (length < 0)
        return length;
    target[length] = 0;
    char *slash = strrchr(path, '/');
    uint32_t prefix = target[0] != '/' && slash ? (uint32_t)(slash - path) + 1 : 0;
    if (prefix + (uint32_t)length + 1 > PATH_MAX_LENGTH)
        return -ENAMETOOLONG;
    memcpy(path + prefix, target, (uint32_t)length + 1);   /* "dir/link" -> "dir/target" */
    return 0;
}

/* One try of open(2) on `path`; *follow set when O_CREAT met a link that
 * leads nowhere and `path` now names its target. */
static int open_once(struct inode *from, char *path, uint32_t flags, uint32_t mode, struct file **result,
                     int *follow)
{
    struct inode *inode;
    int status = vfs_lookup_from(from, path, 1, &inode);
    if (status == 0 && (flags & O_CREAT) && (flags & O_EXCL))
        return -EEXIST;
    /* before anything is created, truncated or waited for (a FIFO) */
    if (status == 0 && (flags & O_DIRECTORY) && inode->type != INODE_DIRECTORY)
        return -ENOTDIR;
    if (status == 0 && (flags & O_CREAT) && inode->type == INODE_DIRECTORY)
        return -EISDIR;               /* as Linux: O_CREAT never opens a directory */
    if (status == -ENOENT && (flags & O_CREAT)) {
        status = vfs_create_from(from, path, INODE_REGULAR, mode, &inode);
        if (status == -EEXIST && !path_has_trailing_slash(path)) {
            status = follow_dangling_link(from, path, flags);
            *follow = status == 0;
            return status;
        }
        if (status == -EINVAL || status == -EEXIST)
            status = -EISDIR;         /* "dir/" with O_CREAT */
    } else if (status == 0) {
        status = inode_permission(inode, credentials_open_access(flags));   /* EACCES: the mode forbids */
    }
    if (status < 0)
        return status;
    return vfs_open_inode(inode, flags, result);
}

int vfs_open(struct inode *from, const char *path, uint32_t flags, uint32_t mode, struct file **result)
{
    static char current[PATH_MAX_LENGTH];  /* off the kernel stack: the file-system lock guards it */
    if (strlcpy(current, path, sizeof current) >= sizeof current)
        return -ENAMETOOLONG;
    for (unsigned links = 0; links <= CREATE_THROUGH_LINKS_MAX; links++) {
        int follow = 0;
        int status = open_once(from, current, flags, mode, result, &follow);
        if (!follow)
            return status;
    }
    return -ELOOP;
}

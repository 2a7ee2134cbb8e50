/* kernel/fs/vfs.c - walking paths, creating nodes, opening them. */
#include "vfs.h"

#include "file.h"
#include "file_content.h"
#include "ipc/pipe.h"
#include "lib/string.h"
#include "proc/credentials.h"
#include "proc/process.h"
#include "regular_file.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

static struct inode *root;

#define STICKY_BIT 01000              /* on a directory: only owners remove names (unlink(2)) */

struct object_owner inode_owner(const struct inode *inode)
{
    return (struct object_owner){
        .uid = inode->uid, .gid = inode->gid, .creator_uid = inode->uid, .creator_gid = inode->gid,
        .mode = inode->permissions,
    };
}

int inode_permission(const struct inode *inode, unsigned requested)
{
    const struct process *process = current_task->process;
    if (!process)
        return 0;                     /* the kernel itself, filling the tree at boot */
    struct object_owner owner = inode_owner(inode);
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
    }
    return root;
}

/* Copies the next component of *path into `name` and advances past it and
 * its slashes. Returns 1 if a component was found, 0 at the end, or
 * -ENAMETOOLONG. */
static int next_component(const char **path, char *name)
{
    const char *p = *path;
    while (*p == '/')
        p++;
    if (!*p)
        return 0;
    uint32_t length = 0;
    while (p[length] && p[length] != '/')
        length++;
    if (length > NAME_MAX_LENGTH)
        return -ENAMETOOLONG;
    memcpy(name, p, length);
    name[length] = 0;
    p += length;
    while (*p == '/')
        p++;
    *path = p;
    return 1;
}

/* Where a walk starts: the root, or the working directory. */
static int starting_directory(const char *path, struct inode **start)
{
    *start = path[0] == '/' || !current_task->process ? vfs_root() : current_task->process->cwd;
    return 0;
}

int path_has_trailing_slash(const char *path)
{
    size_t length = strlen(path);
    return length > 1 && path[length - 1] == '/';
}

/* Walks `path`, stopping before the last component if `stop_before_last`. */
static int walk(const char *path, int stop_before_last, struct inode **result, char *last_name)
{
    const char *original = path;
    if (!*path)
        return -ENOENT;
    struct inode *inode;
    int status = starting_directory(path, &inode);
    if (status < 0)
        return status;
    char name[NAME_MAX_LENGTH + 1];
    for (;;) {
        status = next_component(&path, name);
        if (status < 0)
            return status;
        if (status == 0)
            break;
        if (inode->type != INODE_DIRECTORY)
            return -ENOTDIR;
        status = inode_permission(inode, MAY_EXECUTE);   /* EACCES: a directory we may not search */
        if (status < 0)
            return status;
        if (inode->links == 0 && strcmp(name, "."))
            return -ENOENT;           /* inside a removed directory nothing is left */
        if (stop_before_last && !*path) {
            strlcpy(last_name, name, NAME_MAX_LENGTH + 1);
            *result = inode;
            return 0;
        }
        struct inode *next = directory_find(inode, name);
        if (!next)
            return -ENOENT;
        inode = next;
    }
    if (stop_before_last)
        return inode == vfs_root() ? -EEXIST : -EINVAL;   /* "/" or a path of only slashes */
    if (path_has_trailing_slash(original) && inode->type != INODE_DIRECTORY)
        return -ENOTDIR;              /* "file/" names a directory that is not there */
    *result = inode;
    return 0;
}

int vfs_lookup(const char *path, struct inode **result)
{
    return walk(path, 0, result, 0);
}

int vfs_lookup_parent(const char *path, struct inode **directory, char *name)
{
    int status = walk(path, 1, directory, name);
    if (status == 0 && (!strcmp(name, ".") || !strcmp(name, "..")))
        return -EINVAL;
    return status;
}

int vfs_path_of(struct inode *inode, char *buffer, uint32_t size)
{
    /* collect names from the inode up to the root, then reverse */
    const char *names[PATH_MAX_LENGTH / 2];   /* every name takes at least "/x" */
    int depth = 0;
    while (inode != vfs_root()) {
        if (depth == (int)(sizeof names / sizeof names[0]))
            return -ERANGE;               /* too deep for a path: an error, never a wrong one */
        struct inode *parent = inode->parent;
        const char *name = 0;
        for (struct directory_entry *entry = parent->entries; entry; entry = entry->next)
            if (entry->inode == inode)
                name = entry->name;
        if (!name)
            return -ENOENT;
        names[depth++] = name;
        inode = parent;
    }
    uint32_t used = 0;
    if (size < 2)
        return -ERANGE;
    buffer[0] = '/';
    buffer[1] = 0;
    for (int i = depth - 1; i >= 0; i--) {
        uint32_t length = strlen(names[i]);
        if (used + 1 + length + 1 > size)
            return -ERANGE;
        buffer[used++] = '/';
        memcpy(buffer + used, names[i], length);
        used += length;
        buffer[used] = 0;
    }
    if (used == 0)
        used = 1;
    return (int)used;
}

int vfs_create(const char *path, enum inode_type type, uint32_t permissions, struct inode **result)
{
    struct inode *directory;
    char name[NAME_MAX_LENGTH + 1];
    int status = vfs_lookup_parent(path, &directory, name);
    if (status < 0)
        return status;
    if (directory_find(directory, name))
        return -EEXIST;
    if (type != INODE_DIRECTORY && path_has_trailing_slash(path))
        return -EISDIR;               /* only a directory may be named "x/" */
    if (directory->links == 0)
        return -ENOENT;               /* a removed directory takes no new names */
    status = inode_permission(directory, MAY_WRITE | MAY_EXECUTE);
    if (status < 0)
        return status;
    const struct process *creator = current_task->process;
    if (creator)
        permissions &= ~credentials_umask(creator);
    struct inode *inode = inode_create(type, permissions);
    if (!inode)
        return -ENOMEM;
    if (creator) {
        inode->uid = creator->euid;
        inode->gid = creator->egid;
    }
    status = directory_add(directory, name, inode);
    if (status < 0) {
        inode_release_if_unused(inode);
        return status;
    }
    if (result)
        *result = inode;
    return 0;
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
        if ((flags & O_TRUNC) && access != O_RDONLY) {
            int status = file_content_truncate(inode, 0);
            if (status < 0)
                return status;
        }
        return regular_file_open(inode, flags, result);
    case INODE_FIFO:
        return fifo_open(inode, flags, result);
    case INODE_SOCKET:
        return -ENXIO;                /* as Linux: a socket is reached by connect(), not open() */
    case INODE_DEVICE: {
        struct file *file = inode->device_open(inode->device_minor, flags);
        if (!file)
            return -ENOMEM;
        *result = file;
        return 0;
    }
    }
    return -EINVAL;
}

int vfs_open(const char *path, uint32_t flags, uint32_t mode, struct file **result)
{
    struct inode *inode;
    int status = vfs_lookup(path, &inode);
    if (status == 0 && (flags & O_CREAT) && (flags & O_EXCL))
        return -EEXIST;
    if (status == -ENOENT && (flags & O_CREAT)) {
        status = vfs_create(path, INODE_REGULAR, mode, &inode);
        if (status == -EINVAL || status == -EEXIST)
            status = -EISDIR;         /* "dir/" with O_CREAT */
    } else if (status == 0) {
        status = inode_permission(inode, credentials_open_access(flags));   /* EACCES: the mode forbids */
    }
    if (status < 0)
        return status;
    return vfs_open_inode(inode, flags, result);
}

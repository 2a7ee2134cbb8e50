/* kernel/fs/path.c - from a path to an inode: the walk, component by
 * component, across mount points and symbolic links; and back, from a
 * directory to its path (getcwd).
 *
 *   "/home/alice/../notes"   /  --home-->  (mount: the disk's root)
 *                                --alice--> alice --..--> (root) --notes--> notes
 *
 * Context: the file-system lock held (fs_lock.h): a step on a disk reads
 * its directory blocks and sleeps. */
#include "vfs.h"

#include "lib/string.h"
#include "mount.h"
#include "proc/process.h"
#include "sched/task.h"
#include "uapi/errno.h"

#define SYMLINK_FOLLOW_MAX 8          /* links followed in one walk: ELOOP beyond (as Linux's 40, smaller) */

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

int path_has_trailing_slash(const char *path)
{
    size_t length = strlen(path);
    return length > 1 && path[length - 1] == '/';
}

/* Puts the target of symbolic link `link` in front of what is left of the
 * walk (`rest`, inside `path`): "rest" becomes "target/rest". */
static int splice_link(struct inode *link, char *path, const char *rest)
{
    char target[PATH_MAX_LENGTH];
    int length = link->operations->readlink(link, target, sizeof target - 1);
    if (length < 0)
        return length;
    if (length == 0)
        return -ENOENT;               /* an empty link names nothing */
    uint32_t rest_length = strlen(rest);
    if ((uint32_t)length + 1 + rest_length + 1 > PATH_MAX_LENGTH)
        return -ENAMETOOLONG;
    memmove(path + length + 1, rest, rest_length + 1);
    memcpy(path, target, (uint32_t)length);
    path[length] = rest_length ? '/' : 0;
    return 0;
}

enum {
    WALK_TO_PARENT = 1,               /* stop before the last component */
    WALK_FOLLOW_LAST = 2,             /* a symbolic link named last is followed */
};

/* The walk of `original` from `start` (NULL: the working directory; an
 * absolute path starts at / whatever `start` is). */
static int walk(struct inode *start, const char *original, unsigned how, struct inode **result, char *last_name)
{
    if (!*original)
        return -ENOENT;
    char path[PATH_MAX_LENGTH];
    if (strlcpy(path, original, sizeof path) >= sizeof path)
        return -ENAMETOOLONG;
    int must_be_directory = path_has_trailing_slash(original);
    const char *rest = path;
    if (!start)
        start = current_task->process ? current_task->process->cwd : vfs_root();
    struct inode *inode = path[0] == '/' ? vfs_root() : start;
    unsigned links_followed = 0;
    char name[NAME_MAX_LENGTH + 1];
    for (;;) {
        int status = next_component(&rest, name);
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
        int last = !*rest;
        if (last && (how & WALK_TO_PARENT)) {
            strlcpy(last_name, name, NAME_MAX_LENGTH + 1);
            *result = inode;
            return 0;
        }
        struct inode *next;
        status = vfs_child(inode, name, &next);
        if (status < 0)
            return status;
        if (next->type == INODE_SYMLINK && (!last || (how & WALK_FOLLOW_LAST) || must_be_directory)) {
            if (++links_followed > SYMLINK_FOLLOW_MAX)
                return -ELOOP;
            if ((status = splice_link(next, path, rest)) < 0)
                return status;
            rest = path;
            if (path[0] == '/')
                inode = vfs_root();   /* else: on from the directory holding the link */
            continue;
        }
        inode = next;
    }
    if (how & WALK_TO_PARENT)
        return inode == vfs_root() ? -EEXIST : -EINVAL;   /* "/" or a path of only slashes */
    if (must_be_directory && inode->type != INODE_DIRECTORY)
        return -ENOTDIR;              /* "file/" names a directory that is not there */
    *result = inode;
    return 0;
}

int vfs_lookup(const char *path, struct inode **result)
{
    return walk(0, path, WALK_FOLLOW_LAST, result, 0);
}

int vfs_lookup_from(struct inode *directory, const char *path, int follow_last, struct inode **result)
{
    return walk(directory, path, follow_last ? WALK_FOLLOW_LAST : 0, result, 0);
}

int vfs_lookup_parent(struct inode *from, const char *path, struct inode **directory, char *name)
{
    int status = walk(from, path, WALK_TO_PARENT, directory, name);
    if (status == 0 && (!strcmp(name, ".") || !strcmp(name, "..")))
        return -EINVAL;
    return status;
}

struct name_search {
    uint32_t number;                  /* the inode whose name is sought */
    char *name;                       /* NAME_MAX_LENGTH + 1 bytes */
    int status;                       /* 0 found, -ENOENT, or -ENAMETOOLONG */
};

/* A name on an ext2 disk may be up to 255 bytes: one longer than ours is
 * an error, never a path with a name cut short. */
static int match_number(void *context, const char *name, uint32_t number, enum inode_type type)
{
    (void)type;
    struct name_search *search = context;
    if (number != search->number)
        return 0;
    search->status = strlcpy(search->name, name, NAME_MAX_LENGTH + 1) > NAME_MAX_LENGTH ? -ENAMETOOLONG : 0;
    return 1;
}

/* Directory `inode`'s name in its parent (a mounted root: its mount
 * point's). */
static int name_in_parent(struct inode *inode, char *name)
{
    struct inode *named = vfs_is_mount_root(inode) ? inode->fs->covered : inode;
    struct name_search search = { named->number, name, -ENOENT };
    uint32_t position = 0;
    struct inode *parent = named->parent;
    int status = parent->operations->readdir(parent, &position, match_number, &search);
    if (status < 0)
        return status;
    return search.status;
}

int vfs_path_of(struct inode *inode, char *buffer, uint32_t size)
{
    /* built from the end of `buffer` backwards: "/alice", then "/home/alice" */
    if (size < 2)
        return -ERANGE;
    uint32_t start = size - 1;
    buffer[start] = 0;
    char name[NAME_MAX_LENGTH + 1];
    while (inode != vfs_root()) {
        int status = name_in_parent(inode, name);
        if (status < 0)
            return status;
        uint32_t length = strlen(name);
        if (start < length + 1)
            return -ERANGE;           /* too deep for a path: an error, never a wrong one */
        start -= length;
        memcpy(buffer + start, name, length);
        buffer[--start] = '/';
        inode = vfs_parent(inode);
    }
    if (start == size - 1)
        buffer[--start] = '/';
    uint32_t used = size - 1 - start;
    memmove(buffer, buffer + start, used + 1);
    return (int)used;
}

/* kernel/fs/memfs.c - the in-memory file system's operations: each is the
 * list or page work of inode.c and file_content.c, which never sleeps, and
 * the times it moves (file_times.h), as ext2 moves them on the disk. */
#include "memfs.h"

#include "file_content.h"
#include "file_times.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "mm/memory_layout.h"
#include "mm/memory_object.h"
#include "mount.h"
#include "uapi/errno.h"
#include "uapi/mount.h"

static int memfs_sync(struct file_system *fs)
{
    (void)fs;
    return 0;                         /* nothing to write: it lives in memory */
}

/* Its blocks are the machine's pages; its files, the inodes that exist and
 * as many more as free memory holds. */
static int memfs_statfs(struct file_system *fs, struct kernel_statfs *st)
{
    (void)fs;
    st->f_type = MEMFS_MAGIC;
    st->f_bsize = st->f_frsize = PAGE_SIZE;
    /* the share of memory the files, segments and shared mappings may
     * hold together (mm/memory_object.c), and what is left of it */
    uint32_t budget = memory_object_frames_budget(), held = memory_object_frames_held();
    uint32_t left = budget > held ? budget - held : 0;
    st->f_blocks = budget;
    st->f_bfree = st->f_bavail = left < frame_free_count() ? left : frame_free_count();
    /* no table of inodes to run out of: each is a block of the kernel's
     * heap, so as many more fit as free memory holds (Linux's tmpfs
     * counts its limit from memory too), and df -i shows what is used */
    st->f_ffree = frame_free_count() * (PAGE_SIZE / sizeof(struct inode));
    st->f_files = inode_count() + st->f_ffree;
    st->f_namelen = NAME_MAX_LENGTH;
    return 0;
}

static int memfs_unmount(struct file_system *fs)
{
    (void)fs;
    return -EINVAL;                   /* the root stays */
}

static const struct file_system_operations memfs_operations = {
    .sync = memfs_sync,
    .statfs = memfs_statfs,
    .unmount = memfs_unmount,
};

static struct file_system memfs = {
    .type = "memfs",
    .source = "memfs",
    .operations = &memfs_operations,
};

struct file_system *memfs_file_system(void)
{
    return &memfs;
}

static int memfs_lookup(struct inode *directory, const char *name, struct inode **result)
{
    struct directory_entry *entry = directory_entry_find(directory, name);
    if (!entry)
        return -ENOENT;
    *result = entry->inode;
    return 0;
}

static int memfs_create(struct inode *directory, const char *name, enum inode_type type,
                        uint32_t permissions, unsigned uid, unsigned gid, struct inode **result)
{
    struct inode *inode = inode_create(type, permissions);
    if (!inode)
        return -ENOMEM;
    inode->uid = uid;
    inode->gid = gid;
    int status = directory_add(directory, name, inode);
    if (status < 0) {
        inode_release_if_unused(inode);
        return status;
    }
    file_times_modified(directory, inode->change_time);   /* an entry more */
    *result = inode;
    return 0;
}

static int memfs_link(struct inode *directory, const char *name, struct inode *inode)
{
    int status = directory_add(directory, name, inode);
    if (status == 0) {
        uint32_t now = file_times_now();
        file_times_changed(inode, now);                /* a link more */
        file_times_modified(directory, now);
    }
    return status;
}

static int memfs_unlink(struct inode *directory, const char *name, struct inode *inode)
{
    uint32_t now = file_times_now();
    file_times_changed(inode, now);                    /* before: removing it may free it */
    int status = directory_remove(directory, name);
    if (status == 0)
        file_times_modified(directory, now);
    return status;
}

static int memfs_is_empty(struct inode *directory)
{
    return directory->entry_count == 0;
}

static int memfs_rename(struct inode *old_directory, const char *old_name, struct inode *new_directory,
                        const char *new_name, struct inode *moving, struct inode *replaced)
{
    /* The new entry is made before anything changes: out of memory, the
     * rename fails whole, and a directory never loses its name (freeing it
     * with its children). The extra link holds the node while its old
     * entry goes, so that removing it cannot free it. */
    int status;
    struct directory_entry *entry = directory_entry_create(new_name, &status);
    if (!entry)
        return status;
    uint32_t now = file_times_now();
    file_times_changed(moving, now);                   /* as Linux's file systems do */
    file_times_modified(old_directory, now);
    file_times_modified(new_directory, now);
    moving->links++;
    if (replaced) {
        file_times_changed(replaced, now);             /* a link less, if it lives on */
        directory_remove(new_directory, new_name);
    }
    directory_remove(old_directory, old_name);
    directory_add_entry(new_directory, entry, moving);
    moving->links--;
    return 0;
}

/* A symbolic link keeps its target in a string of its own (fs_private). */
static int memfs_symlink(struct inode *directory, const char *name, const char *target,
                         unsigned uid, unsigned gid, struct inode **result)
{
    uint32_t length = strlen(target);
    char *copy = kmalloc(length + 1);
    if (!copy)
        return -ENOMEM;
    memcpy(copy, target, length + 1);
    int status = memfs_create(directory, name, INODE_SYMLINK, 0777, uid, gid, result);
    if (status < 0) {
        kfree(copy);
        return status;
    }
    (*result)->fs_private = copy;
    (*result)->size = length;
    return 0;
}

static int memfs_readlink(struct inode *inode, char *buffer, uint32_t size)
{
    uint32_t length = inode->size < size ? inode->size : size;
    memcpy(buffer, inode->fs_private, length);
    return (int)length;
}

/* Entries in creation order; a position is an entry's serial number, so
 * entries removed meanwhile make none be skipped. */
static int memfs_readdir(struct inode *directory, uint32_t *position, directory_emit emit, void *context)
{
    for (struct directory_entry *entry = directory->entries; entry; entry = entry->next) {
        if (entry->serial < *position)
            continue;
        if (emit(context, entry->name, entry->inode->number, entry->inode->type))
            break;
        *position = entry->serial + 1;
    }
    return 0;
}

static int memfs_read(struct inode *inode, uint32_t offset, void *buffer, uint32_t size, int to_user)
{
    return to_user ? file_content_read(inode, offset, buffer, size)
                   : file_content_read_kernel(inode, offset, buffer, size);
}

/* A write moves the modification time, as soon as a byte went in. */
static int memfs_write(struct inode *inode, uint32_t offset, const void *user_buffer, uint32_t size)
{
    int count = file_content_write(inode, offset, user_buffer, size);
    if (count > 0)
        file_times_modified(inode, file_times_now());
    return count;
}

/* ftruncate and open's O_TRUNC move it even to the same size, as on Linux. */
static int memfs_truncate(struct inode *inode, uint32_t size)
{
    int status = file_content_truncate(inode, size);
    if (status == 0)
        file_times_modified(inode, file_times_now());
    return status;
}

static int memfs_changed(struct inode *inode)
{
    (void)inode;
    return 0;                         /* the inode is all there is */
}

static void memfs_evict(struct inode *inode)
{
    if (inode->contents) {
        inode->contents->file = 0;    /* mappings may keep the bytes, not the inode */
        memory_object_put(inode->contents);
    }
    if (inode->type == INODE_SYMLINK)
        kfree(inode->fs_private);
    inode_free(inode);
}

const struct inode_operations memfs_inode_operations = {
    .lookup = memfs_lookup,
    .create = memfs_create,
    .link = memfs_link,
    .unlink = memfs_unlink,
    .is_empty = memfs_is_empty,
    .rename = memfs_rename,
    .symlink = memfs_symlink,
    .readlink = memfs_readlink,
    .readdir = memfs_readdir,
    .read = memfs_read,
    .write = memfs_write,
    .truncate = memfs_truncate,
    .changed = memfs_changed,
    .fsync = memfs_changed,
    .evict = memfs_evict,
};

/* kernel/fs/inode.c - allocating inodes, and the in-memory file system's
 * directory entries (memfs.c wraps them into its operations). */
#include "inode.h"

#include "file_times.h"
#include "fs_lock.h"
#include "kernel/panic.h"
#include "lib/string.h"
#include "memfs.h"
#include "mm/heap.h"
#include "mount.h"
#include "uapi/errno.h"

static uint32_t next_inode_number = 1;
static unsigned live_inodes;

struct inode *inode_alloc(struct file_system *fs, const struct inode_operations *operations)
{
    struct inode *inode = kzalloc(sizeof *inode);
    if (!inode)
        return 0;
    inode->fs = fs;
    inode->operations = operations;
    live_inodes++;
    return inode;
}

void inode_free(struct inode *inode)
{
    live_inodes--;
    kfree(inode);
}

struct inode *inode_create(enum inode_type type, uint32_t permissions)
{
    struct inode *inode = inode_alloc(memfs_file_system(), &memfs_inode_operations);
    if (!inode)
        return 0;
    inode->number = next_inode_number++;
    inode->type = type;
    inode->permissions = permissions & 07777;
    file_times_created(inode, file_times_now());
    return inode;
}

void inode_release_if_unused(struct inode *inode)
{
    ASSERT(!inode->fs->device || fs_lock_held());
    if (inode->links || inode->open_count || inode->mounted)
        return;
    if (inode == inode->fs->root)
        return;                       /* a root goes with its file system */
    inode->operations->evict(inode);
}

void inode_close(struct inode *inode)
{
    /* On a disk the lock comes first, the count after: while we wait for
     * the lock our count keeps the inode, and an unlink sleeping on the
     * disk meanwhile sees it open and leaves the freeing to us. (Dropping
     * the count first, an unlink could free the inode under our wait.)
     * The lock may be ours already (a system call closing a file) or not
     * (exit closing every descriptor). Memory's evict never sleeps. */
    int taken = inode->fs->device && !fs_lock_held();
    if (taken)
        fs_lock();
    ASSERT(inode->open_count > 0);
    inode->open_count--;
    inode_release_if_unused(inode);
    if (taken)
        fs_unlock();
}

unsigned inode_count(void)
{
    return live_inodes;
}

/* Every memfs entry is also in one hash table, found by its directory and
 * its name, as Linux finds a name in its dentry cache: a lookup in a
 * directory of hundreds (the manual's man3 has 511) reads the few entries
 * of one bucket, not the whole list, and the boot, which adds each of the
 * boot image's files after a lookup of its name, takes a number of steps
 * in proportion to the files, not to their square. The directory's list
 * keeps the creation order, for readdir. */
#define ENTRY_HASH_BUCKETS 1024
static struct directory_entry *entry_hash[ENTRY_HASH_BUCKETS];

/* The bucket of `name` in `directory`: FNV-1a of the name, begun from the
 * directory's address. */
static struct directory_entry **entry_bucket(const struct inode *directory, const char *name)
{
    uint32_t hash = 2166136261u ^ (uint32_t)(uintptr_t)directory;
    for (; *name; name++)
        hash = (hash ^ (uint8_t)*name) * 16777619u;
    return &entry_hash[hash % ENTRY_HASH_BUCKETS];
}

struct directory_entry *directory_entry_find(const struct inode *directory, const char *name)
{
    for (struct directory_entry *entry = *entry_bucket(directory, name); entry; entry = entry->same_hash)
        if (entry->directory == directory && !strcmp(entry->name, name))
            return entry;
    return 0;
}

struct directory_entry *directory_entry_create(const char *name, int *status)
{
    *status = strlen(name) > NAME_MAX_LENGTH ? -ENAMETOOLONG : 0;
    struct directory_entry *entry = *status ? 0 : kzalloc(sizeof *entry);
    if (!entry) {
        *status = *status ? *status : -ENOMEM;
        return 0;
    }
    strlcpy(entry->name, name, sizeof entry->name);
    return entry;
}

void directory_add_entry(struct inode *directory, struct directory_entry *entry, struct inode *inode)
{
    entry->inode = inode;
    entry->directory = directory;
    entry->serial = directory->next_entry_serial++;
    /* appended, so that ls lists in creation order */
    struct directory_entry **end = directory->entries_end ? directory->entries_end : &directory->entries;
    *end = entry;
    directory->entries_end = &entry->next;
    struct directory_entry **bucket = entry_bucket(directory, entry->name);
    entry->same_hash = *bucket;
    *bucket = entry;
    directory->entry_count++;
    inode->links++;
    if (inode->type == INODE_DIRECTORY)
        inode->parent = directory;
}

int directory_add(struct inode *directory, const char *name, struct inode *inode)
{
    int status;
    struct directory_entry *entry = directory_entry_create(name, &status);
    if (entry)
        directory_add_entry(directory, entry, inode);
    return status;
}

int directory_remove(struct inode *directory, const char *name)
{
    struct directory_entry *entry = directory_entry_find(directory, name);
    if (!entry)
        return -ENOENT;
    struct directory_entry **link = entry_bucket(directory, name);
    while (*link != entry)
        link = &(*link)->same_hash;
    *link = entry->same_hash;
    for (link = &directory->entries; *link != entry; link = &(*link)->next)
        ;
    *link = entry->next;
    if (directory->entries_end == &entry->next)
        directory->entries_end = link;
    directory->entry_count--;
    struct inode *inode = entry->inode;
    kfree(entry);
    inode->links--;
    if (inode->type == INODE_DIRECTORY && inode->links == 0)
        inode->parent = inode;        /* its old parent may go too: never point there */
    inode_release_if_unused(inode);
    return 0;
}

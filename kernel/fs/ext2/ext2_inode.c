/* kernel/fs/ext2/ext2_inode.c - inodes: the cache of struct inode, and the
 * disk inodes behind them.
 *
 * Each mounted file system keeps a hash table of the inodes in memory, by
 * number. An inode enters on its first lookup and stays until the file
 * system is unmounted or the file is deleted (evict), so there is one
 * struct inode per file and the VFS may keep pointers to it. Its disk
 * record is read once; every change is copied back into the inode table
 * block by ext2_inode_store, written at once where a crash rule says so,
 * else later. An inode an entry names is checked before it is used
 * (check_disk_inode); its block pointers are checked where they are
 * followed (ext2_block_map.c). */
#include "ext2_internal.h"

#include "fs/block_cache.h"
#include "fs/file_times.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "uapi/errno.h"

#define UID_LOW_BITS 16
#define ID_LOW_MASK 0xFFFFu

static unsigned hash_of(uint32_t number)
{
    return number % EXT2_INODE_HASH_BUCKETS;
}

static struct ext2_inode_info *hash_find(const struct ext2_fs *fs, uint32_t number)
{
    for (struct ext2_inode_info *info = fs->inode_hash[hash_of(number)]; info; info = info->hash_next)
        if (info->inode->number == number)
            return info;
    return 0;
}

static void hash_insert(struct ext2_fs *fs, struct ext2_inode_info *info)
{
    unsigned bucket = hash_of(info->inode->number);
    info->hash_next = fs->inode_hash[bucket];
    fs->inode_hash[bucket] = info;
}

static void hash_remove(struct ext2_fs *fs, struct ext2_inode_info *info)
{
    struct ext2_inode_info **link = &fs->inode_hash[hash_of(info->inode->number)];
    while (*link != info)
        link = &(*link)->hash_next;
    *link = info->hash_next;
}

enum inode_type ext2_type_of_mode(uint16_t mode)
{
    switch (mode & EXT2_S_IFMT) {
    case EXT2_S_IFDIR: return INODE_DIRECTORY;
    case EXT2_S_IFIFO: return INODE_FIFO;
    case EXT2_S_IFCHR:
    case EXT2_S_IFBLK: return INODE_DEVICE;   /* opened, they give ENXIO: no driver behind */
    case EXT2_S_IFSOCK: return INODE_SOCKET;
    case EXT2_S_IFLNK: return INODE_SYMLINK;
    default: return INODE_REGULAR;
    }
}

static uint16_t mode_of_type(enum inode_type type)
{
    switch (type) {
    case INODE_DIRECTORY: return EXT2_S_IFDIR;
    case INODE_FIFO: return EXT2_S_IFIFO;
    case INODE_DEVICE: return EXT2_S_IFCHR;
    case INODE_SOCKET: return EXT2_S_IFSOCK;
    case INODE_SYMLINK: return EXT2_S_IFLNK;
    default: return EXT2_S_IFREG;
    }
}

uint8_t ext2_file_type_of(const struct inode *inode)
{
    switch (ext2_info(inode)->mode & EXT2_S_IFMT) {
    case EXT2_S_IFREG: return EXT2_FT_REG_FILE;
    case EXT2_S_IFDIR: return EXT2_FT_DIR;
    case EXT2_S_IFCHR: return EXT2_FT_CHRDEV;
    case EXT2_S_IFBLK: return EXT2_FT_BLKDEV;
    case EXT2_S_IFIFO: return EXT2_FT_FIFO;
    case EXT2_S_IFSOCK: return EXT2_FT_SOCK;
    case EXT2_S_IFLNK: return EXT2_FT_SYMLINK;
    default: return EXT2_FT_UNKNOWN;
    }
}

void ext2_touch(struct inode *inode, int modified)
{
    if (modified)
        file_times_modified(inode, ext2_now());   /* the rule: fs/file_times.h */
    else
        file_times_changed(inode, ext2_now());
}

/* The inode table block holding inode `number`, held, and where in it. */
static int read_record(struct ext2_fs *fs, uint32_t number, struct block_buffer **buffer,
                       struct ext2_disk_inode **record)
{
    if (number == 0 || number > fs->inodes_count)
        return -EIO;
    uint32_t group = ext2_group_of_inode(fs, number);
    uint32_t byte = ((number - 1) % fs->inodes_per_group) * fs->inode_size;
    int status = ext2_read_block(fs, fs->groups[group].inode_table + byte / fs->block_size, buffer);
    if (status < 0)
        return status;
    *record = (struct ext2_disk_inode *)((*buffer)->data + byte % fs->block_size);
    return 0;
}

int ext2_inode_read_type(struct ext2_fs *fs, uint32_t number, enum inode_type *type)
{
    struct block_buffer *buffer;
    struct ext2_disk_inode *record;
    int status = read_record(fs, number, &buffer, &record);
    if (status < 0)
        return status;
    *type = ext2_type_of_mode(record->i_mode);
    block_release(buffer);
    return 0;
}

/* A struct inode with its ext2 part, in the cache. NULL if memory is short. */
static struct inode *cache_new(struct ext2_fs *fs, uint32_t number)
{
    struct inode *inode = inode_alloc(fs->vfs, &ext2_inode_operations);
    struct ext2_inode_info *info = kzalloc(sizeof *info);
    if (!inode || !info) {
        if (inode)
            inode_free(inode);
        kfree(info);
        return 0;
    }
    inode->number = number;
    inode->fs_private = info;
    info->inode = inode;
    hash_insert(fs, info);
    return inode;
}

static void cache_remove(struct ext2_fs *fs, struct inode *inode)
{
    struct ext2_inode_info *info = ext2_info(inode);
    hash_remove(fs, info);
    kfree(info);
    inode_free(inode);
}

/* Fills the in-memory inode from its disk record. */
static void decode(struct inode *inode, const struct ext2_disk_inode *record)
{
    struct ext2_inode_info *info = ext2_info(inode);
    info->mode = record->i_mode & EXT2_S_IFMT;
    inode->type = ext2_type_of_mode(record->i_mode);
    inode->permissions = record->i_mode & EXT2_S_PERMISSIONS;
    inode->uid = record->i_uid | (unsigned)record->i_uid_high << UID_LOW_BITS;
    inode->gid = record->i_gid | (unsigned)record->i_gid_high << UID_LOW_BITS;
    inode->links = record->i_links_count;
    inode->size = record->i_size;
    inode->access_time = record->i_atime;
    inode->change_time = record->i_ctime;
    inode->modify_time = record->i_mtime;
    memcpy(info->block, record->i_block, sizeof info->block);
    info->blocks_512 = record->i_blocks;
    info->flags = record->i_flags;
    info->dtime = record->i_dtime;
    info->file_acl = record->i_file_acl;
    if (inode->type == INODE_REGULAR && record->i_size_high) {
        info->size_high = record->i_size_high;   /* 4 GiB or more: shown capped, never changed */
        inode->size = EXT2_FILE_SIZE_MAX;
    } else if (inode->type == INODE_REGULAR && inode->size > EXT2_FILE_SIZE_MAX) {
        info->size_high = 1;          /* 2 GiB or more: read-only here too */
        inode->size = EXT2_FILE_SIZE_MAX;
    }
}

/* Guards against an entry naming an inode that is no file, or one whose
 * size the directory code would walk for ever: a free inode (mode or
 * link count 0; e2fsck removes the entry), a directory whose size is not
 * whole blocks or is larger than the disk or EXT2_DIRECTORY_SIZE_MAX, a
 * symbolic link longer than a
 * block. 0, or -EIO (logged). */
static int check_disk_inode(struct ext2_fs *fs, uint32_t number, const struct ext2_disk_inode *record)
{
    if (record->i_links_count == 0 || record->i_mode == 0)
        return ext2_damaged(fs, "an entry names inode %u, which is free", number);
    enum inode_type type = ext2_type_of_mode(record->i_mode);
    if (type == INODE_DIRECTORY &&
        (record->i_size % fs->block_size || record->i_size / fs->block_size > fs->blocks_count ||
         record->i_size > EXT2_DIRECTORY_SIZE_MAX))
        return ext2_damaged(fs, "directory inode %u has a size of %u bytes", number, record->i_size);
    if (type == INODE_SYMLINK && record->i_size >= fs->block_size)
        return ext2_damaged(fs, "symbolic link inode %u has a size of %u bytes", number, record->i_size);
    return 0;
}

int ext2_inode_get(struct ext2_fs *fs, uint32_t number, struct inode *parent, struct inode **result)
{
    struct ext2_inode_info *cached = hash_find(fs, number);
    if (cached && parent && cached->inode->links == 0)
        return ext2_damaged(fs, "inode %u has more entries than its link count", number);
    if (cached) {
        *result = cached->inode;
        return 0;
    }
    if (number == 0 || number > fs->inodes_count || (number != EXT2_ROOT_INO && number < fs->first_inode))
        return ext2_damaged(fs, "an entry names inode %u, which no file may have", number);
    struct block_buffer *buffer;
    struct ext2_disk_inode *record;
    int status = read_record(fs, number, &buffer, &record);
    if (status < 0)
        return status;
    status = check_disk_inode(fs, number, record);
    if (status < 0) {
        block_release(buffer);
        return status;
    }
    struct inode *inode = cache_new(fs, number);
    if (!inode) {
        block_release(buffer);
        return -ENOMEM;
    }
    decode(inode, record);
    block_release(buffer);
    if (inode->type == INODE_DIRECTORY)
        inode->parent = parent ? parent : inode;   /* the root is its own parent */
    *result = inode;
    return 0;
}

/* Is inode `number` in use, whatever the bitmap said: in memory, or live
 * on the disk? 1, 0, or -EIO. */
static int number_in_use(struct ext2_fs *fs, uint32_t number)
{
    if (hash_find(fs, number))
        return 1;
    struct block_buffer *buffer;
    struct ext2_disk_inode *record;
    int status = read_record(fs, number, &buffer, &record);
    if (status < 0)
        return status;
    int live = record->i_links_count != 0 && record->i_mode != 0;   /* rule 3: freed only once dead */
    block_release(buffer);
    return live;
}

int ext2_inode_new(struct ext2_fs *fs, struct inode *directory, enum inode_type type, uint32_t permissions,
                   unsigned uid, unsigned gid, struct inode **result)
{
    uint32_t number;
    int status;
    /* A damaged bitmap may call a live inode free: its bit is now set, as
     * it should be, and the next is tried (each turn sets one: it ends). */
    while ((status = ext2_inode_allocate(fs, directory->number, type == INODE_DIRECTORY, &number)) == 0 &&
           (status = number_in_use(fs, number)) > 0)
        ext2_damaged(fs, "the inode bitmap calls inode %u free, which is in use", number);
    if (status < 0)
        return status;
    struct inode *inode = cache_new(fs, number);
    if (!inode) {
        ext2_inode_number_free(fs, number, type == INODE_DIRECTORY);   /* never on the disk */
        return -ENOMEM;
    }
    struct ext2_inode_info *info = ext2_info(inode);
    info->mode = mode_of_type(type);
    info->fresh = 1;
    info->last_block = fs->groups[ext2_group_of_inode(fs, number)].inode_table;
    inode->type = type;
    inode->permissions = permissions & EXT2_S_PERMISSIONS;
    inode->uid = uid;
    inode->gid = gid;
    inode->links = 0;                 /* rule 2: not live until its entry is on the disk */
    file_times_created(inode, ext2_now());
    if (type == INODE_DIRECTORY)
        inode->parent = directory;
    *result = inode;
    return 0;
}

void ext2_inode_discard_new(struct inode *inode)
{
    struct ext2_fs *fs = ext2_of(inode);
    uint32_t number = inode->number;
    int directory = inode->type == INODE_DIRECTORY;
    cache_remove(fs, inode);
    ext2_inode_number_free(fs, number, directory);   /* rule 3: no entry ever named it */
}

int ext2_inode_store(struct inode *inode, int write_now)
{
    struct ext2_fs *fs = ext2_of(inode);
    struct ext2_inode_info *info = ext2_info(inode);
    struct block_buffer *buffer;
    struct ext2_disk_inode *record;
    int status = read_record(fs, inode->number, &buffer, &record);
    if (status < 0)
        return status;
    if (info->fresh) {                /* a reused record: nothing of the old file stays */
        memset(record, 0, fs->inode_size);
        if (fs->inode_size > EXT2_INODE_CORE_SIZE) {
            record->i_extra_isize = EXT2_NEW_INODE_EXTRA_SIZE;
            record->i_crtime = inode->change_time;
        }
        info->fresh = 0;
    }
    record->i_mode = (uint16_t)(info->mode | (inode->permissions & EXT2_S_PERMISSIONS));
    record->i_uid = (uint16_t)(inode->uid & ID_LOW_MASK);
    record->i_uid_high = (uint16_t)(inode->uid >> UID_LOW_BITS);
    record->i_gid = (uint16_t)(inode->gid & ID_LOW_MASK);
    record->i_gid_high = (uint16_t)(inode->gid >> UID_LOW_BITS);
    if (!info->size_high)
        record->i_size = inode->size;  /* a huge file's size is never ours to change */
    record->i_atime = inode->access_time;
    record->i_ctime = inode->change_time;
    record->i_mtime = inode->modify_time;
    record->i_dtime = info->dtime;
    record->i_links_count = (uint16_t)inode->links;
    record->i_blocks = info->blocks_512;
    record->i_flags = info->flags;
    memcpy(record->i_block, info->block, sizeof record->i_block);
    record->i_file_acl = info->file_acl;
    return ext2_store_block(buffer, write_now);
}

/* Drops the inode's extended attribute block, shared by a count. */
static void release_attribute_block(struct inode *inode, uint32_t block)
{
    struct ext2_fs *fs = ext2_of(inode);
    struct block_buffer *buffer;
    if (!ext2_block_is_data(fs, block)) {
        ext2_damaged(fs, "inode %u names block %u for its attributes", inode->number, block);
        return;
    }
    if (ext2_read_block(fs, block, &buffer) < 0)
        return;
    uint32_t *header = (uint32_t *)buffer->data;
    uint32_t *references = (uint32_t *)(buffer->data + EXT2_XATTR_REFCOUNT_OFFSET);
    int last = header[0] != EXT2_XATTR_MAGIC || *references <= 1;
    if (!last) {
        (*references)--;
        block_write_now(buffer);
    }
    block_release(buffer);
    if (last)
        ext2_block_free(fs, block);   /* rule 3: the inode no longer points to it on the disk */
}

/* Does i_block hold block numbers (and not a device number or a fast
 * symlink's target)? */
static int has_block_map(const struct inode *inode)
{
    const struct ext2_inode_info *info = ext2_info(inode);
    uint32_t attribute_sectors = info->file_acl ? ext2_of(inode)->block_size / EXT2_BLOCKS_UNIT : 0;
    switch (inode->type) {
    case INODE_REGULAR:
    case INODE_DIRECTORY: return 1;
    case INODE_SYMLINK: return info->blocks_512 > attribute_sectors;
    default: return 0;
    }
}

/* The deletion time written into a dead inode: now, but never below the
 * inode count. e2fsck reads a dtime of 0 as "not deleted" (a dead inode
 * with one is damaged: "deleted inode has zero dtime") and one below the
 * inode count as the link to the next inode of ext3's orphan list; a
 * clock set to the Epoch (clock_settime by root) wrote both. The count is
 * the first time that means neither, 1970-01-01 plus so many seconds. */
static uint32_t deletion_time(const struct ext2_fs *fs)
{
    uint32_t now = ext2_now();
    return now >= fs->inodes_count ? now : fs->inodes_count;
}

/* The inode's deletion on the disk: its last entry is gone from the disk
 * and the inode was written dead then (rule 2). Now its blocks go: the
 * pointers are cleared on the disk before the bitmaps free them (rule 3,
 * inside ext2_block_map_truncate), dtime marks it deleted, and last its
 * number is freed. */
static void delete_on_disk(struct inode *inode)
{
    struct ext2_fs *fs = ext2_of(inode);
    struct ext2_inode_info *info = ext2_info(inode);
    info->dtime = deletion_time(fs);
    inode->size = 0;
    uint32_t attribute_block = info->file_acl;
    int status;
    if (has_block_map(inode)) {
        status = ext2_block_map_truncate(inode, 0);
    } else {
        memset(info->block, 0, sizeof info->block);
        info->file_acl = 0;
        info->blocks_512 = 0;
        status = ext2_inode_store(inode, 1);
    }
    if (status == 0 && attribute_block) {
        info->file_acl = 0;
        info->blocks_512 = 0;
        status = ext2_inode_store(inode, 1);
        if (status == 0)
            release_attribute_block(inode, attribute_block);
    }
    /* rule 3: no entry names it, and the disk says it is dead */
    if (status == 0)
        ext2_inode_number_free(fs, inode->number, inode->type == INODE_DIRECTORY);
}

void ext2_inode_evict(struct inode *inode)
{
    struct ext2_fs *fs = ext2_of(inode);
    if (!fs->read_only)
        delete_on_disk(inode);
    cache_remove(fs, inode);
}

void ext2_inode_delete_orphans(struct ext2_fs *fs)
{
    if (fs->read_only)
        return;
    for (unsigned bucket = 0; bucket < EXT2_INODE_HASH_BUCKETS; bucket++)
        for (struct ext2_inode_info *info = fs->inode_hash[bucket]; info; info = info->hash_next)
            if (info->inode->links == 0)
                delete_on_disk(info->inode);   /* still open: the struct stays */
}

void ext2_inode_release_if_unused(struct inode *inode)
{
    if (inode->links == 0 && inode->open_count == 0 && !inode->mounted)
        ext2_inode_evict(inode);
}

void ext2_inode_cache_drop_all(struct ext2_fs *fs)
{
    for (unsigned bucket = 0; bucket < EXT2_INODE_HASH_BUCKETS; bucket++)
        while (fs->inode_hash[bucket])
            cache_remove(fs, fs->inode_hash[bucket]->inode);
}

int ext2_inode_cache_any_open(const struct ext2_fs *fs)
{
    for (unsigned bucket = 0; bucket < EXT2_INODE_HASH_BUCKETS; bucket++)
        for (struct ext2_inode_info *info = fs->inode_hash[bucket]; info; info = info->hash_next)
            if (info->inode->open_count)
                return 1;
    return 0;
}

int ext2_inode_cache_has_child(const struct ext2_fs *fs, const struct inode *directory)
{
    for (unsigned bucket = 0; bucket < EXT2_INODE_HASH_BUCKETS; bucket++)
        for (struct ext2_inode_info *info = fs->inode_hash[bucket]; info; info = info->hash_next)
            if (info->inode->type == INODE_DIRECTORY && info->inode->parent == directory &&
                info->inode != directory)
                return 1;
    return 0;
}

const struct inode_operations ext2_inode_operations = {
    .lookup = ext2_dir_lookup,
    .create = ext2_create,
    .link = ext2_link,
    .unlink = ext2_unlink,
    .is_empty = ext2_dir_is_empty,
    .rename = ext2_rename,
    .symlink = ext2_symlink,
    .readlink = ext2_readlink,
    .readdir = ext2_dir_readdir,
    .read = ext2_file_read,
    .write = ext2_file_write,
    .truncate = ext2_file_truncate,
    .changed = ext2_file_changed,
    .fsync = ext2_file_fsync,
    .evict = ext2_inode_evict,
};

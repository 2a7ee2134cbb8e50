/* kernel/fs/ext2/ext2_dir.c - directories: blocks of entries.
 *
 *   one directory block
 *   +-----------------+------------------+---------------------------------+
 *   | 12 . rec_len 12 | 2 .. rec_len 12  | 15 notes.txt rec_len (to the end)|
 *   +-----------------+------------------+---------------------------------+
 *
 * Entries follow each other through rec_len; the last one of a block
 * reaches the block's end, and the room after its name is free. Adding an
 * entry takes the first room big enough (splitting that entry's rec_len),
 * else a new block; removing one gives its room to the entry before it,
 * or, first in its block, sets its inode to 0.
 *
 * Every change of an entry is written at once (block_write_now): it is
 * what rules 2 and 4 order against the inodes (ext2_internal.h). A new
 * block of a directory is written with its entries before the pointer to
 * it is set (rule 1). A hashed directory (EXT2_INDEX_FL, made by mke2fs
 * or e2fsck -D) reads as a plain one; changing it drops the flag first,
 * as Linux's ext2 does, since we do not update its hash index. */
#include "ext2_internal.h"

#include "fs/block_cache.h"
#include "lib/string.h"
#include "uapi/errno.h"

static struct ext2_directory_entry *entry_at(uint8_t *data, uint32_t offset)
{
    return (struct ext2_directory_entry *)(data + offset);
}

/* Is the entry at `offset` sound (its rec_len stays in the block and
 * holds its name)? */
static int entry_ok(const struct ext2_fs *fs, uint8_t *data, uint32_t offset)
{
    if (offset + EXT2_DIRECTORY_ENTRY_HEADER > fs->block_size)
        return 0;
    const struct ext2_directory_entry *entry = entry_at(data, offset);
    return entry->rec_len >= EXT2_DIRECTORY_ENTRY_HEADER && entry->rec_len % 4 == 0 &&
           offset + entry->rec_len <= fs->block_size &&
           EXT2_DIRECTORY_ENTRY_HEADER + entry->name_len <= entry->rec_len;
}

static int is_dot_or_dot_dot(const struct ext2_directory_entry *entry)
{
    return entry->name[0] == '.' && (entry->name_len == 1 || (entry->name_len == 2 && entry->name[1] == '.'));
}

/* Reads block `file_block` of the directory: 0 with *result NULL for a hole. */
static int read_directory_block(struct inode *directory, uint32_t file_block, struct block_buffer **result)
{
    uint32_t disk_block;
    *result = 0;
    int status = ext2_block_map_find(directory, file_block, &disk_block);
    if (status < 0 || !disk_block)
        return status;
    return ext2_read_block(ext2_of(directory), disk_block, result);
}

int ext2_dir_find(struct inode *directory, const char *name, struct ext2_entry_place *place)
{
    struct ext2_fs *fs = ext2_of(directory);
    uint32_t length = strlen(name);
    for (uint32_t file_block = 0; file_block < directory->size / fs->block_size; file_block++) {
        struct block_buffer *block;
        int status = read_directory_block(directory, file_block, &block);
        if (status < 0)
            return status;
        if (!block)
            continue;
        uint32_t previous = EXT2_NO_PREVIOUS;
        for (uint32_t offset = 0; offset < fs->block_size; offset += entry_at(block->data, offset)->rec_len) {
            if (!entry_ok(fs, block->data, offset)) {
                block_release(block);
                return -EIO;
            }
            struct ext2_directory_entry *entry = entry_at(block->data, offset);
            if (entry->inode && entry->name_len == length && !memcmp(entry->name, name, length)) {
                *place = (struct ext2_entry_place){ file_block, offset, previous, entry->inode };
                block_release(block);
                return 0;
            }
            previous = offset;
        }
        block_release(block);
    }
    return -ENOENT;
}

int ext2_dir_lookup(struct inode *directory, const char *name, struct inode **result)
{
    if (!strcmp(name, ".") || !*name) {
        *result = directory;
        return 0;
    }
    if (!strcmp(name, "..")) {
        *result = directory->parent;
        return 0;
    }
    struct ext2_entry_place place;
    int status = ext2_dir_find(directory, name, &place);
    if (status < 0)
        return status;
    return ext2_inode_get(ext2_of(directory), place.inode, directory, result);
}

int ext2_dir_readdir(struct inode *directory, uint32_t *position, directory_emit emit, void *context)
{
    struct ext2_fs *fs = ext2_of(directory);
    char name[EXT2_NAME_MAX + 1];
    while (*position < directory->size) {
        uint32_t file_block = *position / fs->block_size;
        uint32_t block_start = file_block * fs->block_size;
        struct block_buffer *block;
        int status = read_directory_block(directory, file_block, &block);
        if (status < 0)
            return status;
        /* walk from the block's start: an entry may have merged into the
         * one before since *position was given out */
        for (uint32_t offset = 0; block && offset < fs->block_size;
             offset += entry_at(block->data, offset)->rec_len) {
            if (!entry_ok(fs, block->data, offset)) {
                block_release(block);
                return -EIO;
            }
            struct ext2_directory_entry *entry = entry_at(block->data, offset);
            if (block_start + offset < *position || !entry->inode || is_dot_or_dot_dot(entry))
                continue;
            memcpy(name, entry->name, entry->name_len);
            name[entry->name_len] = 0;
            enum inode_type type = INODE_REGULAR;
            switch (entry->file_type) {
            case EXT2_FT_DIR: type = INODE_DIRECTORY; break;
            case EXT2_FT_CHRDEV:
            case EXT2_FT_BLKDEV: type = INODE_DEVICE; break;
            case EXT2_FT_FIFO: type = INODE_FIFO; break;
            case EXT2_FT_SOCK: type = INODE_SOCKET; break;
            case EXT2_FT_SYMLINK: type = INODE_SYMLINK; break;
            case EXT2_FT_REG_FILE: break;
            default: ext2_inode_read_type(fs, entry->inode, &type); break;   /* no FILETYPE: ask the inode */
            }
            if (emit(context, name, entry->inode, type)) {
                *position = block_start + offset;   /* read again next time */
                block_release(block);
                return 0;
            }
            *position = block_start + offset + entry->rec_len;
        }
        if (block)
            block_release(block);
        *position = block_start + fs->block_size;
    }
    return 0;
}

int ext2_dir_is_empty(struct inode *directory)
{
    struct ext2_fs *fs = ext2_of(directory);
    for (uint32_t file_block = 0; file_block < directory->size / fs->block_size; file_block++) {
        struct block_buffer *block;
        if (read_directory_block(directory, file_block, &block) < 0)
            return 0;                 /* unreadable: not known to be empty */
        for (uint32_t offset = 0; block && offset < fs->block_size;
             offset += entry_at(block->data, offset)->rec_len) {
            struct ext2_directory_entry *entry = entry_at(block->data, offset);
            if (!entry_ok(fs, block->data, offset) || (entry->inode && !is_dot_or_dot_dot(entry))) {
                block_release(block);
                return 0;
            }
        }
        if (block)
            block_release(block);
    }
    return 1;
}

/* Drops the hash index flag before a directory's first change. */
static int before_change(struct inode *directory)
{
    struct ext2_inode_info *info = ext2_info(directory);
    if (!(info->flags & EXT2_INDEX_FL))
        return 0;
    info->flags &= ~EXT2_INDEX_FL;
    return ext2_inode_store(directory, 1);   /* on the disk before the index goes stale */
}

static void fill_entry(struct ext2_directory_entry *entry, const char *name, uint32_t number, uint8_t file_type,
                       const struct ext2_fs *fs)
{
    uint32_t length = strlen(name);
    entry->inode = number;
    entry->name_len = (uint8_t)length;
    entry->file_type = fs->has_file_type ? file_type : EXT2_FT_UNKNOWN;
    memcpy(entry->name, name, length);
}

/* Puts an entry in the first room of the block big enough: 1, or 0. */
static int insert_in_block(const struct ext2_fs *fs, uint8_t *data, const char *name, uint32_t number,
                           uint8_t file_type)
{
    uint32_t needed = EXT2_DIRECTORY_ENTRY_SIZE(strlen(name));
    for (uint32_t offset = 0; offset < fs->block_size; offset += entry_at(data, offset)->rec_len) {
        if (!entry_ok(fs, data, offset))
            return 0;
        struct ext2_directory_entry *entry = entry_at(data, offset);
        uint32_t used = entry->inode ? EXT2_DIRECTORY_ENTRY_SIZE(entry->name_len) : 0;
        if (entry->rec_len < used + needed)
            continue;
        if (used) {                   /* split: the room after its name becomes the new entry */
            struct ext2_directory_entry *added = entry_at(data, offset + used);
            added->rec_len = (uint16_t)(entry->rec_len - used);
            entry->rec_len = (uint16_t)used;
            entry = added;
        }
        fill_entry(entry, name, number, file_type, fs);
        return 1;
    }
    return 0;
}

/* A new last block for the directory holding one entry. Rule 1: the
 * block reaches the disk before anything points to it. */
static int add_block(struct inode *directory, const char *name, struct inode *inode)
{
    struct ext2_fs *fs = ext2_of(directory);
    uint32_t file_block = directory->size / fs->block_size;
    uint32_t disk_block;
    int status = ext2_block_map_prepare(directory, file_block);
    if (status == 0)
        status = ext2_block_map_allocate_data(directory, file_block, &disk_block);
    if (status < 0)
        return status;
    struct block_buffer *block;
    status = block_get_zeroed(fs->device, disk_block, fs->block_size, &block);
    if (status == 0) {
        entry_at(block->data, 0)->rec_len = (uint16_t)fs->block_size;
        fill_entry(entry_at(block->data, 0), name, inode->number, ext2_file_type_of(inode), fs);
        status = block_write_now(block);   /* rule 1: the block, entries and all, first */
        block_release(block);
    }
    if (status == 0)
        status = ext2_block_map_set(directory, file_block, disk_block, 1);   /* then the pointer */
    if (status < 0) {
        ext2_block_free(fs, disk_block);
        ext2_info(directory)->blocks_512 -= fs->block_size / EXT2_BLOCKS_UNIT;
        return status;
    }
    directory->size += fs->block_size;
    ext2_touch(directory, 1);
    return ext2_inode_store(directory, 1);   /* the size and a direct pointer: the entry is on the disk */
}

int ext2_dir_add(struct inode *directory, const char *name, struct inode *inode)
{
    struct ext2_fs *fs = ext2_of(directory);
    int status = before_change(directory);
    if (status < 0)
        return status;
    for (uint32_t file_block = 0; file_block < directory->size / fs->block_size; file_block++) {
        struct block_buffer *block;
        status = read_directory_block(directory, file_block, &block);
        if (status < 0)
            return status;
        if (!block)
            continue;
        if (insert_in_block(fs, block->data, name, inode->number, ext2_file_type_of(inode))) {
            status = block_write_now(block);   /* the entry is on the disk when we return */
            block_release(block);
            ext2_touch(directory, 1);
            ext2_inode_store(directory, 0);
            return status;
        }
        block_release(block);
    }
    return add_block(directory, name, inode);
}

/* The block holding `place`, held, after before_change. */
static int read_place(struct inode *directory, const struct ext2_entry_place *place, struct block_buffer **block)
{
    int status = before_change(directory);
    if (status == 0)
        status = read_directory_block(directory, place->file_block, block);
    if (status == 0 && !*block)
        status = -EIO;
    return status;
}

/* Takes the entry at `place` out of its block (in memory). */
static void remove_in_block(uint8_t *data, const struct ext2_entry_place *place)
{
    struct ext2_directory_entry *entry = entry_at(data, place->offset);
    if (place->previous_offset == EXT2_NO_PREVIOUS)
        entry->inode = 0;             /* first of its block: an empty entry stays */
    else
        entry_at(data, place->previous_offset)->rec_len += entry->rec_len;
}

int ext2_dir_remove(struct inode *directory, const struct ext2_entry_place *place)
{
    struct block_buffer *block;
    int status = read_place(directory, place, &block);
    if (status < 0)
        return status;
    remove_in_block(block->data, place);
    status = block_write_now(block);
    block_release(block);
    ext2_touch(directory, 1);
    ext2_inode_store(directory, 0);
    return status;
}

int ext2_dir_retarget(struct inode *directory, const struct ext2_entry_place *place, struct inode *inode)
{
    struct block_buffer *block;
    int status = read_place(directory, place, &block);
    if (status < 0)
        return status;
    struct ext2_directory_entry *entry = entry_at(block->data, place->offset);
    entry->inode = inode->number;
    entry->file_type = ext2_of(directory)->has_file_type ? ext2_file_type_of(inode) : EXT2_FT_UNKNOWN;
    status = block_write_now(block);
    block_release(block);
    ext2_touch(directory, 1);
    ext2_inode_store(directory, 0);
    return status;
}

int ext2_dir_rename_in_block(struct inode *directory, const struct ext2_entry_place *place, const char *new_name,
                             struct inode *inode)
{
    struct block_buffer *block;
    int status = read_place(directory, place, &block);
    if (status < 0)
        return status;
    struct ext2_directory_entry *old = entry_at(block->data, place->offset);
    uint32_t old_number = old->inode;
    remove_in_block(block->data, place);
    if (!insert_in_block(ext2_of(directory), block->data, new_name, inode->number, ext2_file_type_of(inode))) {
        /* no room: undo the removal; the block was not changed otherwise */
        if (place->previous_offset == EXT2_NO_PREVIOUS)
            old->inode = old_number;
        else
            entry_at(block->data, place->previous_offset)->rec_len -= old->rec_len;
        block_release(block);
        return 0;
    }
    status = block_write_now(block);   /* both names change in one write: no crash sees half */
    block_release(block);
    ext2_touch(directory, 1);
    ext2_inode_store(directory, 0);
    return status < 0 ? status : 1;
}

int ext2_dir_make_first_block(struct inode *directory, struct inode *parent)
{
    struct ext2_fs *fs = ext2_of(directory);
    uint32_t disk_block;
    int status = ext2_block_map_allocate_data(directory, 0, &disk_block);
    if (status < 0)
        return status;
    struct block_buffer *block;
    status = block_get_zeroed(fs->device, disk_block, fs->block_size, &block);
    if (status == 0) {
        struct ext2_directory_entry *dot = entry_at(block->data, 0);
        dot->rec_len = EXT2_DIRECTORY_ENTRY_SIZE(1);
        fill_entry(dot, ".", directory->number, EXT2_FT_DIR, fs);
        struct ext2_directory_entry *dot_dot = entry_at(block->data, dot->rec_len);
        dot_dot->rec_len = (uint16_t)(fs->block_size - dot->rec_len);
        fill_entry(dot_dot, "..", parent->number, EXT2_FT_DIR, fs);
        status = block_write_now(block);   /* rule 1: on the disk before the inode points to it */
        block_release(block);
    }
    if (status < 0) {
        ext2_block_free(fs, disk_block);
        ext2_info(directory)->blocks_512 -= fs->block_size / EXT2_BLOCKS_UNIT;
        return status;
    }
    ext2_info(directory)->block[0] = disk_block;
    directory->size = fs->block_size;
    return 0;
}

int ext2_dir_set_parent(struct inode *directory, struct inode *parent)
{
    struct ext2_entry_place place;
    int status = ext2_dir_find(directory, "..", &place);
    if (status < 0)
        return status;
    return ext2_dir_retarget(directory, &place, parent);
}

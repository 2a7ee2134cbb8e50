/* kernel/fs/ext2/ext2_dir.c - directories, read: finding a name, listing
 * the entries, and telling whether a directory is empty.
 *
 *   one directory block
 *   +-----------------+------------------+---------------------------------+
 *   | 12 . rec_len 12 | 2 .. rec_len 12  | 15 notes.txt rec_len (to the end)|
 *   +-----------------+------------------+---------------------------------+
 *
 * Entries follow each other through rec_len; the last one of a block
 * reaches the block's end, and the room after its name is free. An entry
 * with inode 0 is free room. A hashed directory (EXT2_INDEX_FL, made by
 * mke2fs or e2fsck -D) reads as a plain one: its index blocks look like
 * one free entry each. Changing entries: ext2_dir_write.c.
 *
 * Every entry is checked before it is read (ext2_entry_ok): a block with
 * a broken one gives -EIO, and since a sound rec_len is at least 8, each
 * walk through a block moves on and ends. */
#include "ext2_internal.h"

#include "fs/block_cache.h"
#include "lib/string.h"
#include "uapi/errno.h"

/* Guards against an entry that would take a walk out of its block or
 * round in place (rec_len 0, odd, or past the block's end), a name
 * longer than its entry, and an inode number past the last inode. */
int ext2_entry_ok(const struct ext2_fs *fs, const uint8_t *data, uint32_t offset)
{
    if (offset + EXT2_DIRECTORY_ENTRY_HEADER > fs->block_size)
        return 0;
    const struct ext2_directory_entry *entry = (const struct ext2_directory_entry *)(data + offset);
    return entry->rec_len >= EXT2_DIRECTORY_ENTRY_SIZE(entry->name_len) &&
           entry->rec_len % EXT2_DIRECTORY_ENTRY_ALIGN == 0 && offset + entry->rec_len <= fs->block_size &&
           entry->inode <= fs->inodes_count;
}

/* Logs a broken entry of `directory`: -EIO. */
static int broken_entry(struct inode *directory, uint32_t file_block, uint32_t offset)
{
    return ext2_damaged(ext2_of(directory), "directory inode %u has a broken entry at byte %u of its block %u",
                        directory->number, offset, file_block);
}

static int is_dot_or_dot_dot(const struct ext2_directory_entry *entry)
{
    return (entry->name_len == 1 && entry->name[0] == '.') ||
           (entry->name_len == 2 && entry->name[0] == '.' && entry->name[1] == '.');
}

int ext2_dir_read_block(struct inode *directory, uint32_t file_block, struct block_buffer **result)
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
        int status = ext2_dir_read_block(directory, file_block, &block);
        if (status < 0)
            return status;
        if (!block)
            continue;
        uint32_t previous = EXT2_NO_PREVIOUS;
        for (uint32_t offset = 0; offset < fs->block_size; offset += ext2_entry_at(block->data, offset)->rec_len) {
            if (!ext2_entry_ok(fs, block->data, offset)) {
                block_release(block);
                return broken_entry(directory, file_block, offset);
            }
            struct ext2_directory_entry *entry = ext2_entry_at(block->data, offset);
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
    if (status == 0)
        status = ext2_inode_get(ext2_of(directory), place.inode, directory, result);
    if (status < 0)
        return status;
    /* A directory has one name: its entry lies in its parent. A second
     * one (a directory named in itself, in its subtree, or the root named
     * anywhere) would make a loop of the tree. */
    if ((*result)->type == INODE_DIRECTORY && (*result == directory || (*result)->parent != directory))
        return ext2_damaged(ext2_of(directory), "directory inode %u has a second name in directory inode %u",
                            place.inode, directory->number);
    return 0;
}

int ext2_dir_readdir(struct inode *directory, uint32_t *position, directory_emit emit, void *context)
{
    struct ext2_fs *fs = ext2_of(directory);
    char name[EXT2_NAME_MAX + 1];
    while (*position < directory->size) {
        uint32_t file_block = *position / fs->block_size;
        uint32_t block_start = file_block * fs->block_size;
        struct block_buffer *block;
        int status = ext2_dir_read_block(directory, file_block, &block);
        if (status < 0)
            return status;
        /* walk from the block's start: an entry may have merged into the
         * one before since *position was given out */
        for (uint32_t offset = 0; block && offset < fs->block_size;
             offset += ext2_entry_at(block->data, offset)->rec_len) {
            if (!ext2_entry_ok(fs, block->data, offset)) {
                block_release(block);
                return broken_entry(directory, file_block, offset);
            }
            struct ext2_directory_entry *entry = ext2_entry_at(block->data, offset);
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
        if (ext2_dir_read_block(directory, file_block, &block) < 0)
            return 0;                 /* unreadable: not known to be empty */
        for (uint32_t offset = 0; block && offset < fs->block_size;
             offset += ext2_entry_at(block->data, offset)->rec_len) {
            struct ext2_directory_entry *entry = ext2_entry_at(block->data, offset);
            if (!ext2_entry_ok(fs, block->data, offset) || (entry->inode && !is_dot_or_dot_dot(entry))) {
                block_release(block);
                return 0;
            }
        }
        if (block)
            block_release(block);
    }
    /* Its blocks name no entry, yet a directory in memory is its child:
     * its block was handed out again (a bitmap that called it free) and
     * written over. Removing it would leave that child a freed parent. */
    if (ext2_inode_cache_has_child(fs, directory)) {
        ext2_damaged(fs, "directory inode %u names none of its subdirectories in memory", directory->number);
        return 0;
    }
    return 1;
}

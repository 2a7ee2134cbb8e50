/* kernel/fs/ext2/ext2_dir_write.c - directories, changed: adding,
 * removing and retargeting entries (the block layout: ext2_dir.c).
 *
 * Adding an entry takes the first room big enough (splitting the rec_len
 * of the entry that has it), else a new block; removing one gives its room
 * to the entry before it, or, first in its sector, sets its inode to 0.
 * No entry made here crosses a sector (rule 5, ext2_internal.h):
 *
 *   a new block of 1 KiB                after adding "notes.txt" (inode 15)
 *   +--------------+--------------+     +--------------+--------------+
 *   | 0            | 0            |     | 15 notes.txt | 0            |
 *   | rec_len 512  | rec_len 512  |     | rec_len 512  | rec_len 512  |
 *   +--------------+--------------+     +--------------+--------------+
 *    sector 0       sector 1
 *
 * so that a cut between a block's two sectors leaves each whole on its
 * own: every change below touches the entries of one sector.
 *
 * Every change of an entry is written at once (block_write_now): it is
 * what rules 2 and 4 order against the inodes (ext2_internal.h). A new
 * block of a directory is written with its entries before the pointer to
 * it is set (rule 1). Changing a hashed directory (EXT2_INDEX_FL) drops
 * the flag first, as Linux's ext2 does, since we do not keep its index. */
#include "ext2_internal.h"

#include "fs/block_cache.h"
#include "lib/string.h"
#include "uapi/errno.h"

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

#define ANY_SECTOR 0xFFFFFFFFu        /* insert_in_block: wherever there is room */

/* Puts an entry in the first room of the block big enough, inside sector
 * `only_sector` (or ANY_SECTOR): 1, or 0. Rule 5: the room after an
 * entry's name is used only if the entry ends in the sector it starts in
 * (one made by mke2fs or Linux may reach across). */
static int insert_in_block(const struct ext2_fs *fs, uint8_t *data, const char *name, uint32_t number,
                           uint8_t file_type, uint32_t only_sector)
{
    uint32_t needed = EXT2_DIRECTORY_ENTRY_SIZE(strlen(name));
    for (uint32_t offset = 0; offset < fs->block_size; offset += ext2_entry_at(data, offset)->rec_len) {
        if (!ext2_entry_ok(fs, data, offset))
            return 0;
        struct ext2_directory_entry *entry = ext2_entry_at(data, offset);
        uint32_t sector = ext2_sector_of(offset);
        if (ext2_sector_of(offset + entry->rec_len - 1) != sector ||
            (only_sector != ANY_SECTOR && sector != only_sector))
            continue;
        uint32_t used = entry->inode ? EXT2_DIRECTORY_ENTRY_SIZE(entry->name_len) : 0;
        if (entry->rec_len < used + needed)
            continue;
        if (used) {                   /* split: the room after its name becomes the new entry */
            struct ext2_directory_entry *added = ext2_entry_at(data, offset + used);
            added->rec_len = (uint16_t)(entry->rec_len - used);
            entry->rec_len = (uint16_t)used;
            entry = added;
        }
        fill_entry(entry, name, number, file_type, fs);
        return 1;
    }
    return 0;
}

/* Makes the sectors of a new directory block from byte `from` (a sector's
 * start) on each hold one empty entry (rule 5). The block is zeroed:
 * inode and name length 0. */
static void fill_empty_sectors(const struct ext2_fs *fs, uint8_t *data, uint32_t from)
{
    for (uint32_t offset = from; offset < fs->block_size; offset += EXT2_DIRECTORY_SECTOR)
        ext2_entry_at(data, offset)->rec_len = EXT2_DIRECTORY_SECTOR;
}

/* A new last block for the directory holding one entry, in its first
 * sector. Rule 1: the block reaches the disk before anything points to it. */
static int add_block(struct inode *directory, const char *name, struct inode *inode)
{
    struct ext2_fs *fs = ext2_of(directory);
    if (directory->size > EXT2_DIRECTORY_SIZE_MAX - fs->block_size)
        return -ENOSPC;                   /* full (ext2_internal.h) */
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
        fill_empty_sectors(fs, block->data, 0);
        insert_in_block(fs, block->data, name, inode->number, ext2_file_type_of(inode), ANY_SECTOR);
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
        status = ext2_dir_read_block(directory, file_block, &block);
        if (status < 0)
            return status;
        if (!block)
            continue;
        if (insert_in_block(fs, block->data, name, inode->number, ext2_file_type_of(inode), ANY_SECTOR)) {
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
        status = ext2_dir_read_block(directory, place->file_block, block);
    if (status == 0 && !*block)
        status = -EIO;
    return status;
}

/* Takes the entry at `place` out of its block (in memory): its room goes
 * to the entry before it in its sector, else it stays as an empty entry
 * (rule 5: one sector changes, and no entry grows across one). */
static void remove_in_block(uint8_t *data, const struct ext2_entry_place *place)
{
    struct ext2_directory_entry *entry = ext2_entry_at(data, place->offset);
    if (place->previous_offset == EXT2_NO_PREVIOUS ||
        ext2_sector_of(place->previous_offset) != ext2_sector_of(place->offset))
        entry->inode = 0;             /* first of its sector: an empty entry stays */
    else
        ext2_entry_at(data, place->previous_offset)->rec_len += entry->rec_len;
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

int ext2_dir_retarget(struct inode *directory, const struct ext2_entry_place *place, struct inode *inode,
                      const struct ext2_entry_place *also_remove)
{
    struct block_buffer *block;
    int status = read_place(directory, place, &block);
    if (status < 0)
        return status;
    struct ext2_directory_entry *entry = ext2_entry_at(block->data, place->offset);
    entry->inode = inode->number;
    entry->file_type = ext2_of(directory)->has_file_type ? ext2_file_type_of(inode) : EXT2_FT_UNKNOWN;
    if (also_remove)
        remove_in_block(block->data, also_remove);   /* the same block: one write does both */
    status = block_write_now(block);
    block_release(block);
    ext2_touch(directory, 1);
    ext2_inode_store(directory, 0);
    return status;
}

/* Renames the entry at `place` to `new_name` (naming `inode`) inside its
 * sector (rule 5): in its own place if the name fits there, else moved to
 * room in the same sector. 1, or 0 with the block as it was. */
static int rename_in_sector(const struct ext2_fs *fs, uint8_t *data, const struct ext2_entry_place *place,
                            const char *new_name, struct inode *inode)
{
    struct ext2_directory_entry *old = ext2_entry_at(data, place->offset);
    uint32_t sector = ext2_sector_of(place->offset);
    uint32_t needed = EXT2_DIRECTORY_ENTRY_SIZE(strlen(new_name));
    if (old->rec_len >= needed && ext2_sector_of(place->offset + needed - 1) == sector) {
        fill_entry(old, new_name, inode->number, ext2_file_type_of(inode), fs);
        return 1;
    }
    struct ext2_directory_entry *previous =
        place->previous_offset == EXT2_NO_PREVIOUS ? 0 : ext2_entry_at(data, place->previous_offset);
    uint32_t old_number = old->inode;
    uint16_t previous_rec_len = previous ? previous->rec_len : 0;
    remove_in_block(data, place);
    if (insert_in_block(fs, data, new_name, inode->number, ext2_file_type_of(inode), sector))
        return 1;
    old->inode = old_number;          /* no room: undo the removal (it changed one of the two) */
    if (previous)
        previous->rec_len = previous_rec_len;
    return 0;
}

int ext2_dir_rename_in_block(struct inode *directory, const struct ext2_entry_place *place, const char *new_name,
                             struct inode *inode)
{
    struct block_buffer *block;
    int status = read_place(directory, place, &block);
    if (status < 0)
        return status;
    if (!rename_in_sector(ext2_of(directory), block->data, place, new_name, inode)) {
        block_release(block);
        return 0;
    }
    status = block_write_now(block);   /* both names in one sector: no crash sees half (rule 5) */
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
        struct ext2_directory_entry *dot = ext2_entry_at(block->data, 0);
        dot->rec_len = EXT2_DIRECTORY_ENTRY_SIZE(1);
        fill_entry(dot, ".", directory->number, EXT2_FT_DIR, fs);
        struct ext2_directory_entry *dot_dot = ext2_entry_at(block->data, dot->rec_len);
        dot_dot->rec_len = (uint16_t)(EXT2_DIRECTORY_SECTOR - dot->rec_len);   /* rule 5: to the sector's end */
        fill_entry(dot_dot, "..", parent->number, EXT2_FT_DIR, fs);
        fill_empty_sectors(fs, block->data, EXT2_DIRECTORY_SECTOR);
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
    return ext2_dir_retarget(directory, &place, parent, 0);
}

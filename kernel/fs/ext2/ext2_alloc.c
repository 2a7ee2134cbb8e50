/* kernel/fs/ext2/ext2_alloc.c - free blocks and free inodes: the bitmaps.
 *
 * Each group has a bitmap of its blocks and one of its inodes; a set bit
 * is in use. Allocating finds a clear bit near a goal (so a file's blocks
 * lie together and an inode's blocks lie in its group), sets it and
 * lowers the free counts of the group and of the superblock. The bitmap
 * blocks and the counts are written back later (block_mark_dirty): after
 * a crash they may disagree with the inodes, which e2fsck -p repairs.
 *
 * Freeing is rule 3 (ext2_internal.h): the callers clear the bit only
 * after the last pointer to the block or inode is gone from the disk, so
 * nothing on the disk can point to a block that is given out again.
 *
 * A damaged bitmap must not make a file of the metadata: a clear bit for
 * a bitmap or an inode table block is set and skipped, not given out, and
 * a damaged pointer never frees one (ext2_block_is_data). */
#include "ext2_internal.h"

#include "fs/block_cache.h"
#include "uapi/errno.h"

#define BITS_PER_BYTE 8
#define FULL_BYTE 0xFF

/* The first clear bit of `bitmap` in [from, limit), or limit. */
static uint32_t find_clear_bit(const uint8_t *bitmap, uint32_t from, uint32_t limit)
{
    for (uint32_t bit = from; bit < limit; bit++) {
        if (bit % BITS_PER_BYTE == 0 && bit + BITS_PER_BYTE <= limit &&
            bitmap[bit / BITS_PER_BYTE] == FULL_BYTE) {
            bit += BITS_PER_BYTE - 1;  /* a full byte: skip it whole */
            continue;
        }
        if (!(bitmap[bit / BITS_PER_BYTE] & (1u << (bit % BITS_PER_BYTE))))
            return bit;
    }
    return limit;
}

static void set_bit(uint8_t *bitmap, uint32_t bit)
{
    bitmap[bit / BITS_PER_BYTE] |= (uint8_t)(1u << (bit % BITS_PER_BYTE));
}

/* Clears the bit; returns whether it was set. */
static int clear_bit(uint8_t *bitmap, uint32_t bit)
{
    uint8_t mask = (uint8_t)(1u << (bit % BITS_PER_BYTE));
    int was_set = (bitmap[bit / BITS_PER_BYTE] & mask) != 0;
    bitmap[bit / BITS_PER_BYTE] &= (uint8_t)~mask;
    return was_set;
}

/* Blocks in `group` (the last group may be shorter). */
static uint32_t blocks_in_group(const struct ext2_fs *fs, uint32_t group)
{
    uint32_t start = fs->first_data_block + group * fs->blocks_per_group;
    uint32_t left = fs->blocks_count - start;
    return left < fs->blocks_per_group ? left : fs->blocks_per_group;
}

/* Guards against a block pointer that leaves the file system or lands on
 * its metadata (a damaged inode or indirect block, or a damaged bitmap
 * offering such a block): reading it would show metadata as a file's
 * bytes, writing or freeing it would break the disk further. Metadata
 * here is group 0's superblock and descriptor table, and the bitmaps and
 * inode table of the block's own group (check_group, ext2_super.c, keeps
 * them inside it). The backup superblocks are marked used in the bitmaps
 * and no file points to them on a sound disk. */
int ext2_block_is_data(const struct ext2_fs *fs, uint32_t block)
{
    uint32_t per_block = fs->block_size / sizeof(struct ext2_group_descriptor);
    uint32_t descriptors_end = fs->descriptor_block + (fs->group_count + per_block - 1) / per_block;
    if (block < descriptors_end || block >= fs->blocks_count)
        return 0;                     /* below: the boot block, the superblock, the descriptors */
    const struct ext2_group *g = &fs->groups[(block - fs->first_data_block) / fs->blocks_per_group];
    uint32_t table_blocks = (fs->inodes_per_group * fs->inode_size + fs->block_size - 1) / fs->block_size;
    return block != g->block_bitmap && block != g->inode_bitmap &&
           !(block >= g->inode_table && block - g->inode_table < table_blocks);
}

/* Takes a clear bit of the bitmap in block `bitmap_block`, searching
 * [from, limit) first, then [floor, from). 0 with *bit, or -ENOSPC, -EIO. */
static int take_bit(struct ext2_fs *fs, uint32_t bitmap_block, uint32_t floor, uint32_t from, uint32_t limit,
                    uint32_t *bit)
{
    struct block_buffer *buffer;
    int status = ext2_read_block(fs, bitmap_block, &buffer);
    if (status < 0)
        return status;
    uint32_t found = find_clear_bit(buffer->data, from, limit);
    if (found == limit && floor < from) {
        found = find_clear_bit(buffer->data, floor, from);
        if (found == from)
            found = limit;
    }
    if (found == limit) {
        block_release(buffer);
        return -ENOSPC;               /* the count said free, the bitmap says not */
    }
    set_bit(buffer->data, found);
    block_mark_dirty(buffer);         /* bitmaps: written later */
    block_release(buffer);
    *bit = found;
    return 0;
}

int ext2_block_allocate(struct ext2_fs *fs, uint32_t goal, uint32_t *result)
{
    /* the reserved blocks are root's: the last ones go to root only */
    if (fs->free_blocks == 0 || (fs->free_blocks <= fs->reserved_blocks && !ext2_may_use_reserved_blocks()))
        return -ENOSPC;
    if (goal < fs->first_data_block || goal >= fs->blocks_count)
        goal = fs->first_data_block;
    uint32_t goal_group = (goal - fs->first_data_block) / fs->blocks_per_group;
    for (uint32_t i = 0; i < fs->group_count; i++) {
        uint32_t group = (goal_group + i) % fs->group_count;
        struct ext2_group *g = &fs->groups[group];
        uint32_t from = i == 0 ? (goal - fs->first_data_block) % fs->blocks_per_group : 0;
        uint32_t bit;
        /* each turn sets a bit of the group's bitmap: at most one per block */
        while (g->free_blocks > 0) {
            int status = take_bit(fs, g->block_bitmap, 0, from, blocks_in_group(fs, group), &bit);
            if (status == -ENOSPC)
                break;
            if (status < 0)
                return status;
            uint32_t block = fs->first_data_block + group * fs->blocks_per_group + bit;
            if (!ext2_block_is_data(fs, block)) {
                /* its bit stays set, as a metadata block's must */
                ext2_damaged(fs, "the block bitmap of group %u calls metadata block %u free", group, block);
                continue;
            }
            g->free_blocks--;
            fs->free_blocks--;
            ext2_group_store(fs, group);
            ext2_super_store(fs, 0);
            *result = block;
            return 0;
        }
    }
    return -ENOSPC;
}

/* Rule 3: the caller has removed every pointer to `block` from the disk.
 * A block that was free already is named twice (damage): the caller
 * must not follow what it points to, freed or in use by someone else. */
int ext2_block_free(struct ext2_fs *fs, uint32_t block)
{
    if (!ext2_block_is_data(fs, block)) {
        ext2_damaged(fs, "a file pointed to block %u, which holds no file's data", block);
        return 0;
    }
    uint32_t group = (block - fs->first_data_block) / fs->blocks_per_group;
    uint32_t bit = (block - fs->first_data_block) % fs->blocks_per_group;
    struct block_buffer *buffer;
    if (ext2_read_block(fs, fs->groups[group].block_bitmap, &buffer) < 0)
        return 0;                     /* the block stays marked used: e2fsck frees it */
    int was_set = clear_bit(buffer->data, bit);
    block_mark_dirty(buffer);
    block_release(buffer);
    if (!was_set) {
        ext2_damaged(fs, "block %u was freed twice (two pointers to it)", block);
        return 0;
    }
    if (fs->groups[group].free_blocks < fs->blocks_per_group)
        fs->groups[group].free_blocks++;
    if (fs->free_blocks < fs->blocks_count)
        fs->free_blocks++;
    ext2_group_store(fs, group);
    ext2_super_store(fs, 0);
    return 1;
}

uint32_t ext2_group_of_inode(const struct ext2_fs *fs, uint32_t number)
{
    return (number - 1) / fs->inodes_per_group;
}

/* Where a new directory goes: spread over the groups, a group with at
 * least the average of free inodes and the fewest directories (as the
 * Orlov allocator of Linux does, much simplified). */
static uint32_t group_for_directory(const struct ext2_fs *fs, uint32_t parent_group)
{
    uint32_t average_free = fs->free_inodes / fs->group_count;
    uint32_t best = parent_group;
    int found = 0;
    for (uint32_t group = 0; group < fs->group_count; group++) {
        const struct ext2_group *g = &fs->groups[group];
        if (g->free_inodes == 0 || g->free_inodes < average_free)
            continue;
        if (!found || g->used_directories < fs->groups[best].used_directories ||
            (g->used_directories == fs->groups[best].used_directories &&
             g->free_blocks > fs->groups[best].free_blocks)) {
            best = group;
            found = 1;
        }
    }
    return best;
}

int ext2_inode_allocate(struct ext2_fs *fs, uint32_t parent_number, int directory, uint32_t *result)
{
    if (fs->free_inodes == 0)
        return -ENOSPC;
    uint32_t parent_group = ext2_group_of_inode(fs, parent_number);
    uint32_t first_group = directory ? group_for_directory(fs, parent_group) : parent_group;
    for (uint32_t i = 0; i < fs->group_count; i++) {
        uint32_t group = (first_group + i) % fs->group_count;
        struct ext2_group *g = &fs->groups[group];
        if (g->free_inodes == 0)
            continue;
        /* never the reserved inodes (below first_inode), whatever the bitmap says */
        uint32_t from = 0;
        if (group * fs->inodes_per_group + 1 < fs->first_inode)
            from = fs->first_inode - 1 - group * fs->inodes_per_group;
        if (from >= fs->inodes_per_group)
            continue;
        uint32_t bit;
        int status = take_bit(fs, g->inode_bitmap, from, from, fs->inodes_per_group, &bit);
        if (status == -ENOSPC)
            continue;
        if (status < 0)
            return status;
        uint32_t number = group * fs->inodes_per_group + bit + 1;
        g->free_inodes--;
        fs->free_inodes--;
        if (directory)
            g->used_directories++;
        ext2_group_store(fs, group);
        ext2_super_store(fs, 0);
        *result = number;
        return 0;
    }
    return -ENOSPC;
}

/* Rule 3: no entry on the disk names `number` any more, and its inode is
 * written dead (links 0, dtime set). */
void ext2_inode_number_free(struct ext2_fs *fs, uint32_t number, int directory)
{
    if (number == 0 || number > fs->inodes_count)
        return;                       /* never loaded: ext2_inode_get checks the numbers */
    uint32_t group = ext2_group_of_inode(fs, number);
    uint32_t bit = (number - 1) % fs->inodes_per_group;
    struct block_buffer *buffer;
    if (ext2_read_block(fs, fs->groups[group].inode_bitmap, &buffer) < 0)
        return;
    int was_set = clear_bit(buffer->data, bit);
    block_mark_dirty(buffer);
    block_release(buffer);
    if (!was_set) {
        ext2_damaged(fs, "inode %u was freed twice", number);
        return;
    }
    struct ext2_group *g = &fs->groups[group];
    if (g->free_inodes < fs->inodes_per_group)
        g->free_inodes++;
    if (fs->free_inodes < fs->inodes_count)
        fs->free_inodes++;
    if (directory && g->used_directories)
        g->used_directories--;
    ext2_group_store(fs, group);
    ext2_super_store(fs, 0);
}

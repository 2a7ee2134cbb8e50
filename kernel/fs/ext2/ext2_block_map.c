/* kernel/fs/ext2/ext2_block_map.c - which disk block holds block n of a
 * file: the map in i_block.
 *
 *   i_block[0..11] ---------------------------------> data (blocks 0-11)
 *   i_block[12] -> [P pointers] --------------------> data (next P blocks)
 *   i_block[13] -> [P pointers] -> [P] -------------> data (next P*P)
 *   i_block[14] -> [P pointers] -> [P] -> [P] ------> data (next P*P*P)
 *
 * P = block size / 4. A zero pointer is a hole: it reads as zeros, and
 * below a zero pointer to an indirect block everything is a hole.
 *
 * Rule 1 (ext2_internal.h): a new indirect block is zeroed and written to
 * the disk before the pointer to it is set, in memory and so on the disk.
 * Rule 3: truncation clears the pointers on the disk (deepest block
 * first, the inode last) before the bitmap frees what they pointed to.
 *
 * Every pointer is checked before it is followed (check_pointer): a
 * damaged one gives -EIO. The walk down is three levels at most, and
 * freeing a subtree follows a block only after its bit was set and is now
 * cleared, so pointers that loop or share blocks free each block once. */
#include "ext2_internal.h"

#include "fs/block_cache.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "uapi/errno.h"

#define PATH_DEPTH_MAX 4              /* i_block, then up to three indirect blocks */

/* The indices that lead to file block `n`: offsets[0] in i_block, then
 * one per indirect block. The number of indirect blocks on the way (0-3),
 * or -EFBIG past the triple indirect block's reach. */
static int path_of(const struct ext2_fs *fs, uint32_t n, uint32_t offsets[PATH_DEPTH_MAX])
{
    uint64_t block = n;
    if (block < EXT2_DIRECT_BLOCKS) {
        offsets[0] = (uint32_t)block;
        return 0;
    }
    // LAB(ext2_block_map) BEGIN: the indices through the single, double and triple indirect blocks
    uint64_t p = fs->pointers_per_block;
    block -= EXT2_DIRECT_BLOCKS;
    if (block < p) {
        offsets[0] = EXT2_SINGLE_INDIRECT;
        offsets[1] = (uint32_t)block;
        return 1;
    }
    block -= p;
    if (block < p * p) {
        offsets[0] = EXT2_DOUBLE_INDIRECT;
        offsets[1] = (uint32_t)(block / p);
        offsets[2] = (uint32_t)(block % p);
        return 2;
    }
    block -= p * p;
    if (block < p * p * p) {
        offsets[0] = EXT2_TRIPLE_INDIRECT;
        offsets[1] = (uint32_t)(block / (p * p));
        offsets[2] = (uint32_t)(block / p % p);
        offsets[3] = (uint32_t)(block % p);
        return 3;
    }
    return -EFBIG;
    // LAB(ext2_block_map) STUB
    // (void)fs;
    // return -EFBIG;                  /* only the direct blocks: a file holds 12 blocks at most */
    // LAB(ext2_block_map) END
}

/* Guards against a pointer of `inode`'s map (in i_block or an indirect
 * block) that a damaged disk made: past the disk, or on its metadata. 0
 * (a hole, or a data block), or -EIO (logged). */
static int check_pointer(struct inode *inode, uint32_t block)
{
    if (block == 0 || ext2_block_is_data(ext2_of(inode), block))
        return 0;
    return ext2_damaged(ext2_of(inode), "inode %u points to block %u, which holds no file's data", inode->number,
                        block);
}

// LAB(ext2_block_map) BEGIN: read one pointer of an indirect block, checked
/* Entry `index` of indirect block `block` of `inode`, checked. 0 or -EIO. */
static int read_pointer(struct inode *inode, uint32_t block, uint32_t index, uint32_t *result)
{
    struct block_buffer *buffer;
    int status = ext2_read_block(ext2_of(inode), block, &buffer);
    if (status < 0)
        return status;
    *result = ((const uint32_t *)buffer->data)[index];
    block_release(buffer);
    return check_pointer(inode, *result);
}
// LAB(ext2_block_map) STUB
// LAB(ext2_block_map) END

int ext2_block_map_find(struct inode *inode, uint32_t file_block, uint32_t *disk_block)
{
    struct ext2_fs *fs = ext2_of(inode);
    uint32_t offsets[PATH_DEPTH_MAX];
    int depth = path_of(fs, file_block, offsets);
    if (depth < 0)
        return depth;
    uint32_t pointer = ext2_info(inode)->block[offsets[0]];
    int status = check_pointer(inode, pointer);
    // LAB(ext2_block_map) BEGIN: follow the pointers down through `depth` indirect blocks
    for (int level = 1; status == 0 && level <= depth && pointer; level++)
        status = read_pointer(inode, pointer, offsets[level], &pointer);
    // LAB(ext2_block_map) STUB
    // if (depth > 0)
    //     status = -EFBIG;            /* the indirect blocks are not followed */
    // LAB(ext2_block_map) END
    if (status < 0)
        return status;
    *disk_block = pointer;
    return 0;
}

/* Sets the goal of an inode read from the disk (last_block 0: nothing
 * allocated for it since) at its first allocation, for `file_block`: the
 * disk block of the file block before it, so that an append lands next
 * to the file's end; else its last direct block; else its group's inode
 * table, as for a new inode (ext2_inode_new). */
static void find_goal_once(struct inode *inode, uint32_t file_block)
{
    struct ext2_fs *fs = ext2_of(inode);
    struct ext2_inode_info *info = ext2_info(inode);
    if (info->last_block)
        return;
    uint32_t previous = 0;
    if (file_block > 0 && ext2_block_map_find(inode, file_block - 1, &previous) < 0)
        previous = 0;                 /* a damaged map (logged): any goal serves */
    for (int i = EXT2_DIRECT_BLOCKS - 1; i >= 0 && !previous; i--)
        if (ext2_block_is_data(fs, info->block[i]))
            previous = info->block[i];
    info->last_block = previous ? previous : fs->groups[ext2_group_of_inode(fs, inode->number)].inode_table;
}

/* Allocates a block for `inode`'s `file_block` (or an indirect block on
 * its way) after the last one allocated, counted in i_blocks. */
static int allocate_near(struct inode *inode, uint32_t file_block, uint32_t *result)
{
    struct ext2_fs *fs = ext2_of(inode);
    struct ext2_inode_info *info = ext2_info(inode);
    find_goal_once(inode, file_block);
    int status = ext2_block_allocate(fs, info->last_block + 1, result);
    if (status < 0)
        return status;
    info->last_block = *result;
    info->blocks_512 += fs->block_size / EXT2_BLOCKS_UNIT;
    return 0;
}

// LAB(ext2_block_map) BEGIN: a new indirect block, zeroed on the disk (rule 1)
/* A new indirect block on the way to `file_block`, all zeros, already on
 * the disk (rule 1). */
static int new_indirect_block(struct inode *inode, uint32_t file_block, uint32_t *result)
{
    struct ext2_fs *fs = ext2_of(inode);
    int status = allocate_near(inode, file_block, result);
    if (status < 0)
        return status;
    struct block_buffer *buffer;
    status = block_get_zeroed(fs->device, *result, fs->block_size, &buffer);
    if (status == 0) {
        status = block_write_now(buffer);   /* rule 1: zeroed on the disk before it is pointed to */
        block_release(buffer);
    }
    if (status < 0) {
        ext2_block_free(fs, *result);        /* nothing points to it */
        ext2_info(inode)->blocks_512 -= fs->block_size / EXT2_BLOCKS_UNIT;
    }
    return status;
}
// LAB(ext2_block_map) STUB
// LAB(ext2_block_map) END

int ext2_block_map_prepare(struct inode *inode, uint32_t file_block)
{
    uint32_t offsets[PATH_DEPTH_MAX];
    int depth = path_of(ext2_of(inode), file_block, offsets);
    if (depth <= 0)
        return depth;
    // LAB(ext2_block_map) BEGIN: make the indirect blocks on the way that are missing (rule 1)
    struct ext2_fs *fs = ext2_of(inode);
    struct ext2_inode_info *info = ext2_info(inode);
    int status = check_pointer(inode, info->block[offsets[0]]);
    if (status < 0)
        return status;
    if (!info->block[offsets[0]]) {
        uint32_t fresh;
        status = new_indirect_block(inode, file_block, &fresh);
        if (status < 0)
            return status;
        info->block[offsets[0]] = fresh;     /* rule 1: set after the block was written */
        ext2_inode_store(inode, 0);
    }
    uint32_t block = info->block[offsets[0]];
    for (int level = 1; level < depth; level++) {
        struct block_buffer *buffer;
        status = ext2_read_block(fs, block, &buffer);
        if (status < 0)
            return status;
        uint32_t *pointers = (uint32_t *)buffer->data;
        status = check_pointer(inode, pointers[offsets[level]]);
        if (status < 0) {
            block_release(buffer);
            return status;
        }
        if (!pointers[offsets[level]]) {
            uint32_t fresh;
            status = new_indirect_block(inode, file_block, &fresh);
            if (status < 0) {
                block_release(buffer);
                return status;
            }
            pointers[offsets[level]] = fresh;   /* rule 1: set after the block was written */
            block_mark_dirty(buffer);
        }
        block = pointers[offsets[level]];
        block_release(buffer);
    }
    return 0;
    // LAB(ext2_block_map) STUB
    // return -EFBIG;                  /* no indirect blocks are made */
    // LAB(ext2_block_map) END
}

int ext2_block_map_allocate_data(struct inode *inode, uint32_t file_block, uint32_t *disk_block)
{
    return allocate_near(inode, file_block, disk_block);
}

int ext2_block_map_set(struct inode *inode, uint32_t file_block, uint32_t disk_block, int write_now)
{
    struct ext2_fs *fs = ext2_of(inode);
    struct ext2_inode_info *info = ext2_info(inode);
    uint32_t offsets[PATH_DEPTH_MAX];
    int depth = path_of(fs, file_block, offsets);
    if (depth < 0)
        return depth;
    if (depth == 0) {
        info->block[offsets[0]] = disk_block;   /* the caller stores the inode */
        return 0;
    }
    // LAB(ext2_block_map) BEGIN: set the pointer in the last indirect block on the way
    uint32_t block = info->block[offsets[0]];
    int status = check_pointer(inode, block);
    for (int level = 1; status == 0 && block && level < depth; level++)
        status = read_pointer(inode, block, offsets[level], &block);
    if (status == 0 && block == 0)   /* prepared, yet gone: written over (a bitmap called it free) */
        status = ext2_damaged(fs, "inode %u lost an indirect block on the way to its block %u", inode->number,
                              file_block);
    if (status < 0)
        return status;
    struct block_buffer *buffer;
    status = ext2_read_block(fs, block, &buffer);
    if (status < 0)
        return status;
    ((uint32_t *)buffer->data)[offsets[depth]] = disk_block;
    return ext2_store_block(buffer, write_now);
    // LAB(ext2_block_map) STUB
    // (void)write_now;
    // return -EFBIG;                  /* no pointer is set in an indirect block */
    // LAB(ext2_block_map) END
}

/* Frees `block` and, when it is an indirect block of `depth` levels,
 * everything below it. Rule 3: nothing on the disk points to it now, so
 * the order of the bits cleared does not matter, and its own bit goes
 * first: a block that was not ours to free (damaged pointers: a loop, a
 * block named twice, metadata) is not followed. */
static void free_subtree(struct inode *inode, uint32_t block, int depth)
{
    struct ext2_fs *fs = ext2_of(inode);
    struct ext2_inode_info *info = ext2_info(inode);
    if (!ext2_block_free(fs, block))
        return;
    uint32_t sectors = fs->block_size / EXT2_BLOCKS_UNIT;
    info->blocks_512 = info->blocks_512 > sectors ? info->blocks_512 - sectors : 0;
    // LAB(ext2_block_map) BEGIN: and, for an indirect block, every block below it
    struct block_buffer *buffer;
    if (depth == 0 || ext2_read_block(fs, block, &buffer) < 0)
        return;
    const uint32_t *pointers = (const uint32_t *)buffer->data;
    for (uint32_t i = 0; i < fs->pointers_per_block; i++)
        if (pointers[i])
            free_subtree(inode, pointers[i], depth - 1);
    block_release(buffer);
    // LAB(ext2_block_map) STUB
    // (void)depth;                    /* only data blocks are freed: there are no indirect blocks */
    // LAB(ext2_block_map) END
}

// LAB(ext2_block_map) BEGIN: cut the indirect trees at the new end of the file
/* Blocks of the file one pointer of an indirect block of `depth` levels covers. */
static uint64_t span_of_entry(const struct ext2_fs *fs, int depth)
{
    uint64_t span = 1;
    for (int level = 1; level < depth; level++)
        span *= fs->pointers_per_block;
    return span;
}

/* Cuts indirect block `block` (`depth` levels; its first pointer covers
 * file block `base`) so that it maps nothing from `first_freed` on. It is
 * partly kept, so it stays. Rule 3: its children are cut and written
 * first, then it, and only then are the subtrees it dropped freed. */
static int truncate_branch(struct inode *inode, uint32_t block, int depth, uint64_t base, uint32_t first_freed)
{
    struct ext2_fs *fs = ext2_of(inode);
    uint64_t span = span_of_entry(fs, depth);
    uint32_t first_dropped = (uint32_t)((first_freed - base + span - 1) / span);   /* wholly past the cut */
    if (first_dropped > 0 && depth > 1) {
        /* the entry the cut falls inside is partly kept: cut it first */
        uint32_t partial = first_dropped - 1;
        uint32_t child;
        int status = read_pointer(inode, block, partial, &child);
        if (status < 0)
            return status;
        if (child && base + (uint64_t)partial * span < first_freed &&
            base + (uint64_t)(partial + 1) * span > first_freed) {
            status = truncate_branch(inode, child, depth - 1, base + (uint64_t)partial * span, first_freed);
            if (status < 0)
                return status;
        }
    }
    if (first_dropped >= fs->pointers_per_block)
        return 0;
    uint32_t count = fs->pointers_per_block - first_dropped;
    uint32_t *dropped = kmalloc(count * sizeof *dropped);
    if (!dropped)
        return -ENOMEM;
    struct block_buffer *buffer;
    int status = ext2_read_block(fs, block, &buffer);
    if (status < 0) {
        kfree(dropped);
        return status;
    }
    uint32_t *pointers = (uint32_t *)buffer->data + first_dropped;
    memcpy(dropped, pointers, count * sizeof *dropped);
    memset(pointers, 0, count * sizeof *dropped);
    status = block_write_now(buffer);   /* rule 3: the pointers leave the disk first */
    block_release(buffer);
    if (status == 0)
        for (uint32_t i = 0; i < count; i++)
            if (dropped[i])
                free_subtree(inode, dropped[i], depth - 1);
    kfree(dropped);
    return status;
}

/* Cuts `inode`'s indirect trees so that they map nothing from file block
 * `first_freed` on: a tree wholly past the cut leaves i_block, in memory
 * only (the caller frees it once the inode is on the disk: rule 3); a tree
 * the cut falls inside is cut on the disk now (truncate_branch). 0, or
 * -EIO, -ENOMEM. */
static int cut_indirect_trees(struct inode *inode, uint32_t first_freed)
{
    struct ext2_fs *fs = ext2_of(inode);
    struct ext2_inode_info *info = ext2_info(inode);
    uint64_t base = EXT2_DIRECT_BLOCKS;   /* the first file block the tree maps */
    for (int depth = 1; depth <= 3; depth++) {
        uint32_t slot = EXT2_DIRECT_BLOCKS + depth - 1;
        uint64_t span = span_of_entry(fs, depth) * fs->pointers_per_block;
        uint32_t root = info->block[slot];
        if (root && base >= first_freed) {
            info->block[slot] = 0;
        } else if (root && base + span > first_freed) {
            int status = check_pointer(inode, root);
            if (status == 0)
                status = truncate_branch(inode, root, depth, base, first_freed);
            if (status < 0)
                return status;
        }
        base += span;
    }
    return 0;
}
// LAB(ext2_block_map) STUB
// LAB(ext2_block_map) END

int ext2_block_map_truncate(struct inode *inode, uint32_t first_freed)
{
    struct ext2_inode_info *info = ext2_info(inode);
    uint32_t old[EXT2_BLOCK_POINTERS];
    memcpy(old, info->block, sizeof old);
    // LAB(ext2_block_map) BEGIN: cut the indirect trees (and so free the blocks past the 12th)
    int status = cut_indirect_trees(inode, first_freed);
    // LAB(ext2_block_map) STUB
    // int status = 0;
    // for (uint32_t slot = EXT2_DIRECT_BLOCKS; slot < EXT2_BLOCK_POINTERS; slot++)
    //     if (info->block[slot])
    //         status = -EFBIG;        /* a file with indirect blocks is left whole */
    // LAB(ext2_block_map) END
    if (status < 0)
        return status;
    for (uint32_t i = first_freed; i < EXT2_DIRECT_BLOCKS; i++)
        info->block[i] = 0;
    /* rule 3: the inode's pointers (and its new size) reach the disk
     * before any block they named is freed */
    status = ext2_inode_store(inode, 1);
    if (status < 0)
        return status;
    /* what left i_block: direct blocks, and whole indirect trees */
    for (uint32_t slot = 0; slot < EXT2_BLOCK_POINTERS; slot++)
        if (old[slot] && !info->block[slot])
            free_subtree(inode, old[slot], slot < EXT2_DIRECT_BLOCKS ? 0 : (int)(slot - EXT2_DIRECT_BLOCKS + 1));
    return ext2_inode_store(inode, 0);   /* i_blocks, lowered by the frees: later */
}

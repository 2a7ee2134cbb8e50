/* kernel/fs/ext2/ext2_file.c - the bytes of a regular file: read, write,
 * truncate, and making them durable (fsync).
 *
 * File data goes through the block cache and is written back later
 * (block_mark_dirty): at sync, fsync, umount, or by the flusher. A block
 * past the end of the file holds zeros on the disk or is a hole, so that a
 * file that grows again reads zeros there: truncate zeroes the tail of the
 * block the new end falls in, and frees the blocks after it. */
#include "ext2_internal.h"

#include "fs/block_cache.h"
#include "lib/string.h"
#include "uapi/errno.h"

static const uint8_t zero_block[BLOCK_SIZE_MAX];   /* what a hole reads as */

int ext2_file_read(struct inode *inode, uint32_t offset, void *buffer, uint32_t size, int to_user)
{
    struct ext2_fs *fs = ext2_of(inode);
    if (offset >= inode->size)
        return 0;
    if (size > inode->size - offset)
        size = inode->size - offset;
    uint32_t done = 0;
    while (done < size) {
        uint32_t position = offset + done;
        uint32_t within = position % fs->block_size;
        uint32_t chunk = fs->block_size - within;
        if (chunk > size - done)
            chunk = size - done;
        uint32_t disk_block;
        int status = ext2_block_map_find(inode, position / fs->block_size, &disk_block);
        struct block_buffer *block = 0;
        if (status == 0 && disk_block)
            status = ext2_read_block(fs, disk_block, &block);
        if (status == 0)
            status = ext2_copy_out((uint8_t *)buffer + done, block ? block->data + within : zero_block, chunk,
                                   to_user);
        if (block)
            block_release(block);
        if (status < 0)
            return done ? (int)done : status;
        done += chunk;
    }
    return (int)done;
}

/* Gives file block `file_block` (a hole) a new block filled with `chunk`
 * bytes from the user at `within`, zeros around them. 0, or -ENOSPC,
 * -EFAULT, -EIO with nothing changed on the disk. */
static int write_new_block(struct inode *inode, uint32_t file_block, uint32_t within, const uint8_t *user_source,
                           uint32_t chunk)
{
    struct ext2_fs *fs = ext2_of(inode);
    int status = ext2_block_map_prepare(inode, file_block);   /* indirect blocks: rule 1 inside */
    uint32_t disk_block;
    if (status == 0)
        status = ext2_block_map_allocate_data(inode, file_block, &disk_block);
    if (status < 0)
        return status;
    struct block_buffer *block;
    status = block_get_zeroed(fs->device, disk_block, fs->block_size, &block);
    if (status == 0) {
        status = ext2_copy_in(block->data + within, user_source, chunk);
        if (status == 0)
            block_mark_dirty(block);  /* data: written later */
        block_release(block);
    }
    if (status == 0)
        status = ext2_block_map_set(inode, file_block, disk_block, 0);
    if (status < 0) {
        ext2_block_free(fs, disk_block);   /* never pointed to */
        ext2_info(inode)->blocks_512 -= fs->block_size / EXT2_BLOCKS_UNIT;
    }
    return status;
}

int ext2_file_write(struct inode *inode, uint32_t offset, const void *user_buffer, uint32_t size)
{
    struct ext2_fs *fs = ext2_of(inode);
    if (fs->read_only)
        return -EROFS;
    if (ext2_info(inode)->size_high || (size && offset >= EXT2_FILE_SIZE_MAX))
        return -EFBIG;
    if (size > EXT2_FILE_SIZE_MAX - offset)
        size = EXT2_FILE_SIZE_MAX - offset;
    uint32_t done = 0;
    int status = 0;
    while (done < size) {
        uint32_t position = offset + done;
        uint32_t within = position % fs->block_size;
        uint32_t chunk = fs->block_size - within;
        if (chunk > size - done)
            chunk = size - done;
        const uint8_t *source = (const uint8_t *)user_buffer + done;
        uint32_t disk_block;
        status = ext2_block_map_find(inode, position / fs->block_size, &disk_block);
        if (status == 0 && !disk_block) {
            status = write_new_block(inode, position / fs->block_size, within, source, chunk);
        } else if (status == 0) {
            struct block_buffer *block;
            status = ext2_read_block(fs, disk_block, &block);
            if (status == 0) {
                status = ext2_copy_in(block->data + within, source, chunk);
                block_mark_dirty(block);   /* data: written later */
                block_release(block);
            }
        }
        if (status < 0)
            break;
        done += chunk;
        if (offset + done > inode->size)
            inode->size = offset + done;
    }
    if (done) {
        ext2_touch(inode, 1);
        ext2_inode_store(inode, 0);   /* size and direct pointers: later (their blocks need no order) */
    }
    return done ? (int)done : status;
}

/* Zeroes the bytes of the block holding `size` that lie past it. */
static int zero_tail(struct inode *inode, uint32_t size)
{
    struct ext2_fs *fs = ext2_of(inode);
    uint32_t within = size % fs->block_size;
    if (within == 0)
        return 0;
    uint32_t disk_block;
    int status = ext2_block_map_find(inode, size / fs->block_size, &disk_block);
    if (status < 0 || !disk_block)
        return status;
    struct block_buffer *block;
    status = ext2_read_block(fs, disk_block, &block);
    if (status < 0)
        return status;
    memset(block->data + within, 0, fs->block_size - within);
    block_mark_dirty(block);
    block_release(block);
    return 0;
}

int ext2_file_truncate(struct inode *inode, uint32_t size)
{
    struct ext2_fs *fs = ext2_of(inode);
    if (fs->read_only)
        return -EROFS;
    if (ext2_info(inode)->size_high || size > EXT2_FILE_SIZE_MAX)
        return -EFBIG;
    ext2_touch(inode, 1);             /* even to the same size, as Linux's ftruncate and O_TRUNC */
    if (size == inode->size)
        return ext2_inode_store(inode, 0);
    if (size > inode->size) {
        inode->size = size;           /* the blocks past the old end are holes */
        return ext2_inode_store(inode, 0);
    }
    int status = zero_tail(inode, size);
    if (status < 0)
        return status;
    inode->size = size;
    /* rule 3 inside: the pointers leave the disk before the blocks are freed */
    return ext2_block_map_truncate(inode, (size + fs->block_size - 1) / fs->block_size);
}

int ext2_file_changed(struct inode *inode)
{
    if (ext2_of(inode)->read_only)
        return 0;                     /* nothing may reach a read-only disk */
    return ext2_inode_store(inode, 0);
}

/* fsync(2): the whole device's dirty blocks, a superset of this file's. */
int ext2_file_fsync(struct inode *inode)
{
    struct ext2_fs *fs = ext2_of(inode);
    if (!fs->read_only) {
        int status = ext2_inode_store(inode, 0);
        if (status == 0)
            status = ext2_super_store(fs, 0);
        if (status < 0)
            return status;
    }
    return block_cache_sync(fs->device);
}

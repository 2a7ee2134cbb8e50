/* kernel/fs/ext2/ext2_namei.c - names: create, link, unlink, rename,
 * symlink and readlink.
 *
 * These are the operations whose writes the crash rules order
 * (ext2_internal.h): each names its steps' rules. In short, on the disk
 *   - a new inode becomes live (links > 0) only after its entry is there;
 *   - an inode is written dead, or with one link fewer, before its entry
 *     goes; its blocks and its number are freed only after both;
 *   - a moved name exists twice for a moment, never zero times, and the
 *     inode's count is raised over that moment.
 * So a crash leaves at worst an entry naming a dead inode, a count too
 * high (or, mid-rename, one too low) and bitmaps to recount: all things
 * e2fsck -p repairs alone. One thing ordered writes cannot make safe is a
 * directory moving to another parent: its entry, the old one and its ".."
 * lie in three blocks, and a crash between them leaves a directory named
 * twice or with a wrong ".." (e2fsck asks: run it without -p). */
#include "ext2_internal.h"

#include "fs/block_cache.h"
#include "lib/string.h"
#include "uapi/errno.h"

/* Makes the directory entry `name` -> `inode` in `directory`, then makes
 * the inode live with `links`: rule 2. On failure nothing names it, and
 * the caller discards it. */
static int name_new_inode(struct inode *directory, const char *name, struct inode *inode, unsigned links)
{
    int status = ext2_dir_add(directory, name, inode);   /* the entry first ... */
    if (status < 0)
        return status;
    inode->links = links;
    return ext2_inode_store(inode, 1);                   /* ... then the inode, live (rule 2) */
}

/* A subdirectory of `directory` went, and its ".." with it. A count
 * that says it had none (2: its name and its ".") is damaged: it is not
 * lowered, so that the directory never looks dead while it is named. */
static void drop_parent_link(struct inode *directory)
{
    if (directory->links > 2)
        directory->links--;
    ext2_inode_store(directory, 0);
}

/* Frees the blocks of a new inode that never reached the disk, and it. */
static void discard_unnamed(struct inode *inode)
{
    struct ext2_fs *fs = ext2_of(inode);
    struct ext2_inode_info *info = ext2_info(inode);
    if (inode->type == INODE_DIRECTORY || (inode->type == INODE_SYMLINK && info->blocks_512))
        ext2_block_free(fs, info->block[0]);   /* rule 3: the inode holding the pointer never reached the disk */
    ext2_inode_discard_new(inode);
}

int ext2_create(struct inode *directory, const char *name, enum inode_type type, uint32_t permissions,
                unsigned uid, unsigned gid, struct inode **result)
{
    struct ext2_fs *fs = ext2_of(directory);
    if (fs->read_only)
        return -EROFS;
    if (strlen(name) > EXT2_NAME_MAX)
        return -ENAMETOOLONG;
    if (type == INODE_DEVICE)
        return -EPERM;                /* device files are made on the host, not here */
    if (type == INODE_DIRECTORY && directory->links >= EXT2_LINK_MAX)
        return -EMLINK;
    struct inode *inode;
    int status = ext2_inode_new(fs, directory, type, permissions, uid, gid, &inode);
    if (status < 0)
        return status;
    if (type == INODE_DIRECTORY) {
        status = ext2_dir_make_first_block(inode, directory);   /* "." and "..": rule 1 inside */
        if (status < 0) {
            ext2_inode_discard_new(inode);
            return status;
        }
        directory->links++;           /* its ".." names the parent: counted before it exists (too high is safe) */
        status = ext2_inode_store(directory, 1);
    }
    if (status == 0)
        status = name_new_inode(directory, name, inode, type == INODE_DIRECTORY ? 2 : 1);
    if (status < 0 && inode->links == 0) {
        if (type == INODE_DIRECTORY)
            drop_parent_link(directory);
        discard_unnamed(inode);
        return status;
    }
    *result = inode;
    return status;
}

int ext2_link(struct inode *directory, const char *name, struct inode *inode)
{
    struct ext2_fs *fs = ext2_of(directory);
    if (fs->read_only)
        return -EROFS;
    if (inode->links >= EXT2_LINK_MAX)
        return -EMLINK;
    inode->links++;
    ext2_touch(inode, 0);
    int status = ext2_inode_store(inode, 1);   /* the count before the entry: too high is safe */
    if (status == 0)
        status = ext2_dir_add(directory, name, inode);
    if (status < 0) {
        inode->links--;
        ext2_inode_store(inode, 1);
    }
    return status;
}

/* The entry `name` in `directory`, which must name `inode`. */
static int find_entry_of(struct inode *directory, const char *name, struct inode *inode,
                         struct ext2_entry_place *place)
{
    int status = ext2_dir_find(directory, name, place);
    if (status == 0 && place->inode != inode->number)
        status = -ENOENT;
    if (status == 0 && inode->links == 0)   /* ext2_inode_get refuses such an inode: never so */
        status = ext2_damaged(ext2_of(inode), "inode %u has more entries than its link count", inode->number);
    return status;
}

/* One name of `inode` is going: its count drops (a directory's to 0) and
 * is written before the entry goes (rule 2). */
static int drop_link_before_entry(struct inode *inode)
{
    if (inode->type == INODE_DIRECTORY)
        inode->links = 0;             /* its name and its own "." */
    else
        inode->links--;
    ext2_touch(inode, 0);
    return ext2_inode_store(inode, 1);
}

/* After the entry of `inode` went: a directory no longer counts in its
 * parent's links, and a node nothing refers to is freed. */
static void after_entry_removed(struct inode *directory, struct inode *inode)
{
    if (inode->type == INODE_DIRECTORY) {
        drop_parent_link(directory);  /* its ".." is gone */
        inode->parent = inode;        /* its old parent may go too: never point there */
    }
    ext2_inode_release_if_unused(inode);   /* evict: blocks and number freed (rule 3 inside) */
}

int ext2_unlink(struct inode *directory, const char *name, struct inode *inode)
{
    struct ext2_fs *fs = ext2_of(directory);
    if (fs->read_only)
        return -EROFS;
    struct ext2_entry_place place;
    int status = find_entry_of(directory, name, inode, &place);
    if (status < 0)
        return status;
    status = drop_link_before_entry(inode);   /* rule 2: dead (or one fewer) first */
    if (status == 0)
        status = ext2_dir_remove(directory, &place);
    if (status < 0) {
        inode->links = inode->type == INODE_DIRECTORY ? 2 : inode->links + 1;
        ext2_inode_store(inode, 1);
        return status;
    }
    after_entry_removed(directory, inode);
    return 0;
}

int ext2_rename(struct inode *old_directory, const char *old_name, struct inode *new_directory,
                const char *new_name, struct inode *moving, struct inode *replaced)
{
    struct ext2_fs *fs = ext2_of(old_directory);
    if (fs->read_only)
        return -EROFS;
    if (replaced == moving)
        return 0;                     /* two names of one file: rename does nothing */
    int moving_directory = moving->type == INODE_DIRECTORY;
    int across = old_directory != new_directory;
    if (moving_directory && across && !replaced && new_directory->links >= EXT2_LINK_MAX)
        return -EMLINK;
    struct ext2_entry_place old_place, new_place = { 0 };
    int status = find_entry_of(old_directory, old_name, moving, &old_place);
    if (status < 0)
        return status;
    if (!across && !replaced) {
        /* Within one sector both names change in a single write (rule 5). */
        status = ext2_dir_rename_in_block(old_directory, &old_place, new_name, moving);
        if (status != 0) {
            ext2_touch(moving, 0);
            ext2_inode_store(moving, 0);
            return status < 0 ? status : 0;
        }
    }
    if (replaced) {
        status = find_entry_of(new_directory, new_name, replaced, &new_place);
        if (status == 0)
            status = drop_link_before_entry(replaced);   /* rule 2: before its entry changes */
        if (status < 0)
            return status;
    }
    moving->links++;                  /* rule 4: counts the two names it has for a moment */
    ext2_touch(moving, 0);
    status = ext2_inode_store(moving, 1);
    if (status == 0 && moving_directory && across) {
        new_directory->links++;       /* the ".." to come: counted first (too high is safe) */
        status = ext2_inode_store(new_directory, 1);
    }
    /* Both entries in one sector of one directory block: a single write
     * changes that sector alone (rule 5) and moves the name (no crash
     * sees a directory named twice). */
    int one_write = replaced && !across && new_place.file_block == old_place.file_block &&
                    ext2_sector_of(new_place.offset) == ext2_sector_of(old_place.offset);
    if (status == 0)                  /* rule 4: the new entry before the old one goes */
        status = replaced ? ext2_dir_retarget(new_directory, &new_place, moving, one_write ? &old_place : 0)
                          : ext2_dir_add(new_directory, new_name, moving);
    if (status < 0) {
        moving->links--;
        ext2_inode_store(moving, 1);
        if (moving_directory && across) {
            new_directory->links--;   /* raised above: at least 3 */
            ext2_inode_store(new_directory, 1);
        }
        if (replaced) {               /* its entry stays: it lives on */
            replaced->links = replaced->type == INODE_DIRECTORY ? 2 : replaced->links + 1;
            ext2_inode_store(replaced, 1);
        }
        return status;
    }
    if (!one_write) {
        /* the add may have moved the old entry's neighbours: find it again */
        status = find_entry_of(old_directory, old_name, moving, &old_place);
        if (status == 0)
            status = ext2_dir_remove(old_directory, &old_place);
    }
    moving->links--;
    ext2_inode_store(moving, 0);      /* too high until then: safe */
    if (status == 0 && moving_directory && across) {
        status = ext2_dir_set_parent(moving, new_directory);
        drop_parent_link(old_directory);
        moving->parent = new_directory;
    }
    if (replaced)
        after_entry_removed(new_directory, replaced);
    return status;
}

int ext2_symlink(struct inode *directory, const char *name, const char *target, unsigned uid, unsigned gid,
                 struct inode **result)
{
    struct ext2_fs *fs = ext2_of(directory);
    if (fs->read_only)
        return -EROFS;
    uint32_t length = strlen(target);
    if (strlen(name) > EXT2_NAME_MAX || length >= fs->block_size)
        return -ENAMETOOLONG;
    struct inode *inode;
    int status = ext2_inode_new(fs, directory, INODE_SYMLINK, EXT2_SYMLINK_PERMISSIONS, uid, gid, &inode);
    if (status < 0)
        return status;
    struct ext2_inode_info *info = ext2_info(inode);
    inode->size = length;
    if (length <= EXT2_FAST_SYMLINK_MAX) {
        memcpy(info->block, target, length);   /* a fast symlink: the target in i_block */
    } else {
        uint32_t disk_block;
        status = ext2_block_map_allocate_data(inode, 0, &disk_block);
        struct block_buffer *block;
        if (status == 0) {
            status = block_get_zeroed(fs->device, disk_block, fs->block_size, &block);
            if (status == 0) {
                memcpy(block->data, target, length);
                status = block_write_now(block);   /* rule 1: before the inode points to it */
                block_release(block);
            }
            if (status < 0)
                ext2_block_free(fs, disk_block);
            else
                info->block[0] = disk_block;
        }
        if (status < 0) {
            ext2_inode_discard_new(inode);
            return status;
        }
    }
    status = name_new_inode(directory, name, inode, 1);
    if (status < 0 && inode->links == 0) {
        discard_unnamed(inode);
        return status;
    }
    *result = inode;
    return status;
}

int ext2_readlink(struct inode *inode, char *buffer, uint32_t size)
{
    struct ext2_fs *fs = ext2_of(inode);
    struct ext2_inode_info *info = ext2_info(inode);
    uint32_t length = inode->size < size ? inode->size : size;
    uint32_t attribute_sectors = info->file_acl ? fs->block_size / EXT2_BLOCKS_UNIT : 0;
    if (info->blocks_512 <= attribute_sectors) {   /* fast: the target is in i_block */
        if (length > sizeof info->block)
            return ext2_damaged(fs, "symbolic link inode %u is longer than its inode holds", inode->number);
        memcpy(buffer, info->block, length);
        return (int)length;
    }
    uint32_t disk_block;
    int status = ext2_block_map_find(inode, 0, &disk_block);   /* the pointer checked */
    if (status == 0 && (!disk_block || length > fs->block_size))
        status = ext2_damaged(fs, "symbolic link inode %u has no block for its target", inode->number);
    struct block_buffer *block;
    if (status == 0)
        status = ext2_read_block(fs, disk_block, &block);
    if (status < 0)
        return status;
    memcpy(buffer, block->data, length);
    block_release(block);
    return (int)length;
}

/* kernel/fs/ext2/ext2_super.c - mounting an ext2 disk, and the superblock
 * and group descriptors while it is mounted.
 *
 * Mounting reads the superblock (byte 1024), checks that we understand the
 * disk, reads the group descriptors and the root inode, then marks the
 * disk "in use": s_state loses EXT2_VALID_FS until a clean unmount gives it
 * back, so a disk found without it was not unmounted (a crash, a power
 * cut), and e2fsck should look at it.
 *
 * The free counts live here and in each group's descriptor; the
 * allocator changes them in memory and they reach the disk later
 * (block_mark_dirty): a crash can leave them wrong, and e2fsck -p
 * recounts them without asking.
 *
 * Nothing read here is trusted: a superblock or a descriptor that makes
 * no sense refuses the mount with -EINVAL (check_geometry, check_group),
 * so that the rest of ext2 may rely on the numbers kept in struct
 * ext2_fs: no division by zero, no group or table outside the disk.
 * Damage found later is logged by ext2_damaged, and the superblock says
 * "errors found" (EXT2_ERROR_FS) from then on, so that e2fsck checks the
 * disk whole. */
#include "ext2_internal.h"

#include "fs/block_cache.h"
#include "fs/block_device.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "uapi/errno.h"
#include "uapi/mount.h"

#define DAMAGE_TEXT_MAX 160           /* one finding's words */

static const struct file_system_operations ext2_file_system_operations;

int ext2_damaged(struct ext2_fs *fs, const char *format, ...)
{
    if (fs->damage_reports < EXT2_DAMAGE_REPORTS_MAX) {
        char text[DAMAGE_TEXT_MAX];
        va_list args;
        va_start(args, format);
        vksnprintf(text, sizeof text, format, args);
        va_end(args);
        kprintf("ext2: %s is damaged: %s; run e2fsck\n", fs->device->name, text);
    } else if (fs->damage_reports == EXT2_DAMAGE_REPORTS_MAX) {
        kprintf("ext2: %s: more damage found, not shown\n", fs->device->name);
    }
    if (fs->damage_reports <= EXT2_DAMAGE_REPORTS_MAX)
        fs->damage_reports++;
    return -EIO;
}

int ext2_read_block(struct ext2_fs *fs, uint32_t block, struct block_buffer **result)
{
    if (block < fs->first_data_block || block >= fs->blocks_count)
        return -EIO;                  /* a damaged pointer: never read outside the file system */
    return block_read(fs->device, block, fs->block_size, result);
}

int ext2_store_block(struct block_buffer *buffer, int write_now)
{
    int status = 0;
    if (write_now)
        status = block_write_now(buffer);   /* a crash rule orders this write */
    else
        block_mark_dirty(buffer);           /* written back later */
    block_release(buffer);
    return status;
}

/* The superblock inside its block (held by the caller). */
static struct ext2_superblock *superblock_in(struct ext2_fs *fs, struct block_buffer *buffer)
{
    return (struct ext2_superblock *)(buffer->data + fs->superblock_offset);
}

/* Copies the counts to the superblock, and `state` if not 0, with the
 * mount or write times; written now or later. 0 or -EIO. */
static int superblock_update(struct ext2_fs *fs, int write_now, int mounting, int unmounting)
{
    struct block_buffer *buffer;
    int status = block_read(fs->device, fs->superblock_block, fs->block_size, &buffer);
    if (status < 0)
        return status;
    struct ext2_superblock *super = superblock_in(fs, buffer);
    super->s_free_blocks_count = fs->free_blocks;
    super->s_free_inodes_count = fs->free_inodes;
    if (mounting) {
        if (!(super->s_state & EXT2_VALID_FS))
            kprintf("ext2: %s was not cleanly unmounted; run e2fsck\n", fs->device->name);
        super->s_state &= ~EXT2_VALID_FS;
        super->s_mnt_count++;
        super->s_mtime = ext2_now();
    }
    if (unmounting) {
        super->s_state |= EXT2_VALID_FS;
        super->s_wtime = ext2_now();
    }
    if (fs->damage_reports)
        super->s_state |= EXT2_ERROR_FS;   /* e2fsck -p then checks it whole */
    return ext2_store_block(buffer, write_now);
}

int ext2_super_store(struct ext2_fs *fs, int write_now)
{
    return superblock_update(fs, write_now, 0, 0);
}

int ext2_group_store(struct ext2_fs *fs, uint32_t group)
{
    uint32_t per_block = fs->block_size / sizeof(struct ext2_group_descriptor);
    struct block_buffer *buffer;
    int status = block_read(fs->device, fs->descriptor_block + group / per_block, fs->block_size, &buffer);
    if (status < 0)
        return status;
    struct ext2_group_descriptor *descriptor =
        (struct ext2_group_descriptor *)buffer->data + group % per_block;
    descriptor->bg_free_blocks_count = fs->groups[group].free_blocks;
    descriptor->bg_free_inodes_count = fs->groups[group].free_inodes;
    descriptor->bg_used_dirs_count = fs->groups[group].used_directories;
    block_mark_dirty(buffer);         /* counts: written later */
    block_release(buffer);
    return 0;
}

/* The blocks of the group descriptor table. */
static uint32_t descriptor_blocks(const struct ext2_fs *fs)
{
    uint32_t per_block = fs->block_size / sizeof(struct ext2_group_descriptor);
    return (fs->group_count + per_block - 1) / per_block;
}

/* Guards against a superblock whose numbers make no sense: a block size
 * we cannot cache, a group of zero blocks or inodes (divisions), more
 * blocks than the disk has, counts that disagree (inodes outside every
 * group), a descriptor table past the disk, an inode size that splits
 * inodes across blocks. Fills `fs` from it. 0, or -EINVAL. */
static int check_geometry(struct ext2_fs *fs, const struct ext2_superblock *super)
{
    if (super->s_magic != EXT2_MAGIC || super->s_log_block_size > EXT2_MAX_BLOCK_LOG - EXT2_MIN_BLOCK_LOG ||
        super->s_rev_level > EXT2_DYNAMIC_REV)
        return -EINVAL;
    fs->block_size = EXT2_MIN_BLOCK_SIZE << super->s_log_block_size;
    fs->pointers_per_block = fs->block_size / sizeof(uint32_t);
    fs->blocks_count = super->s_blocks_count;
    fs->inodes_count = super->s_inodes_count;
    fs->first_data_block = super->s_first_data_block;
    fs->blocks_per_group = super->s_blocks_per_group;
    fs->inodes_per_group = super->s_inodes_per_group;
    uint32_t bits_per_block = fs->block_size * 8;   /* a group's bitmap is one block */
    if (fs->blocks_per_group == 0 || fs->blocks_per_group > bits_per_block || fs->inodes_per_group == 0 ||
        fs->inodes_per_group > bits_per_block)
        return -EINVAL;
    /* group 0 starts at the block holding the superblock, as mke2fs makes it */
    if (fs->first_data_block != EXT2_SUPERBLOCK_OFFSET / fs->block_size || fs->first_data_block >= fs->blocks_count ||
        fs->blocks_count > fs->device->sector_count / (fs->block_size / SECTOR_SIZE))
        return -EINVAL;
    fs->group_count = (fs->blocks_count - fs->first_data_block + fs->blocks_per_group - 1) / fs->blocks_per_group;
    if ((uint64_t)fs->inodes_count != (uint64_t)fs->group_count * fs->inodes_per_group)
        return -EINVAL;
    fs->superblock_block = EXT2_SUPERBLOCK_OFFSET / fs->block_size;
    fs->superblock_offset = EXT2_SUPERBLOCK_OFFSET % fs->block_size;
    fs->descriptor_block = fs->superblock_block + 1;
    if ((uint64_t)fs->descriptor_block + descriptor_blocks(fs) > fs->blocks_count)
        return -EINVAL;
    if (super->s_rev_level == EXT2_GOOD_OLD_REV) {
        fs->inode_size = EXT2_GOOD_OLD_INODE_SIZE;
        fs->first_inode = EXT2_GOOD_OLD_FIRST_INO;
    } else {
        fs->inode_size = super->s_inode_size;
        fs->first_inode = super->s_first_ino;
    }
    if (fs->inode_size < EXT2_GOOD_OLD_INODE_SIZE || fs->inode_size > fs->block_size ||
        (fs->inode_size & (fs->inode_size - 1)) || fs->first_inode <= EXT2_ROOT_INO ||
        fs->first_inode > fs->inodes_count)
        return -EINVAL;
    /* counts past the totals: a crash or damage; e2fsck recounts them */
    fs->reserved_blocks = super->s_r_blocks_count < fs->blocks_count ? super->s_r_blocks_count : fs->blocks_count;
    fs->free_blocks = super->s_free_blocks_count < fs->blocks_count ? super->s_free_blocks_count : fs->blocks_count;
    fs->free_inodes = super->s_free_inodes_count < fs->inodes_count ? super->s_free_inodes_count : fs->inodes_count;
    return 0;
}

/* Checks the superblock and fills `fs` from it; unknown features refuse
 * the mount or make it read-only (`flags`). 0, or -EINVAL. */
static int read_geometry(struct ext2_fs *fs, const struct ext2_superblock *super, uint32_t *flags)
{
    int status = check_geometry(fs, super);
    if (status < 0 || super->s_rev_level == EXT2_GOOD_OLD_REV)
        return status;                /* revision 0 has no features */
    if (super->s_feature_incompat & ~EXT2_FEATURE_INCOMPAT_SUPPORTED)
        return -EINVAL;               /* a layout we cannot read (extents, a journal to replay...) */
    if (super->s_feature_ro_compat & ~EXT2_FEATURE_RO_COMPAT_SUPPORTED)
        *flags |= MS_RDONLY;          /* we can read it, but writing could break what we don't know */
    fs->has_file_type = (super->s_feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE) != 0;
    return 0;
}

/* Reads the superblock into `fs` (through the cache, whose block size is
 * then set to the file system's). 0, -EINVAL or -EIO. */
static int read_superblock(struct ext2_fs *fs, uint32_t *flags)
{
    /* Read it as a 1 KiB block (block 1 of the disk) first: its block
     * size is not known yet. The cache takes one size per device, so
     * forget that block before reading in the file system's size. */
    struct block_buffer *buffer;
    int status = block_read(fs->device, EXT2_SUPERBLOCK_OFFSET / EXT2_SUPERBLOCK_SIZE, EXT2_SUPERBLOCK_SIZE,
                            &buffer);
    if (status < 0)
        return status;
    status = read_geometry(fs, (const struct ext2_superblock *)buffer->data, flags);
    block_release(buffer);
    block_cache_forget(fs->device);
    return status;
}

/* The blocks of one group's inode table. */
static uint32_t inode_table_blocks(const struct ext2_fs *fs)
{
    return (fs->inodes_per_group * fs->inode_size + fs->block_size - 1) / fs->block_size;
}

/* Guards against a descriptor that points outside its group (as Linux's
 * ext2 checks it): each group's bitmaps and inode table lie inside the
 * group, past the superblock and the descriptor table, apart from each
 * other. So a bitmap or table read never leaves the disk, and
 * ext2_block_is_data finds a group's metadata from its own descriptor.
 * Counts larger than the group are lowered (e2fsck recounts them).
 * 0, or -EINVAL. */
static int check_group(struct ext2_fs *fs, uint32_t group)
{
    struct ext2_group *g = &fs->groups[group];
    uint32_t first = fs->first_data_block + group * fs->blocks_per_group;
    uint32_t end = fs->blocks_count - first < fs->blocks_per_group ? fs->blocks_count : first + fs->blocks_per_group;
    if (first < fs->descriptor_block + descriptor_blocks(fs))
        first = fs->descriptor_block + descriptor_blocks(fs);   /* group 0: after its descriptors */
    uint32_t table_blocks = inode_table_blocks(fs);
    if (g->block_bitmap < first || g->block_bitmap >= end || g->inode_bitmap < first || g->inode_bitmap >= end ||
        g->inode_table < first || g->inode_table >= end || end - g->inode_table < table_blocks ||
        g->block_bitmap == g->inode_bitmap ||
        (g->block_bitmap >= g->inode_table && g->block_bitmap - g->inode_table < table_blocks) ||
        (g->inode_bitmap >= g->inode_table && g->inode_bitmap - g->inode_table < table_blocks))
        return -EINVAL;
    if (g->free_blocks > fs->blocks_per_group)
        g->free_blocks = fs->blocks_per_group;
    if (g->free_inodes > fs->inodes_per_group)
        g->free_inodes = fs->inodes_per_group;
    return 0;
}

/* Reads every group descriptor into fs->groups. 0, -EINVAL, -EIO, -ENOMEM. */
static int read_groups(struct ext2_fs *fs)
{
    fs->groups = kzalloc(fs->group_count * sizeof *fs->groups);
    if (!fs->groups)
        return -ENOMEM;
    uint32_t per_block = fs->block_size / sizeof(struct ext2_group_descriptor);
    for (uint32_t group = 0; group < fs->group_count; group++) {
        struct block_buffer *buffer;
        int status = ext2_read_block(fs, fs->descriptor_block + group / per_block, &buffer);
        if (status < 0)
            return status;
        const struct ext2_group_descriptor *descriptor =
            (const struct ext2_group_descriptor *)buffer->data + group % per_block;
        struct ext2_group *g = &fs->groups[group];
        g->block_bitmap = descriptor->bg_block_bitmap;
        g->inode_bitmap = descriptor->bg_inode_bitmap;
        g->inode_table = descriptor->bg_inode_table;
        g->free_blocks = descriptor->bg_free_blocks_count;
        g->free_inodes = descriptor->bg_free_inodes_count;
        g->used_directories = descriptor->bg_used_dirs_count;
        block_release(buffer);
        status = check_group(fs, group);
        if (status < 0)
            return status;
    }
    return 0;
}

static void free_state(struct ext2_fs *fs)
{
    ext2_inode_cache_drop_all(fs);
    kfree(fs->groups);
    kfree(fs->vfs);
    kfree(fs);
}

int ext2_mount(struct block_device *device, uint32_t flags, struct file_system **result)
{
    struct ext2_fs *fs = kzalloc(sizeof *fs);
    struct file_system *vfs = kzalloc(sizeof *vfs);
    if (!fs || !vfs) {
        kfree(fs);
        kfree(vfs);
        return -ENOMEM;
    }
    fs->vfs = vfs;
    fs->device = device;
    strlcpy(vfs->type, "ext2", sizeof vfs->type);
    strlcpy(vfs->source, "/dev/", sizeof vfs->source);
    strncat(vfs->source, device->name, sizeof vfs->source - strlen(vfs->source) - 1);
    vfs->device = device;
    vfs->operations = &ext2_file_system_operations;
    vfs->private = fs;

    int status = read_superblock(fs, &flags);
    if (status == 0)
        status = read_groups(fs);
    fs->read_only = (flags & MS_RDONLY) != 0;
    vfs->flags = flags;
    if (status == 0)
        status = ext2_inode_get(fs, EXT2_ROOT_INO, 0, &vfs->root);
    if (status == 0 && vfs->root->type != INODE_DIRECTORY)
        status = -EINVAL;
    if (status == 0 && !fs->read_only)
        status = superblock_update(fs, 1, 1, 0);   /* "in use" on the disk before any other write */
    if (status < 0) {
        free_state(fs);
        block_cache_forget(device);
        return status;
    }
    *result = vfs;
    return 0;
}

/* sync(2): the counts to the superblock, then every dirty block. */
static int ext2_sync(struct file_system *vfs)
{
    struct ext2_fs *fs = vfs->private;
    if (!fs->read_only) {
        int status = ext2_super_store(fs, 0);
        if (status < 0)
            return status;
    }
    return block_cache_sync(fs->device);
}

static int ext2_statfs(struct file_system *vfs, struct kernel_statfs *st)
{
    struct ext2_fs *fs = vfs->private;
    st->f_type = EXT2_SUPER_MAGIC;
    st->f_bsize = fs->block_size;
    st->f_frsize = fs->block_size;
    st->f_blocks = fs->blocks_count;
    st->f_bfree = fs->free_blocks;
    st->f_bavail = fs->free_blocks > fs->reserved_blocks ? fs->free_blocks - fs->reserved_blocks : 0;
    st->f_files = fs->inodes_count;
    st->f_ffree = fs->free_inodes;
    st->f_namelen = NAME_MAX_LENGTH;
    st->f_flags = fs->read_only ? MS_RDONLY : 0;
    return 0;
}

/* Everything to the disk, then "cleanly unmounted" on it: what umount
 * and power-off both do. */
static int write_clean(struct ext2_fs *fs)
{
    if (fs->read_only)
        return 0;
    int status = block_cache_sync(fs->device);        /* every change first ... */
    if (status == 0)
        status = superblock_update(fs, 1, 0, 1);      /* ... then "clean", last */
    if (status == 0)
        status = block_cache_sync(fs->device);        /* the drive's cache too */
    return status;
}

/* umount: nothing of it open (EBUSY), the disk clean, the memory back. */
static int ext2_unmount(struct file_system *vfs)
{
    struct ext2_fs *fs = vfs->private;
    struct block_device *device = fs->device;
    if (ext2_inode_cache_any_open(fs))
        return -EBUSY;
    int status = write_clean(fs);
    if (status < 0)
        return status;                /* still mounted: the caller may try again */
    free_state(fs);
    block_cache_forget(device);
    return 0;
}

/* Power-off: the files still open after their last name went deleted,
 * as their last close would have deleted them, then the disk clean; the
 * inodes stay, and nothing writes after (read-only): the machine stops
 * next. Without the deletions, a disk marked clean would hold dead inodes
 * with their blocks and no deletion time, which e2fsck refuses. */
static int ext2_shutdown(struct file_system *vfs)
{
    struct ext2_fs *fs = vfs->private;
    ext2_inode_delete_orphans(fs);
    int status = write_clean(fs);
    fs->read_only = 1;
    return status;
}

static const struct file_system_operations ext2_file_system_operations = {
    .sync = ext2_sync,
    .statfs = ext2_statfs,
    .unmount = ext2_unmount,
    .shutdown = ext2_shutdown,
};

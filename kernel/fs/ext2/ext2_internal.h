/* kernel/fs/ext2/ext2_internal.h - what the files of ext2 share: the
 * mounted file system's state, the in-memory part of an inode, and each
 * file's functions. Nothing outside kernel/fs/ext2/ includes it (the rest
 * of the kernel knows only ext2_mount, kernel/fs/disk_for_core.h).
 *
 * Who does what:
 *   ext2_super.c      mount, sync, statfs, unmount; the superblock and the
 *                     group descriptors' counts
 *   ext2_alloc.c      block and inode bitmaps
 *   ext2_inode.c      the inode cache, disk inodes in and out, evict
 *   ext2_block_map.c  file block -> disk block; allocation, truncation
 *   ext2_file.c       read, write, truncate, fsync, changed
 *   ext2_dir.c        directories read: find, list, is it empty
 *   ext2_dir_write.c  directories changed: add, remove, retarget entries
 *   ext2_namei.c      create, link, unlink, rename, symlink, readlink
 *   ext2_kernel.c     what ext2 asks of the rest of the kernel (the clock,
 *                     user memory, who may use the reserved blocks); the
 *                     host test (tests/unit/ext2_host.c) has its own
 *
 * Crash consistency (docs/disk.md). Data blocks, bitmaps, free counts and
 * inode changes that no rule orders are written back later
 * (block_mark_dirty); the rest is written at once (block_write_now), in an
 * order that leaves after any crash an image `e2fsck -p` repairs alone:
 *   rule 1  a block is written initialised before any block pointing to it
 *           is written, and the pointer is set in memory only after that;
 *   rule 2  an inode is live on disk (link count > 0) only while an entry
 *           on disk names it: a new inode is written live after its entry,
 *           and written dead (or with its count lowered) before its entry
 *           is removed. (e2fsck -p clears an entry that names a dead inode;
 *           it refuses a live inode no entry names, unless it is an empty
 *           regular file: "Unattached inode", "Unconnected directory".)
 *   rule 3  a block or inode is freed in the (in-memory) bitmap only after
 *           the last pointer to it is gone from the disk;
 *   rule 4  a rename writes the new entry, and the moved inode's raised
 *           link count, before it removes the old entry;
 *   rule 5  a directory entry never crosses a sector. The drive writes a
 *           block as 512-byte sectors, and a cut between two leaves one
 *           new and one old: each sector's entries must chain on their
 *           own (as BSD's DIRBLKSIZ). A new directory block holds one
 *           empty entry (inode 0) per sector; an entry is added only in
 *           room inside one sector, and a removed one's room goes only to
 *           the entry before it in its sector. So each change of an entry
 *           touches one sector. (Blocks made by mke2fs or Linux may hold
 *           entries that cross: they are read and changed, but the room
 *           in an entry that crosses is never given to a new one.)
 * Each place that applies a rule says so. Everything put in a buffer of
 * the cache must be safe to reach the disk at any moment: the cache may
 * write a dirty buffer whenever it needs the room.
 *
 * A damaged disk. No byte on the disk may stop the kernel:
 * mounting checks the superblock and the group descriptors (-EINVAL for
 * a disk that makes no sense), and every structure read later is checked
 * before it is used, by one helper per kind (-EIO when it is broken):
 *   ext2_block_is_data   a block number a file may point to (ext2_alloc.c)
 *   check_disk_inode     an inode named by an entry (ext2_inode.c)
 *   ext2_entry_ok        a directory entry (ext2_dir.c)
 * Each finding is logged by ext2_damaged, a few lines per mount, and
 * marks the disk for e2fsck (EXT2_ERROR_FS).
 *
 * Context for every function: the file-system lock held (fs_lock.h); may
 * sleep for the disk. */
#ifndef KERNEL_FS_EXT2_EXT2_INTERNAL_H
#define KERNEL_FS_EXT2_EXT2_INTERNAL_H

#include <stdint.h>

#include "ext2_format.h"
#include "fs/disk_for_core.h"
#include "fs/inode.h"
#include "fs/mount.h"

struct block_buffer;
struct block_device;

#define EXT2_FILE_SIZE_MAX 0x7FFFFFFFu   /* 2^31 - 1: sizes stay below 2 GiB (EFBIG beyond) */
/* The most bytes a directory has here (hundreds of thousands of names):
 * every look-up walks all of it, so a size the disk's bytes make up
 * (up to 4 GiB, one block named a million times over) would keep the
 * kernel in one walk for minutes; and a size at 4 GiB would wrap to 0.
 * A larger directory on the disk is damage (EIO); one more name in a
 * full one is ENOSPC. */
#define EXT2_DIRECTORY_SIZE_MAX (32u << 20)
#define EXT2_INODE_HASH_BUCKETS 64       /* the inode cache's chains */

/* A block group as the descriptor describes it (the counts kept here are
 * the true ones; ext2_group_store copies them to the descriptor block). */
struct ext2_group {
    uint32_t block_bitmap, inode_bitmap, inode_table;
    uint32_t free_blocks, free_inodes, used_directories;
};

struct ext2_inode_info;

/* One mounted ext2 file system (file_system.private). */
struct ext2_fs {
    struct file_system *vfs;
    struct block_device *device;
    uint32_t block_size;              /* bytes: 1024, 2048 or 4096 */
    uint32_t pointers_per_block;      /* block numbers in an indirect block */
    uint32_t blocks_count, inodes_count;
    uint32_t first_data_block;        /* group 0 starts here */
    uint32_t blocks_per_group, inodes_per_group;
    uint32_t reserved_blocks;         /* s_r_blocks_count: for root only */
    uint32_t free_blocks, free_inodes;
    uint32_t group_count;
    uint32_t inode_size;              /* bytes of one inode in the table */
    uint32_t first_inode;             /* the first inode for files */
    uint32_t descriptor_block;        /* the first block of the descriptor table */
    uint32_t superblock_block;        /* the block holding byte 1024, and where in it */
    uint32_t superblock_offset;
    int has_file_type;                /* FILETYPE: entries carry the type */
    int read_only;
    uint32_t damage_reports;          /* ext2_damaged's lines so far */
    struct ext2_group *groups;
    struct ext2_inode_info *inode_hash[EXT2_INODE_HASH_BUCKETS];
};

/* What ext2 keeps of an inode beside struct inode (inode.fs_private). */
struct ext2_inode_info {
    struct inode *inode;
    struct ext2_inode_info *hash_next;
    uint16_t mode;                    /* the type bits (EXT2_S_IF*) of i_mode */
    uint32_t block[EXT2_BLOCK_POINTERS];   /* i_block */
    uint32_t blocks_512;              /* i_blocks */
    uint32_t flags;                   /* i_flags */
    uint32_t dtime;
    uint32_t file_acl;                /* extended attribute block, or 0 */
    uint32_t size_high;               /* nonzero: a file of 4 GiB or more, read-only here */
    /* the disk block allocated last: the next one's goal; 0 for an inode
     * read from the disk, until its first allocation finds one (ext2_block_map.c) */
    uint32_t last_block;
    int fresh;                        /* never stored: its disk record is old and is zeroed */
};

static inline struct ext2_fs *ext2_of(const struct inode *inode)
{
    return (struct ext2_fs *)inode->fs->private;
}

static inline struct ext2_inode_info *ext2_info(const struct inode *inode)
{
    return (struct ext2_inode_info *)inode->fs_private;
}

/* ext2_kernel.c (the host test replaces it) */
uint32_t ext2_now(void);                              /* seconds since the Epoch */
int ext2_may_use_reserved_blocks(void);               /* is the caller root (or the kernel)? */
int ext2_copy_out(void *destination, const void *source, uint32_t size, int to_user);   /* 0 or -EFAULT */
int ext2_copy_in(void *destination, const void *user_source, uint32_t size);           /* 0 or -EFAULT */

/* ext2_super.c */
int ext2_super_store(struct ext2_fs *fs, int write_now);       /* the counts (and state) to the superblock */
int ext2_group_store(struct ext2_fs *fs, uint32_t group);     /* one descriptor's counts, written later */
int ext2_read_block(struct ext2_fs *fs, uint32_t block, struct block_buffer **result);   /* checks the range */
/* The caller changed `buffer`: written now (write_now: a crash rule) or
 * later, then released. 0 or -EIO. */
int ext2_store_block(struct block_buffer *buffer, int write_now);
/* Logs damage found on the disk (the first EXT2_DAMAGE_REPORTS_MAX per
 * mount), marks the disk for e2fsck, and returns -EIO. */
int ext2_damaged(struct ext2_fs *fs, const char *format, ...) __attribute__((format(printf, 2, 3)));
#define EXT2_DAMAGE_REPORTS_MAX 8

/* ext2_alloc.c */
int ext2_block_allocate(struct ext2_fs *fs, uint32_t goal, uint32_t *result);   /* -ENOSPC */
int ext2_block_free(struct ext2_fs *fs, uint32_t block);   /* 1 freed; 0 not (damage, logged) */
int ext2_block_is_data(const struct ext2_fs *fs, uint32_t block);   /* on the disk, and no metadata */
int ext2_inode_allocate(struct ext2_fs *fs, uint32_t parent_number, int directory, uint32_t *result);
void ext2_inode_number_free(struct ext2_fs *fs, uint32_t number, int directory);
uint32_t ext2_group_of_inode(const struct ext2_fs *fs, uint32_t number);

/* ext2_inode.c */
extern const struct inode_operations ext2_inode_operations;
int ext2_inode_get(struct ext2_fs *fs, uint32_t number, struct inode *parent, struct inode **result);
int ext2_inode_new(struct ext2_fs *fs, struct inode *directory, enum inode_type type, uint32_t permissions,
                   unsigned uid, unsigned gid, struct inode **result);
void ext2_inode_discard_new(struct inode *inode);
int ext2_inode_store(struct inode *inode, int write_now);
void ext2_inode_evict(struct inode *inode);
void ext2_inode_release_if_unused(struct inode *inode);

/* Power-off: every inode still open after its last name went (a process
 * holds an unlinked file, or a removed directory as its working
 * directory) is deleted on the disk now, as its last close would have
 * done; the in-memory inodes stay for the processes that hold them, and
 * the caller makes the file system read-only, so that nothing deletes
 * them twice. Context: file-system lock held; may sleep. */
void ext2_inode_delete_orphans(struct ext2_fs *fs);
void ext2_inode_cache_drop_all(struct ext2_fs *fs);

/* Is one of the file system's inodes open (a file, a working directory,
 * a FIFO or a socket's name held)? umount's EBUSY. */
int ext2_inode_cache_any_open(const struct ext2_fs *fs);

/* Is a directory in memory a child of `directory` (its `parent`)?
 * rmdir's check that the disk did not lie (ext2_dir_is_empty). */
int ext2_inode_cache_has_child(const struct ext2_fs *fs, const struct inode *directory);
int ext2_inode_read_type(struct ext2_fs *fs, uint32_t number, enum inode_type *type);
enum inode_type ext2_type_of_mode(uint16_t mode);
uint8_t ext2_file_type_of(const struct inode *inode);
void ext2_touch(struct inode *inode, int modified);   /* ctime (and mtime) = now, in memory */

/* ext2_block_map.c */
int ext2_block_map_find(struct inode *inode, uint32_t file_block, uint32_t *disk_block);   /* 0: a hole */
int ext2_block_map_prepare(struct inode *inode, uint32_t file_block);
int ext2_block_map_set(struct inode *inode, uint32_t file_block, uint32_t disk_block, int write_now);
int ext2_block_map_truncate(struct inode *inode, uint32_t first_freed_block);
int ext2_block_map_allocate_data(struct inode *inode, uint32_t file_block, uint32_t *disk_block);

/* ext2_file.c */
int ext2_file_read(struct inode *inode, uint32_t offset, void *buffer, uint32_t size, int to_user);
int ext2_file_write(struct inode *inode, uint32_t offset, const void *user_buffer, uint32_t size);
int ext2_file_truncate(struct inode *inode, uint32_t size);
int ext2_file_changed(struct inode *inode);
int ext2_file_fsync(struct inode *inode);

/* ext2_dir.c and ext2_dir_write.c: the entries of one directory */
struct ext2_entry_place {
    uint32_t file_block;              /* the directory's block holding it */
    uint32_t offset;                  /* its byte offset in that block */
    uint32_t previous_offset;         /* the entry before it in the block, or NO_PREVIOUS */
    uint32_t inode;                   /* the number it names */
};
#define EXT2_NO_PREVIOUS 0xFFFFFFFFu
#define EXT2_DIRECTORY_SECTOR 512     /* rule 5: no entry crosses one (SECTOR_SIZE, fs/block_device.h) */
static inline uint32_t ext2_sector_of(uint32_t offset)   /* the sector of a block holding byte `offset` */
{
    return offset / EXT2_DIRECTORY_SECTOR;
}
static inline struct ext2_directory_entry *ext2_entry_at(uint8_t *data, uint32_t offset)
{
    return (struct ext2_directory_entry *)(data + offset);
}
int ext2_entry_ok(const struct ext2_fs *fs, const uint8_t *data, uint32_t offset);   /* sound, inside the block */
int ext2_dir_read_block(struct inode *directory, uint32_t file_block, struct block_buffer **result);   /* NULL: hole */
int ext2_dir_find(struct inode *directory, const char *name, struct ext2_entry_place *place);   /* -ENOENT */
int ext2_dir_add(struct inode *directory, const char *name, struct inode *inode);
int ext2_dir_remove(struct inode *directory, const struct ext2_entry_place *place);
/* Makes the entry at `place` name `inode`; also removes `also_remove`
 * (NULL, or an entry of the same sector of the same block: rule 5) in
 * the same write. */
int ext2_dir_retarget(struct inode *directory, const struct ext2_entry_place *place, struct inode *inode,
                      const struct ext2_entry_place *also_remove);
int ext2_dir_rename_in_block(struct inode *directory, const struct ext2_entry_place *place,
                             const char *new_name, struct inode *inode);   /* 1 done, 0 no room in its sector */
int ext2_dir_make_first_block(struct inode *directory, struct inode *parent);
int ext2_dir_set_parent(struct inode *directory, struct inode *parent);
int ext2_dir_lookup(struct inode *directory, const char *name, struct inode **result);
int ext2_dir_readdir(struct inode *directory, uint32_t *position, directory_emit emit, void *context);
int ext2_dir_is_empty(struct inode *directory);

/* ext2_namei.c */
int ext2_create(struct inode *directory, const char *name, enum inode_type type, uint32_t permissions,
                unsigned uid, unsigned gid, struct inode **result);
int ext2_link(struct inode *directory, const char *name, struct inode *inode);
int ext2_unlink(struct inode *directory, const char *name, struct inode *inode);
int ext2_rename(struct inode *old_directory, const char *old_name, struct inode *new_directory,
                const char *new_name, struct inode *moving, struct inode *replaced);
int ext2_symlink(struct inode *directory, const char *name, const char *target, unsigned uid, unsigned gid,
                 struct inode **result);
int ext2_readlink(struct inode *inode, char *buffer, uint32_t size);

#endif

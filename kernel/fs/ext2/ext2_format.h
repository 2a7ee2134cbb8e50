/* kernel/fs/ext2/ext2_format.h - the second extended file system as it
 * lies on the disk: the layout that Debian's mke2fs writes and e2fsck
 * checks. Every field is little-endian, as the x86 is.
 *
 *   byte 0     1024        block of the superblock + 1
 *   +---------+-----------+-------------------+---------------------------
 *   | boot    | superblock| group descriptors | group 0: block bitmap,
 *   | (unused)| (1024 B)  | (32 B each)       | inode bitmap, inode table,
 *   +---------+-----------+-------------------+ data blocks ... group 1 ...
 *
 * The disk is cut into block groups of s_blocks_per_group blocks. Each has
 * a bitmap of its blocks, a bitmap of its inodes and a table of its inodes
 * (s_inodes_per_group of them, s_inode_size bytes each). With SPARSE_SUPER,
 * groups 0, 1 and the powers of 3, 5 and 7 also hold a backup copy of the
 * superblock and the descriptors; mke2fs marks those blocks used in the
 * bitmaps, so an allocator that takes only clear bits never touches them.
 * Inode numbers start at 1; inode n is entry (n - 1) % s_inodes_per_group
 * of group (n - 1) / s_inodes_per_group. */
#ifndef KERNEL_FS_EXT2_EXT2_FORMAT_H
#define KERNEL_FS_EXT2_EXT2_FORMAT_H

#include <stdint.h>

#define EXT2_SUPERBLOCK_OFFSET 1024   /* bytes from the start of the disk */
#define EXT2_SUPERBLOCK_SIZE   1024
#define EXT2_MAGIC             0xEF53
#define EXT2_MIN_BLOCK_SIZE    1024   /* block size = 1024 << s_log_block_size */
#define EXT2_MIN_BLOCK_LOG     10
#define EXT2_MAX_BLOCK_LOG     12     /* we take 1024, 2048 and 4096 */

#define EXT2_GOOD_OLD_REV        0    /* revision 0: fixed inode size and first inode */
#define EXT2_DYNAMIC_REV         1    /* revision 1: s_first_ino, s_inode_size, features */
#define EXT2_GOOD_OLD_INODE_SIZE 128
#define EXT2_GOOD_OLD_FIRST_INO  11   /* inodes below are reserved (the root is 2) */
#define EXT2_ROOT_INO            2
#define EXT2_LINK_MAX            32000   /* links to one inode, as Linux's ext2 allows */
#define EXT2_NEW_INODE_EXTRA_SIZE 32  /* i_extra_isize that mke2fs gives a new large inode */

/* s_state */
#define EXT2_VALID_FS  0x0001         /* cleanly unmounted */
#define EXT2_ERROR_FS  0x0002         /* errors were found */

/* s_feature_compat: we may read and write whatever these are */
#define EXT2_FEATURE_COMPAT_DIR_PREALLOC  0x0001
#define EXT2_FEATURE_COMPAT_EXT_ATTR      0x0008   /* extended attribute blocks (i_file_acl) */
#define EXT2_FEATURE_COMPAT_RESIZE_INODE  0x0010   /* blocks reserved for growing: marked used */
#define EXT2_FEATURE_COMPAT_DIR_INDEX     0x0020   /* hashed directories (EXT2_INDEX_FL) */
/* s_feature_incompat: refuse to mount what we do not know */
#define EXT2_FEATURE_INCOMPAT_FILETYPE    0x0002   /* directory entries carry the file type */
#define EXT2_FEATURE_INCOMPAT_SUPPORTED   EXT2_FEATURE_INCOMPAT_FILETYPE
/* s_feature_ro_compat: mount read-only what we do not know */
#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER 0x0001 /* backups only in groups 0, 1, 3^n, 5^n, 7^n */
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE   0x0002 /* i_size_high used (files of 2 GiB and more) */
#define EXT2_FEATURE_RO_COMPAT_SUPPORTED \
    (EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | EXT2_FEATURE_RO_COMPAT_LARGE_FILE)

/* The superblock, at byte 1024 of the disk (fields we use; the rest is
 * kept as it is: we rewrite the block we read). */
struct ext2_superblock {
    uint32_t s_inodes_count;          /*   0 */
    uint32_t s_blocks_count;          /*   4 */
    uint32_t s_r_blocks_count;        /*   8 reserved for root */
    uint32_t s_free_blocks_count;     /*  12 */
    uint32_t s_free_inodes_count;     /*  16 */
    uint32_t s_first_data_block;      /*  20 block of the superblock: 1 for 1 KiB blocks, else 0 */
    uint32_t s_log_block_size;        /*  24 */
    uint32_t s_log_frag_size;         /*  28 */
    uint32_t s_blocks_per_group;      /*  32 */
    uint32_t s_frags_per_group;       /*  36 */
    uint32_t s_inodes_per_group;      /*  40 */
    uint32_t s_mtime;                 /*  44 last mount */
    uint32_t s_wtime;                 /*  48 last write of the superblock */
    uint16_t s_mnt_count;             /*  52 mounts since the last check */
    int16_t  s_max_mnt_count;         /*  54 */
    uint16_t s_magic;                 /*  56 EXT2_MAGIC */
    uint16_t s_state;                 /*  58 EXT2_VALID_FS while unmounted cleanly */
    uint16_t s_errors;                /*  60 */
    uint16_t s_minor_rev_level;       /*  62 */
    uint32_t s_lastcheck;             /*  64 */
    uint32_t s_checkinterval;         /*  68 */
    uint32_t s_creator_os;            /*  72 */
    uint32_t s_rev_level;             /*  76 EXT2_GOOD_OLD_REV or EXT2_DYNAMIC_REV */
    uint16_t s_def_resuid;            /*  80 */
    uint16_t s_def_resgid;            /*  82 */
    /* revision 1 only */
    uint32_t s_first_ino;             /*  84 first inode for files */
    uint16_t s_inode_size;            /*  88 */
    uint16_t s_block_group_nr;        /*  90 */
    uint32_t s_feature_compat;        /*  92 */
    uint32_t s_feature_incompat;      /*  96 */
    uint32_t s_feature_ro_compat;     /* 100 */
    uint8_t  s_uuid[16];              /* 104 */
    char     s_volume_name[16];       /* 120 */
    char     s_last_mounted[64];      /* 136 */
    uint8_t  s_rest[EXT2_SUPERBLOCK_SIZE - 200];   /* 200 ... 1023: kept as found */
} __attribute__((packed));

/* A group descriptor: the table starts in the block after the superblock's. */
struct ext2_group_descriptor {
    uint32_t bg_block_bitmap;         /*  0 block of the block bitmap */
    uint32_t bg_inode_bitmap;         /*  4 block of the inode bitmap */
    uint32_t bg_inode_table;          /*  8 first block of the inode table */
    uint16_t bg_free_blocks_count;    /* 12 */
    uint16_t bg_free_inodes_count;    /* 14 */
    uint16_t bg_used_dirs_count;      /* 16 */
    uint16_t bg_pad;                  /* 18 */
    uint8_t  bg_reserved[12];         /* 20 */
} __attribute__((packed));

#define EXT2_DIRECT_BLOCKS 12         /* i_block[0..11]: data blocks */
#define EXT2_SINGLE_INDIRECT 12       /* i_block[12]: a block of block numbers */
#define EXT2_DOUBLE_INDIRECT 13       /* i_block[13]: a block of single indirect blocks */
#define EXT2_TRIPLE_INDIRECT 14       /* i_block[14]: a block of double indirect blocks */
#define EXT2_BLOCK_POINTERS 15
#define EXT2_FAST_SYMLINK_MAX 59      /* a target this long or shorter lives in i_block */
#define EXT2_BLOCKS_UNIT 512          /* i_blocks counts in 512-byte units */

/* An inode: the first 128 bytes; a larger s_inode_size adds the fields
 * below them (i_extra_isize, crtime, ...). */
struct ext2_disk_inode {
    uint16_t i_mode;                  /*   0 type (EXT2_S_IF*) and permissions */
    uint16_t i_uid;                   /*   2 low 16 bits */
    uint32_t i_size;                  /*   4 bytes (low 32 bits) */
    uint32_t i_atime;                 /*   8 */
    uint32_t i_ctime;                 /*  12 */
    uint32_t i_mtime;                 /*  16 */
    uint32_t i_dtime;                 /*  20 deletion time: nonzero once freed */
    uint16_t i_gid;                   /*  24 low 16 bits */
    uint16_t i_links_count;           /*  26 */
    uint32_t i_blocks;                /*  28 512-byte units, indirect blocks included */
    uint32_t i_flags;                 /*  32 EXT2_*_FL */
    uint32_t i_osd1;                  /*  36 */
    uint32_t i_block[EXT2_BLOCK_POINTERS];   /* 40 block map, or a fast symlink's target */
    uint32_t i_generation;            /* 100 */
    uint32_t i_file_acl;              /* 104 extended attribute block */
    uint32_t i_size_high;             /* 108 bytes >> 32 (regular files, LARGE_FILE) */
    uint32_t i_faddr;                 /* 112 */
    uint16_t i_blocks_high;           /* 116 */
    uint16_t i_file_acl_high;         /* 118 */
    uint16_t i_uid_high;              /* 120 */
    uint16_t i_gid_high;              /* 122 */
    uint32_t i_reserved2;             /* 124 */
    /* s_inode_size > 128 only */
    uint16_t i_extra_isize;           /* 128 bytes used past 128 */
    uint16_t i_checksum_high;         /* 130 */
    uint32_t i_ctime_extra;           /* 132 */
    uint32_t i_mtime_extra;           /* 136 */
    uint32_t i_atime_extra;           /* 140 */
    uint32_t i_crtime;                /* 144 creation time */
} __attribute__((packed));

#define EXT2_INODE_CORE_SIZE 128      /* bytes every inode has */

_Static_assert(sizeof(struct ext2_superblock) == EXT2_SUPERBLOCK_SIZE, "the superblock is 1024 bytes");
_Static_assert(sizeof(struct ext2_group_descriptor) == 32, "a group descriptor is 32 bytes");
_Static_assert(sizeof(struct ext2_disk_inode) == EXT2_INODE_CORE_SIZE + 20, "i_crtime ends at byte 148");

/* i_mode's type bits */
#define EXT2_S_IFMT   0xF000
#define EXT2_S_IFSOCK 0xC000
#define EXT2_S_IFLNK  0xA000
#define EXT2_S_IFREG  0x8000
#define EXT2_S_IFBLK  0x6000
#define EXT2_S_IFDIR  0x4000
#define EXT2_S_IFCHR  0x2000
#define EXT2_S_IFIFO  0x1000
#define EXT2_S_PERMISSIONS 07777      /* set-id bits, sticky bit, rwxrwxrwx */
#define EXT2_SYMLINK_PERMISSIONS 0777 /* a symbolic link's mode: everything (never checked) */

/* i_flags */
#define EXT2_INDEX_FL 0x00001000      /* hashed directory: we clear it when we change one */

/* The extended attribute block i_file_acl points to (shared, counted). */
#define EXT2_XATTR_MAGIC 0xEA020000
#define EXT2_XATTR_REFCOUNT_OFFSET 4  /* h_refcount: inodes sharing the block */

/* A directory entry. A directory's blocks are filled with these end to
 * end: rec_len takes each to the next, and the last of a block reaches
 * the block's end. An entry with inode 0 is free space. */
struct ext2_directory_entry {
    uint32_t inode;                   /* 0: unused */
    uint16_t rec_len;                 /* bytes to the next entry: a multiple of 4 */
    uint8_t  name_len;
    uint8_t  file_type;               /* EXT2_FT_*, with the FILETYPE feature */
    char     name[];                  /* name_len bytes, no NUL */
} __attribute__((packed));

#define EXT2_DIRECTORY_ENTRY_HEADER 8 /* bytes before the name */
#define EXT2_NAME_MAX 255
#define EXT2_DIRECTORY_ENTRY_ALIGN 4  /* entries start (and rec_len counts) in steps of 4 bytes */
/* The bytes an entry with a name of `length` needs, rounded up to 4. */
#define EXT2_DIRECTORY_ENTRY_SIZE(length) \
    ((EXT2_DIRECTORY_ENTRY_HEADER + (length) + EXT2_DIRECTORY_ENTRY_ALIGN - 1) & ~(EXT2_DIRECTORY_ENTRY_ALIGN - 1u))

/* file_type */
#define EXT2_FT_UNKNOWN  0
#define EXT2_FT_REG_FILE 1
#define EXT2_FT_DIR      2
#define EXT2_FT_CHRDEV   3
#define EXT2_FT_BLKDEV   4
#define EXT2_FT_FIFO     5
#define EXT2_FT_SOCK     6
#define EXT2_FT_SYMLINK  7

#endif

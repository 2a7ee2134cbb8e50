/* kernel/fs/mount.h - mounted file systems.
 *
 * The tree starts as one file system, memfs (in memory: /, /tmp, /dev).
 * mount(2) puts another one's root over a directory, the mount point:
 *
 *     memfs   /  --- bin  dev  tmp  home        (home->mounted = the disk's)
 *                                     |
 *     ext2 on hda                    (root) --- alice  spool  lost+found
 *
 * A path walk that reaches /home goes on in the mounted root; ".." from
 * that root goes to /home's parent. The mount point keeps its own
 * entries, hidden until umount. */
#ifndef KERNEL_FS_MOUNT_H
#define KERNEL_FS_MOUNT_H

#include <stdint.h>

struct block_device;
struct inode;
struct kernel_statfs;
struct file_system;

#define FS_TYPE_NAME_MAX 8
#define MOUNTS_MAX 8

struct file_system_operations {
    /* Writes every change to the disk and flushes it (sync(2)). */
    int (*sync)(struct file_system *fs);
    /* Fills the counts of statfs(2) (the caller zeroed *st). */
    int (*statfs)(struct file_system *fs, struct kernel_statfs *st);
    /* Writes everything, marks the disk clean and frees every inode and
     * the file system itself; -EBUSY, changing nothing, while one of its
     * inodes is open (open_count: a file, a working directory). */
    int (*unmount)(struct file_system *fs);
    /* The machine stops (power-off): writes everything and marks the
     * disk clean; the inodes stay (processes still hold them). */
    int (*shutdown)(struct file_system *fs);
};

struct file_system {
    char type[FS_TYPE_NAME_MAX];       /* "memfs", "ext2" */
    char source[16];                   /* what was mounted: "/dev/hda", "memfs" */
    uint32_t flags;                    /* MS_RDONLY (uapi/mount.h) */
    struct block_device *device;       /* NULL in memory */
    struct inode *root;
    struct inode *covered;             /* the mount point (NULL for /) */
    const struct file_system_operations *operations;
    void *private;                     /* the file system's own state */
    unsigned id;                       /* st_dev of its files */
};

/* Mounts file system `type` ("ext2") from disk `source` ("/dev/hda") on
 * directory `target`: 0, or -ENODEV (unknown type), -ENOENT (no such disk,
 * no such target), -ENOTDIR, -EBUSY (the disk or the directory is in use
 * by a mount), -EINVAL (not that file system), -EIO, -ENOMEM.
 * Context: file-system lock held; may sleep. */
int mount_file_system(const char *source, const char *target, const char *type, uint32_t flags);

/* Unmounts what is mounted on `target`: 0, -EINVAL (not a mount point),
 * -EBUSY, -EIO, and the walk's errors. Context: as mount_file_system. */
int unmount_file_system(const char *target);

/* Every mounted file system, in mount order (/ first), or NULL past the
 * last: for sync, df and kinfo. */
struct file_system *mount_at(unsigned index);

/* Where `fs` is mounted, as a path ("/", "/home"). */
int mount_point_path(struct file_system *fs, char *buffer, uint32_t size);

/* At boot: mounts the first disk (hda) on /home, made in memory if
 * missing, and starts the flusher; says what it found. A disk that is not
 * ext2 is left alone with a message. Context: the boot task. */
void mount_boot_disk(void);

/* Power-off: every disk's changes written, the disks marked clean.
 * Context: a system call (may sleep). */
void mount_shutdown(void);

#endif

/* kernel/fs/disk_for_core.h - what the core asks of disks, the buffer
 * cache and ext2 (the subsystem "disk", kernel/subsystems/disk.c): the
 * cache's start and its flusher at boot, a disk found by name and mounted
 * as ext2 (mount.c), and the counters kinfo shows. A kernel built without
 * the subsystem gets the stand-ins below (no disks, no cache, no ext2), so
 * that the core reads the same in every profile
 * (kernel/subsystems/subsystem.h). block_cache.h, block_device.h and
 * ext2_internal.h include this file. */
#ifndef KERNEL_FS_DISK_FOR_CORE_H
#define KERNEL_FS_DISK_FOR_CORE_H

#include <stdint.h>

#include "uapi/errno.h"

struct block_device;
struct file_system;

/* Sets the cache up (empty). Called once at boot. */
#ifdef SUBSYSTEM_DISK
void block_cache_init(void);
#else
static inline void block_cache_init(void)   /* no disks: no cache */
{
}
#endif

/* Starts the flusher task (block_flusher.c, "flusher" in the task list):
 * every second it takes the file-system lock and calls
 * block_cache_write_old. Call once, after block_cache_init and
 * start_cleaner_task. Context: boot, kernel lock held or not. */
#ifdef SUBSYSTEM_DISK
void block_cache_start_flusher(void);
#else
static inline void block_cache_start_flusher(void)   /* no disks: no cache */
{
}
#endif

/* The registered device called `name` ("hda", or "/dev/hda"), or NULL. */
#ifdef SUBSYSTEM_DISK
struct block_device *block_device_find(const char *name);
#else
static inline struct block_device *block_device_find(const char *name)   /* no disks */
{
    (void)name;
    return 0;
}
#endif

/* `device`'s name ("hda"), for the mount table. */
#ifdef SUBSYSTEM_DISK
const char *block_device_name(const struct block_device *device);
#else
static inline const char *block_device_name(const struct block_device *device)   /* no disks: never called */
{
    (void)device;
    return "";
}
#endif

/* A file system type's way to mount a device: the new file system with
 * its root inode, or -EINVAL (not this type), -EIO, -ENOMEM. Only ext2
 * exists, and only in a kernel with the disk: ext2_known says whether
 * the type may be asked for at all (mount.c checks it first, so that a
 * kernel without it answers ENODEV, as Linux does for a type it lacks). */
#ifdef SUBSYSTEM_DISK
int ext2_mount(struct block_device *device, uint32_t flags, struct file_system **result);
static inline int ext2_known(void)
{
    return 1;
}
#else
static inline int ext2_mount(struct block_device *device, uint32_t flags, struct file_system **result)   /* never called */
{
    (void)device;
    (void)flags;
    (void)result;
    return -ENODEV;
}
static inline int ext2_known(void)   /* no ext2 in this kernel */
{
    return 0;
}
#endif

/* The buffer cache's counters (kinfo's KINFO_BLOCK_CACHE), and the way to
 * read them: a copy of one moment. */
struct block_cache_stats {
    uint32_t capacity;              /* buffers of BLOCK_SIZE_MAX the cache may hold */
    uint32_t in_use;                /* buffers holding a block now */
    uint32_t dirty;                 /* of which dirty */
    uint32_t hits, misses;          /* block_read found the block / read it */
    uint32_t writes;                /* blocks written to a disk */
};
#ifdef SUBSYSTEM_DISK
void block_cache_get_stats(struct block_cache_stats *stats);
#else
static inline void block_cache_get_stats(struct block_cache_stats *stats)   /* no disks: no cache */
{
    (void)stats;
    *stats = (struct block_cache_stats){ 0 };
}
#endif

/* The sectors every registered disk has read and written, summed (kinfo's
 * KINFO_BLOCK_CACHE). Context: kernel lock held; never sleeps. */
#ifdef SUBSYSTEM_DISK
void block_device_sector_counts(unsigned *read, unsigned *written);
#else
static inline void block_device_sector_counts(unsigned *read, unsigned *written)   /* no disks */
{
    *read = 0;
    *written = 0;
}
#endif

#endif

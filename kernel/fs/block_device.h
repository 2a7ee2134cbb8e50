/* kernel/fs/block_device.h - a disk as the file systems see it: numbered
 * sectors of 512 bytes, read and written whole.
 *
 * A driver (kernel/drivers/ata.c) fills one of these for each disk it
 * finds and registers it under a name ("hda": the first IDE disk, as
 * Linux's old IDE driver named it). The block cache (block_cache.c) is
 * the only caller of `read`, `write` and `flush`; file systems go
 * through the cache. */
#ifndef KERNEL_FS_BLOCK_DEVICE_H
#define KERNEL_FS_BLOCK_DEVICE_H

#include <stdint.h>

#include "disk_for_core.h"   /* what the core asks: block_device_find ... */

#define SECTOR_SIZE 512
#define BLOCK_DEVICE_NAME_MAX 8

struct block_device {
    char name[BLOCK_DEVICE_NAME_MAX];   /* "hda" */
    uint32_t sector_count;              /* the disk's size in sectors */
    /* Read / write `count` sectors starting at `sector` (count >= 1, the
     * range lies on the disk). 0, or -EIO when the drive reports an
     * error. Context: kernel lock held, may sleep (not from interrupt
     * handlers): the task waits for the disk's interrupt. */
    int (*read)(struct block_device *device, uint32_t sector, uint32_t count, void *buffer);
    int (*write)(struct block_device *device, uint32_t sector, uint32_t count, const void *buffer);
    /* Makes everything written so far durable (the drive's own write
     * cache goes to the medium: ATA FLUSH CACHE). 0 or -EIO. May sleep. */
    int (*flush)(struct block_device *device);
    void *driver;                       /* the driver's own state */
    /* counted by the driver, shown by kinfo (KINFO_BLOCK_CACHE) */
    uint32_t sectors_read, sectors_written;
};

/* Makes `device` known by its name. At most BLOCK_DEVICES_MAX disks. */
void block_device_register(struct block_device *device);

/* The i-th registered device (0, 1, ...), or NULL past the last. */
struct block_device *block_device_at(unsigned index);

#define BLOCK_DEVICES_MAX 4

#endif

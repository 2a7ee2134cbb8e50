/* kernel/fs/block_cache.h - the buffer cache: disk blocks kept in memory.
 *
 * A file system reads a block through the cache, changes it in memory and
 * says how it must reach the disk:
 *
 *   block_mark_dirty   later (write-back): at sync, fsync, umount, power-off,
 *                      or by the flusher task once it has been dirty for
 *                      BLOCK_CACHE_FLUSH_AGE_NS;
 *   block_write_now    before the call returns (write-through): the ordered
 *                      metadata writes of ext2 (docs/disk.md, "Crash
 *                      consistency").
 *
 * Buffers are found by (device, block number) in a hash table; a buffer
 * nobody holds (references == 0) may be reused for another block, least
 * recently used first, after its dirty data is written. Block sizes are
 * 1024, 2048 or 4096 bytes (the file system's), at most one size per device.
 *
 * Context for every function: kernel lock held, and the caller holds the
 * file-system lock (fs_lock, kernel/fs/fs_lock.h), which serialises every
 * user of the cache, the flusher included; may sleep (disk I/O). */
#ifndef KERNEL_FS_BLOCK_CACHE_H
#define KERNEL_FS_BLOCK_CACHE_H

#include <stdint.h>

#include "disk_for_core.h"   /* what the core asks: block_cache_init ... */

struct block_device;

#define BLOCK_SIZE_MAX 4096
#define BLOCK_CACHE_BYTES (2u << 20)              /* memory for cached blocks: 2 MiB */
#define BLOCK_CACHE_FLUSH_AGE_NS 5000000000ull     /* dirty for 5 s: the flusher writes it */

struct block_buffer {
    struct block_device *device;
    uint32_t block;                 /* block number, in units of `size` */
    uint32_t size;                  /* bytes */
    uint8_t *data;                  /* `size` bytes */
    unsigned references;            /* holders: between block_read and block_release */
    uint8_t valid;                  /* data holds the block's contents */
    uint8_t dirty;                  /* data is newer than the disk */
    uint64_t dirty_since_ns;        /* clock_tick_ns() (sched/clock.h) when it became dirty */
    /* the cache's own links: hash chain and least-recently-used list */
    struct block_buffer *hash_next;
    struct block_buffer *lru_next, *lru_previous;
};

/* Block `block` (of `block_size` bytes) of `device`, read from the disk
 * unless cached, held until block_release. 0, -EIO (the disk failed, or
 * the block lies past its end), or -ENOMEM (every buffer is held). */
int block_read(struct block_device *device, uint32_t block, uint32_t block_size,
               struct block_buffer **result);

/* As block_read, for a block the caller will fill whole (a newly
 * allocated one): nothing is read, the data are zeros. */
int block_get_zeroed(struct block_device *device, uint32_t block, uint32_t block_size,
                     struct block_buffer **result);

/* The caller changed `buffer`: write it back later. */
void block_mark_dirty(struct block_buffer *buffer);

/* The caller changed `buffer`: write it now, before returning. 0 or -EIO. */
int block_write_now(struct block_buffer *buffer);

/* The caller is done with `buffer`. */
void block_release(struct block_buffer *buffer);

/* Writes every dirty buffer of `device` (NULL: of every device), then asks
 * the drive to make them durable (flush). 0 or the first -EIO. */
int block_cache_sync(struct block_device *device);

/* Writes the buffers dirty since before `now_ns - BLOCK_CACHE_FLUSH_AGE_NS`
 * (the flusher task's round). 0 or -EIO. */
int block_cache_write_old(uint64_t now_ns);

/* Drops every buffer of `device` (after umount; none may be held or
 * dirty: the caller synced). */
void block_cache_forget(struct block_device *device);

#endif

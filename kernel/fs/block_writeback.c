/* kernel/fs/block_writeback.c - the buffer cache's write-back: dirty
 * blocks go to the disk at sync (block_cache_sync) and, once they are old,
 * at the flusher's rounds (block_cache_write_old, block_flusher.c).
 *
 * The writes go in increasing block order, so that the disk's head sweeps
 * across the disk once instead of seeking back and forth. Each write
 * sleeps, and the cache may change meanwhile, so there is no list to walk:
 * each step looks through every buffer for the dirty one that comes next
 * after the block just written (a few hundred buffers: cheap next to one
 * disk write). */
#include "block_cache.h"
#include "block_cache_internal.h"

#include "block_device.h"
#include "fs_lock.h"
#include "kernel/panic.h"
#include "uapi/errno.h"

#define DIRTY_AT_ANY_TIME UINT64_MAX      /* write_dirty_buffers: no age limit */

/* Where a block lies, for writing in order: devices one after the other. */
struct disk_position {
    uintptr_t device;
    uint32_t block;
};

static struct disk_position position_of(const struct block_buffer *buffer)
{
    return (struct disk_position){ (uintptr_t)buffer->device, buffer->block };
}

static int comes_before(struct disk_position a, struct disk_position b)
{
    return a.device != b.device ? a.device < b.device : a.block < b.block;
}

/* Writes the dirty buffers of `device` (NULL: of every device) that became
 * dirty at or before `dirty_by_ns`, in increasing block order, so that the
 * disk's head sweeps one way. Each is written once even if it fails. 0 or
 * the first error. Context: may sleep; the scan starts again after each
 * write, past the block just written, as a sleep may change the cache. */
static int write_dirty_buffers(struct block_device *device, uint64_t dirty_by_ns)
{
    int first_error = 0;
    struct disk_position last_written = { 0, 0 };
    int started = 0;
    for (;;) {
        struct block_buffer *next = 0;
        struct block_buffer *buffer;
        for (unsigned i = 0; (buffer = block_cache_buffer_at(i)); i++) {
            if (!buffer->dirty || buffer->dirty_since_ns > dirty_by_ns || (device && buffer->device != device))
                continue;
            if (started && !comes_before(last_written, position_of(buffer)))
                continue;
            if (!next || comes_before(position_of(buffer), position_of(next)))
                next = buffer;
        }
        if (!next)
            return first_error;
        last_written = position_of(next);
        started = 1;
        block_cache_hold(next);
        int result = block_cache_clean_buffer(next);
        block_cache_unhold(next);
        if (result < 0 && !first_error)
            first_error = result;
    }
}

/* Asks the drive to make what it was given durable. 0 or -EIO. */
static int flush_device(struct block_device *device)
{
    if (!device->flush)
        return 0;
    return device->flush(device) < 0 ? -EIO : 0;
}

int block_cache_sync(struct block_device *device)
{
    ASSERT(fs_lock_held());
    int result = write_dirty_buffers(device, DIRTY_AT_ANY_TIME);
    /* block_write_now's writes may wait in the drive's cache too: flush
     * even a device that had nothing dirty here */
    int flushed;
    if (device) {
        flushed = flush_device(device);
    } else {
        flushed = 0;
        struct block_device *each;
        for (unsigned i = 0; (each = block_device_at(i)); i++)
            if (flush_device(each) < 0)
                flushed = -EIO;
    }
    return result ? result : flushed;
}

int block_cache_write_old(uint64_t now_ns)
{
    ASSERT(fs_lock_held());
    if (now_ns < BLOCK_CACHE_FLUSH_AGE_NS)
        return 0;                         /* nothing can be that old yet */
    return write_dirty_buffers(0, now_ns - BLOCK_CACHE_FLUSH_AGE_NS);
}

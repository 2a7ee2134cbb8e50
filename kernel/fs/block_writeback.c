/* kernel/fs/block_writeback.c - the buffer cache's write-back: dirty
 * blocks go to the disk at sync (block_cache_sync) and, once they are old,
 * at the flusher's rounds (block_cache_write_old, block_flusher.c).
 *
 * The writes go in increasing block order, so that the disk's head sweeps
 * across the disk once instead of seeking back and forth. A sweep looks
 * through the buffers once, collects the dirty ones in an array, sorts it
 * by (device, block) and writes them in that order. Each write sleeps,
 * and the cache may change meanwhile, so each buffer is looked at again
 * just before its write: one cleaned meanwhile is skipped. */
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

/* The buffers one sweep writes, sorted. The file-system lock lets one
 * sweep run at a time (block_cache_sync and block_cache_write_old assert
 * it), so one array serves them all, off the kernel stack. */
static struct block_buffer *sweep[BLOCK_CACHE_BUFFER_COUNT];
static int sweep_running;

/* Is `buffer` one a sweep of `device` (NULL: every device) for the
 * buffers dirty at or before `dirty_by_ns` must write? */
static int sweep_wants(const struct block_buffer *buffer, const struct block_device *device, uint64_t dirty_by_ns)
{
    return buffer->dirty && buffer->dirty_since_ns <= dirty_by_ns && (!device || buffer->device == device);
}

/* Collects the buffers the sweep wants into `sweep`, in increasing
 * (device, block) order (an insertion sort: at most a few hundred, and
 * often nearly sorted). Their number. Never sleeps. */
static unsigned collect_sorted(const struct block_device *device, uint64_t dirty_by_ns)
{
    unsigned count = 0;
    struct block_buffer *buffer;
    for (unsigned i = 0; (buffer = block_cache_buffer_at(i)); i++) {
        if (!sweep_wants(buffer, device, dirty_by_ns))
            continue;
        unsigned slot = count++;
        while (slot > 0 && comes_before(position_of(buffer), position_of(sweep[slot - 1]))) {
            sweep[slot] = sweep[slot - 1];
            slot--;
        }
        sweep[slot] = buffer;
    }
    return count;
}

/* Writes the dirty buffers of `device` (NULL: of every device) that became
 * dirty at or before `dirty_by_ns`, in increasing block order, so that the
 * disk's head sweeps one way. Each is written once even if it fails. 0 or
 * the first error, after trying the rest. Context: may sleep; each buffer
 * is held across its write, and one cleaned by someone else during an
 * earlier write is skipped. */
static int write_dirty_buffers(struct block_device *device, uint64_t dirty_by_ns)
{
    ASSERT(!sweep_running);                /* the file-system lock: one sweep at a time */
    sweep_running = 1;
    int first_error = 0;
    unsigned count = collect_sorted(device, dirty_by_ns);
    for (unsigned i = 0; i < count; i++) {
        struct block_buffer *buffer = sweep[i];
        if (!sweep_wants(buffer, device, dirty_by_ns))
            continue;                      /* written meanwhile (a victim for reuse) */
        block_cache_hold(buffer);
        int result = block_cache_clean_buffer(buffer);
        block_cache_unhold(buffer);
        if (result < 0 && !first_error)
            first_error = result;
    }
    sweep_running = 0;
    return first_error;
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

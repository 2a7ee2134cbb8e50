/* kernel/fs/block_cache.c - the buffer cache (block_cache.h): disk blocks
 * kept in memory, written back later or at once.
 *
 * BLOCK_CACHE_BUFFER_COUNT slots, each with room for the largest block,
 * its data allocated when first used. A slot is in one of three
 * conditions, and its `references` and the lists say which:
 *
 *   never used     index >= slots_used: no data allocated yet, on no list
 *   held           references > 0: in the hash table, on no LRU list
 *   unheld         references == 0: on the LRU list; in the hash table too
 *                  if it holds a block (device != NULL), else empty
 *
 *   hash_table[h] -> buffer -> buffer -> NULL         (through hash_next)
 *   lru_first -> empty ... -> least recently used ... -> lru_last
 *                                                     (through lru_next)
 *
 * A buffer is on the LRU list exactly when nobody holds it, so reuse can
 * never take a held one. Empty buffers go to the front (the first to be
 * taken); a buffer released goes to the back.
 *
 * Disk I/O sleeps. The file-system lock keeps every other user of the cache
 * out meanwhile, but the code does not rely on it more than it must: the
 * cache holds (references) a buffer it reads or writes, so it cannot be
 * reused during the sleep, and it looks the hash table up again after a
 * sleep instead of trusting what it found before.
 *
 * Writing dirty buffers back in disk order (sync, the flusher's rounds) is
 * block_writeback.c's. Both files build on the host too
 * (tests/unit/test_block_cache.c): they call nothing but the functions of
 * the headers they include, and no assembly. */
#include "block_cache.h"
#include "block_cache_internal.h"

#include "block_device.h"
#include "fs_lock.h"
#include "kernel/panic.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "sched/clock.h"
#include "uapi/errno.h"

#define HASH_BUCKETS 256                  /* chains of about two buffers; a power of two */
#define BLOCK_SIZE_MIN 1024               /* ext2's smallest block */

static struct block_buffer buffers[BLOCK_CACHE_BUFFER_COUNT];
static unsigned slots_used;               /* buffers[0 .. slots_used) have their data */
static struct block_buffer *hash_table[HASH_BUCKETS];
static struct block_buffer *lru_first, *lru_last;
static unsigned lru_length;
static struct block_cache_stats stats;    /* in_use and dirty kept current, not counted on demand */

static unsigned hash_of(const struct block_device *device, uint32_t block)
{
    /* consecutive blocks fall in consecutive chains */
    return (block ^ (unsigned)((uintptr_t)device >> 4)) & (HASH_BUCKETS - 1);
}

/* The buffer holding `block` of `device`, or NULL. */
static struct block_buffer *hash_find(const struct block_device *device, uint32_t block)
{
    struct block_buffer *buffer = hash_table[hash_of(device, block)];
    while (buffer && (buffer->device != device || buffer->block != block))
        buffer = buffer->hash_next;
    return buffer;
}

static void hash_insert(struct block_buffer *buffer)
{
    struct block_buffer **chain = &hash_table[hash_of(buffer->device, buffer->block)];
    buffer->hash_next = *chain;
    *chain = buffer;
}

static void hash_remove(struct block_buffer *buffer)
{
    struct block_buffer **link = &hash_table[hash_of(buffer->device, buffer->block)];
    while (*link != buffer) {
        ASSERT(*link);                    /* a buffer with a block is in its chain */
        link = &(*link)->hash_next;
    }
    *link = buffer->hash_next;
    buffer->hash_next = 0;
}

static void lru_remove(struct block_buffer *buffer)
{
    if (buffer->lru_previous)
        buffer->lru_previous->lru_next = buffer->lru_next;
    else
        lru_first = buffer->lru_next;
    if (buffer->lru_next)
        buffer->lru_next->lru_previous = buffer->lru_previous;
    else
        lru_last = buffer->lru_previous;
    buffer->lru_next = buffer->lru_previous = 0;
    lru_length--;
}

static void lru_push_back(struct block_buffer *buffer)
{
    buffer->lru_next = 0;
    buffer->lru_previous = lru_last;
    if (lru_last)
        lru_last->lru_next = buffer;
    else
        lru_first = buffer;
    lru_last = buffer;
    lru_length++;
}

static void lru_push_front(struct block_buffer *buffer)
{
    buffer->lru_previous = 0;
    buffer->lru_next = lru_first;
    if (lru_first)
        lru_first->lru_previous = buffer;
    else
        lru_last = buffer;
    lru_first = buffer;
    lru_length++;
}

static void set_dirty(struct block_buffer *buffer, uint64_t since_ns)
{
    if (buffer->dirty)
        return;                           /* it keeps the time it first became dirty */
    buffer->dirty = 1;
    buffer->dirty_since_ns = since_ns;
    stats.dirty++;
}

static void set_clean(struct block_buffer *buffer)
{
    if (!buffer->dirty)
        return;
    buffer->dirty = 0;
    stats.dirty--;
}

/* Makes an unheld or new buffer hold no block (it leaves the hash table). */
static void forget_block(struct block_buffer *buffer)
{
    ASSERT(buffer->references == 0 && !buffer->dirty);
    if (!buffer->device)
        return;
    hash_remove(buffer);
    buffer->device = 0;
    buffer->valid = 0;
    stats.in_use--;
}

/* (block_cache_internal.h) The first hold takes the buffer off the LRU list. */
void block_cache_hold(struct block_buffer *buffer)
{
    if (buffer->references++ == 0)
        lru_remove(buffer);
}

/* The last hold dropped puts the buffer on the LRU list, at the back, or,
 * if its data never became valid (a failed read), empty at the front. */
void block_cache_unhold(struct block_buffer *buffer)
{
    ASSERT(buffer->references > 0);
    if (--buffer->references)
        return;
    if (buffer->valid) {
        lru_push_back(buffer);
    } else {
        forget_block(buffer);
        lru_push_front(buffer);
    }
}

static int block_size_is_valid(uint32_t block_size)
{
    return block_size >= BLOCK_SIZE_MIN && block_size <= BLOCK_SIZE_MAX && (block_size & (block_size - 1)) == 0;
}

/* Do the block's sectors all lie on the disk? */
static int block_is_on_disk(const struct block_device *device, uint32_t block, uint32_t block_size)
{
    uint64_t sectors = block_size / SECTOR_SIZE;
    return ((uint64_t)block + 1) * sectors <= device->sector_count;
}

/* Reads the buffer's block from its disk into its data. 0 or -EIO.
 * Context: the caller holds the buffer; sleeps. */
static int read_from_disk(struct block_buffer *buffer)
{
    struct block_device *device = buffer->device;
    uint32_t sectors = buffer->size / SECTOR_SIZE;
    if (!block_is_on_disk(device, buffer->block, buffer->size))
        return -EIO;
    if (device->read(device, buffer->block * sectors, sectors, buffer->data) < 0)
        return -EIO;
    return 0;                         /* the driver counted the sectors */
}

/* (block_cache_internal.h) The caller's hold keeps the buffer from reuse
 * while the write sleeps; if someone dirties it again meanwhile, it is
 * dirty afterwards. */
int block_cache_clean_buffer(struct block_buffer *buffer)
{
    ASSERT(buffer->references > 0 && buffer->valid && buffer->dirty);
    struct block_device *device = buffer->device;
    uint32_t sectors = buffer->size / SECTOR_SIZE;
    uint64_t dirty_since_ns = buffer->dirty_since_ns;
    set_clean(buffer);
    if (!block_is_on_disk(device, buffer->block, buffer->size) ||
        device->write(device, buffer->block * sectors, sectors, buffer->data) < 0) {
        set_dirty(buffer, dirty_since_ns);
        return -EIO;
    }
    stats.writes++;                   /* the driver counted the sectors */
    return 0;
}

/* A buffer to put a new block in, held by nobody, on no list and holding
 * no block; or NULL, with -ENOMEM (every buffer is held) or -EIO (the
 * unheld ones are dirty and their disk failed) in *error. A never-used
 * slot first, else the least recently used unheld buffer, written first if
 * dirty. Each dirty one is tried once: one that fails goes to the back of
 * the list, dirty still, and the next is tried. Context: may sleep. */
static struct block_buffer *take_free_buffer(int *error)
{
    if (slots_used < BLOCK_CACHE_BUFFER_COUNT) {
        struct block_buffer *fresh = &buffers[slots_used];
        fresh->data = kmalloc(BLOCK_SIZE_MAX);
        if (fresh->data) {
            slots_used++;
            return fresh;
        }
        /* the heap is full: reuse a buffer instead */
    }
    unsigned writes_left = lru_length;
    int write_failed = 0;
    while (lru_first) {
        struct block_buffer *victim = lru_first;
        if (!victim->dirty) {
            lru_remove(victim);
            forget_block(victim);
            return victim;
        }
        if (writes_left-- == 0)
            break;
        block_cache_hold(victim);
        if (block_cache_clean_buffer(victim) < 0) {
            write_failed = 1;
        } else if (victim->references == 1 && !victim->dirty) {
            victim->references = 0;       /* ours was the only hold: take it */
            forget_block(victim);
            return victim;
        }
        block_cache_unhold(victim);       /* to the back: the next one is tried */
    }
    *error = write_failed ? -EIO : -ENOMEM;
    return 0;
}

/* Holds the buffer of `block` of `device`: the cached one, or a new one
 * whose data are not valid yet. 0, -ENOMEM or -EIO (take_free_buffer).
 * Context: may sleep. */
static int hold_block(struct block_device *device, uint32_t block, uint32_t block_size,
                      struct block_buffer **result)
{
    struct block_buffer *buffer = hash_find(device, block);
    if (buffer && buffer->size != block_size && buffer->references == 0 && !buffer->dirty) {
        /* left from before the device's block size was known (a mount
         * reads its superblock first): drop it */
        lru_remove(buffer);
        forget_block(buffer);
        lru_push_front(buffer);
        buffer = 0;
    }
    if (!buffer) {
        int error;
        struct block_buffer *free_buffer = take_free_buffer(&error);
        if (!free_buffer)
            return error;
        /* writing a victim slept: someone may have brought the block in */
        buffer = hash_find(device, block);
        if (!buffer) {
            free_buffer->device = device;
            free_buffer->block = block;
            free_buffer->size = block_size;
            free_buffer->valid = 0;
            free_buffer->dirty = 0;
            free_buffer->references = 1;
            hash_insert(free_buffer);
            stats.in_use++;
            *result = free_buffer;
            return 0;
        }
        lru_push_front(free_buffer);      /* empty: the first to be reused */
    }
    ASSERT(buffer->size == block_size);   /* one block size per device */
    block_cache_hold(buffer);
    *result = buffer;
    return 0;
}

void block_cache_init(void)
{
    memset(buffers, 0, sizeof buffers);
    memset(hash_table, 0, sizeof hash_table);
    memset(&stats, 0, sizeof stats);
    slots_used = 0;
    lru_first = lru_last = 0;
    lru_length = 0;
    stats.capacity = BLOCK_CACHE_BUFFER_COUNT;
}

/* The two ways in: a block's buffer held, if the block lies on the disk. */
static int hold_block_on_disk(struct block_device *device, uint32_t block, uint32_t block_size,
                              struct block_buffer **buffer)
{
    ASSERT(fs_lock_held());
    ASSERT(block_size_is_valid(block_size));
    if (!block_is_on_disk(device, block, block_size))
        return -EIO;
    return hold_block(device, block, block_size, buffer);
}

int block_read(struct block_device *device, uint32_t block, uint32_t block_size,
               struct block_buffer **result)
{
    struct block_buffer *buffer;
    int error = hold_block_on_disk(device, block, block_size, &buffer);
    if (error)
        return error;
    if (buffer->valid) {
        stats.hits++;
    } else {
        /* held while the read sleeps: nobody reuses it, and anyone who
         * finds it meanwhile sees it not valid and reads it too */
        stats.misses++;
        error = read_from_disk(buffer);
        if (error) {
            block_cache_unhold(buffer);   /* the last hold empties it */
            return error;
        }
        buffer->valid = 1;
    }
    *result = buffer;
    return 0;
}

int block_get_zeroed(struct block_device *device, uint32_t block, uint32_t block_size,
                     struct block_buffer **result)
{
    struct block_buffer *buffer;
    int error = hold_block_on_disk(device, block, block_size, &buffer);
    if (error)
        return error;
    memset(buffer->data, 0, buffer->size);
    buffer->valid = 1;
    *result = buffer;
    return 0;
}

void block_mark_dirty(struct block_buffer *buffer)
{
    ASSERT(fs_lock_held());
    ASSERT(buffer->references > 0 && buffer->valid);
    set_dirty(buffer, clock_tick_ns());
}

int block_write_now(struct block_buffer *buffer)
{
    ASSERT(fs_lock_held());
    ASSERT(buffer->references > 0 && buffer->valid);
    set_dirty(buffer, clock_tick_ns());    /* so that a failed write leaves it to write later */
    return block_cache_clean_buffer(buffer);
}

void block_release(struct block_buffer *buffer)
{
    ASSERT(fs_lock_held());
    block_cache_unhold(buffer);
}

void block_cache_forget(struct block_device *device)
{
    ASSERT(fs_lock_held());
    unsigned unwritten = 0;
    for (unsigned i = 0; i < slots_used; i++) {
        struct block_buffer *buffer = &buffers[i];
        if (buffer->device != device)
            continue;
        ASSERT(buffer->references == 0);  /* nobody may hold a block of an unmounted disk */
        if (buffer->dirty) {
            unwritten++;                  /* the caller's sync failed: say what is lost */
            set_clean(buffer);
        }
        lru_remove(buffer);
        forget_block(buffer);
        lru_push_front(buffer);
    }
    if (unwritten)
        kprintf("block cache: %u changed blocks of %s were never written to the disk\n", unwritten,
                device->name);
}

struct block_buffer *block_cache_buffer_at(unsigned index)
{
    return index < slots_used ? &buffers[index] : 0;
}

void block_cache_get_stats(struct block_cache_stats *result)
{
    *result = stats;
}

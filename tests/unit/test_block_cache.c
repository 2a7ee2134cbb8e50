/* tests/unit/test_block_cache.c - the buffer cache (kernel/fs/block_cache.c
 * and block_writeback.c) over a fake disk in memory that counts what it is
 * asked to do, can be told to fail, and can run another "task" in the
 * middle of a read or write, as a disk's sleep lets one run.
 *
 * The cache calls a few kernel functions; this file stands in for them
 * (the kernel build never compiles tests/): kmalloc on malloc, a clock the
 * tests set, a file-system lock the tests say is held, and panic as
 * abort(), so that a broken ASSERT kills the test's child process. */
// unit-sources: kernel/fs/block_cache.c kernel/fs/block_writeback.c
#include "kernel/fs/block_cache.h"

#include <stdint.h>

#include "kernel/fs/block_device.h"
#include "kernel/fs/fs_lock.h"
#include "kernel/panic.h"
#include "kernel/lib/kprintf.h"
#include "kernel/mm/heap.h"
#include "kernel/sched/clock.h"
#include "kernel/uapi/errno.h"
#include "unit.h"

#define BLOCK           1024                 /* the block size the tests use */
#define SECTORS_PER_BLOCK (BLOCK / SECTOR_SIZE)
#define CAPACITY        (BLOCK_CACHE_BYTES / BLOCK_SIZE_MAX)
#define DISK_BLOCKS     (2 * CAPACITY)       /* enough to fill the cache twice */
#define DISK_SECTORS    (DISK_BLOCKS * SECTORS_PER_BLOCK)
#define MAX_LOGGED_WRITES 64
#define SECOND_NS       1000000000ull

/* ------------------------------------------------ the kernel, stood in for */

static uint64_t fake_now_ns;
static int fake_fs_lock_held = 1;
static struct block_device *registered[BLOCK_DEVICES_MAX];

uint64_t clock_tick_ns(void)
{
    return fake_now_ns;
}

int fs_lock_held(void)
{
    return fake_fs_lock_held;
}

void *kmalloc(size_t size)
{
    return malloc(size);
}

void kfree(void *pointer)
{
    free(pointer);
}

int kprintf(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    int length = vfprintf(stderr, fmt, args);
    va_end(args);
    return length;
}

void panic(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    vfprintf(stderr, fmt, args);
    va_end(args);
    fputc('\n', stderr);
    abort();
}

struct block_device *block_device_at(unsigned index)
{
    return index < BLOCK_DEVICES_MAX ? registered[index] : NULL;
}

/* ---------------------------------------------------------- the fake disk */

struct fake_disk {
    struct block_device device;
    uint8_t bytes[DISK_SECTORS * SECTOR_SIZE];
    unsigned reads, writes, flushes;         /* calls */
    int fail_writes, fail_reads;             /* nonzero: every call fails */
    uint32_t written_sectors[MAX_LOGGED_WRITES];   /* first sector of each write, in order */
    /* run once in the middle of the next read or write: what another task
     * could do while the disk makes this one sleep */
    void (*during_io)(struct fake_disk *disk);
};

static void run_during_io(struct fake_disk *disk)
{
    void (*hook)(struct fake_disk *disk) = disk->during_io;
    disk->during_io = NULL;
    if (hook)
        hook(disk);
}

static struct fake_disk *disk_of(struct block_device *device)
{
    return device->driver;
}

static int fake_read(struct block_device *device, uint32_t sector, uint32_t count, void *buffer)
{
    struct fake_disk *disk = disk_of(device);
    if (sector + count > DISK_SECTORS)
        abort();                             /* the cache must never ask this */
    disk->reads++;
    run_during_io(disk);
    if (disk->fail_reads)
        return -EIO;
    memcpy(buffer, disk->bytes + (size_t)sector * SECTOR_SIZE, (size_t)count * SECTOR_SIZE);
    return 0;
}

static int fake_write(struct block_device *device, uint32_t sector, uint32_t count, const void *buffer)
{
    struct fake_disk *disk = disk_of(device);
    if (sector + count > DISK_SECTORS)
        abort();
    if (disk->writes < MAX_LOGGED_WRITES)
        disk->written_sectors[disk->writes] = sector;
    disk->writes++;
    run_during_io(disk);
    if (disk->fail_writes)
        return -EIO;
    memcpy(disk->bytes + (size_t)sector * SECTOR_SIZE, buffer, (size_t)count * SECTOR_SIZE);
    return 0;
}

static int fake_flush(struct block_device *device)
{
    disk_of(device)->flushes++;
    return 0;
}

/* A fresh cache over a fresh disk, registered as the first device; block b
 * holds the byte (b % 251) throughout, so its contents say which block it is. */
static struct fake_disk *fresh_setup(void)
{
    struct fake_disk *disk = calloc(1, sizeof *disk);
    REQUIRE(disk != NULL, "expected calloc to give the fake disk");
    strcpy(disk->device.name, "fake");
    disk->device.sector_count = DISK_SECTORS;
    disk->device.read = fake_read;
    disk->device.write = fake_write;
    disk->device.flush = fake_flush;
    disk->device.driver = disk;
    for (uint32_t block = 0; block < DISK_BLOCKS; block++)
        memset(disk->bytes + (size_t)block * BLOCK, (int)(block % 251), BLOCK);
    registered[0] = &disk->device;
    fake_now_ns = 0;
    block_cache_init();
    return disk;
}

static uint8_t disk_byte(struct fake_disk *disk, uint32_t block)
{
    return disk->bytes[(size_t)block * BLOCK];
}

static struct block_cache_stats current_stats(void)
{
    struct block_cache_stats stats;
    block_cache_get_stats(&stats);
    return stats;
}

/* Reads `block`, which must succeed, and returns it held. */
static struct block_buffer *read_block(struct fake_disk *disk, uint32_t block)
{
    struct block_buffer *buffer = NULL;
    int result = block_read(&disk->device, block, BLOCK, &buffer);
    REQUIRE(result == 0 && buffer != NULL, "expected block_read of block %u to give 0, got %d", block, result);
    return buffer;
}

/* Reads `block`, writes `value` over it and marks it dirty; releases it. */
static void dirty_block(struct fake_disk *disk, uint32_t block, uint8_t value)
{
    struct block_buffer *buffer = read_block(disk, block);
    memset(buffer->data, value, BLOCK);
    block_mark_dirty(buffer);
    block_release(buffer);
}

/* Reads blocks first .. first+count-1 and releases each. */
static void read_and_release(struct fake_disk *disk, uint32_t first, uint32_t count)
{
    for (uint32_t block = first; block < first + count; block++)
        block_release(read_block(disk, block));
}

/* ------------------------------------------------------------------ tests */

UNIT_TEST(first_read_brings_the_disk_contents)
{
    struct fake_disk *disk = fresh_setup();
    struct block_buffer *buffer = read_block(disk, 7);
    EXPECT_EQ_INT(1, disk->reads);
    EXPECT_EQ_INT(7, buffer->data[0]);
    EXPECT_EQ_INT(7, buffer->data[BLOCK - 1]);
    EXPECT_EQ_INT(BLOCK, buffer->size);
    EXPECT_EQ_INT(0, disk->device.sectors_read);   /* the driver counts them, not the cache */
    block_release(buffer);
}

UNIT_TEST(second_read_of_a_block_is_a_hit_without_disk_read)
{
    struct fake_disk *disk = fresh_setup();
    block_release(read_block(disk, 3));
    struct block_buffer *again = read_block(disk, 3);
    EXPECT_EQ_INT(1, disk->reads);
    EXPECT_EQ_INT(3, again->data[0]);
    struct block_cache_stats stats = current_stats();
    EXPECT_EQ_INT(1, stats.hits);
    EXPECT_EQ_INT(1, stats.misses);
    EXPECT_EQ_INT(1, stats.in_use);
    EXPECT_EQ_INT(CAPACITY, stats.capacity);
    block_release(again);
}

UNIT_TEST(two_holders_share_one_buffer)
{
    struct fake_disk *disk = fresh_setup();
    struct block_buffer *first = read_block(disk, 5);
    struct block_buffer *second = read_block(disk, 5);
    EXPECT(first == second, "expected one buffer for block 5, got %p and %p", (void *)first, (void *)second);
    EXPECT_EQ_INT(2, first->references);
    block_release(first);
    block_release(second);
    EXPECT_EQ_INT(0, first->references);
}

UNIT_TEST(dirty_block_is_written_at_sync_and_only_once)
{
    struct fake_disk *disk = fresh_setup();
    dirty_block(disk, 4, 0xAB);
    EXPECT_EQ_INT(0, disk->writes);
    EXPECT_EQ_INT(1, current_stats().dirty);
    EXPECT_EQ_INT(0, block_cache_sync(&disk->device));
    EXPECT_EQ_INT(1, disk->writes);
    EXPECT_EQ_INT(0xAB, disk_byte(disk, 4));
    EXPECT_EQ_INT(1, disk->flushes);
    EXPECT_EQ_INT(0, current_stats().dirty);
    EXPECT_EQ_INT(1, current_stats().writes);
    EXPECT_EQ_INT(0, disk->device.sectors_written);   /* the driver counts them, not the cache */
    EXPECT_EQ_INT(0, block_cache_sync(NULL));
    EXPECT_EQ_INT(1, disk->writes);
    EXPECT_EQ_INT(2, disk->flushes);
}

UNIT_TEST(marking_dirty_twice_writes_once)
{
    struct fake_disk *disk = fresh_setup();
    struct block_buffer *buffer = read_block(disk, 9);
    block_mark_dirty(buffer);
    block_mark_dirty(buffer);
    block_release(buffer);
    EXPECT_EQ_INT(1, current_stats().dirty);
    EXPECT_EQ_INT(0, block_cache_sync(NULL));
    EXPECT_EQ_INT(1, disk->writes);
}

UNIT_TEST(sync_writes_in_increasing_block_order)
{
    struct fake_disk *disk = fresh_setup();
    const uint32_t blocks[] = { 30, 2, 17, 9, 40 };
    for (unsigned i = 0; i < 5; i++)
        dirty_block(disk, blocks[i], 0x11);
    EXPECT_EQ_INT(0, block_cache_sync(&disk->device));
    REQUIRE(disk->writes == 5, "expected 5 writes, got %u", disk->writes);
    const uint32_t expected[] = { 2, 9, 17, 30, 40 };
    for (unsigned i = 0; i < 5; i++)
        EXPECT_EQ_INT(expected[i] * SECTORS_PER_BLOCK, disk->written_sectors[i]);
}

#define MANY_DIRTY 60                        /* more than the disk log keeps: MAX_LOGGED_WRITES */
#define SCATTER_STRIDE 37                    /* prime to MANY_DIRTY: the blocks come in scattered */

UNIT_TEST(sync_writes_many_dirty_buffers_in_increasing_block_order_once_each)
{
    struct fake_disk *disk = fresh_setup();
    read_and_release(disk, 200, 100);            /* clean buffers among the dirty ones */
    for (uint32_t i = 0; i < MANY_DIRTY; i++)
        dirty_block(disk, 2 * (i * SCATTER_STRIDE % MANY_DIRTY) + 1, 0x33);   /* odd blocks 1 .. 119 */
    EXPECT_EQ_INT(0, block_cache_sync(&disk->device));
    REQUIRE(disk->writes == MANY_DIRTY, "expected %u writes, got %u", MANY_DIRTY, disk->writes);
    int in_order = 1;
    for (uint32_t i = 0; i < MANY_DIRTY; i++)
        in_order &= disk->written_sectors[i] == (2 * i + 1) * SECTORS_PER_BLOCK;
    EXPECT(in_order, "expected blocks 1, 3, 5 ... 119 written in that order");
    EXPECT_EQ_INT(0, current_stats().dirty);
}

/* Another task, while the disk sleeps: changes block 5 again. */
static void dirty_block_5_again(struct fake_disk *disk)
{
    dirty_block(disk, 5, 0x55);
}

UNIT_TEST(buffer_dirtied_again_during_a_sync_stays_dirty)
{
    struct fake_disk *disk = fresh_setup();
    dirty_block(disk, 5, 0x50);
    dirty_block(disk, 8, 0x80);
    disk->during_io = dirty_block_5_again;       /* during block 5's write */
    EXPECT_EQ_INT(0, block_cache_sync(&disk->device));
    EXPECT_EQ_INT(2, disk->writes);
    EXPECT_EQ_INT(0x80, disk_byte(disk, 8));
    EXPECT_EQ_INT(1, current_stats().dirty);
    EXPECT_EQ_INT(0, block_cache_sync(&disk->device));
    EXPECT_EQ_INT(0x55, disk_byte(disk, 5));
}

static void fail_later_writes(struct fake_disk *disk)
{
    disk->fail_writes = 1;
}

UNIT_TEST(sync_with_a_failing_write_tries_the_rest_and_gives_eio)
{
    struct fake_disk *disk = fresh_setup();
    for (uint32_t block = 1; block <= 4; block++)
        dirty_block(disk, block, 0x44);
    disk->during_io = fail_later_writes;          /* block 1's write fails, and every later one */
    EXPECT_EQ_INT(-EIO, block_cache_sync(&disk->device));
    EXPECT_EQ_INT(4, disk->writes);               /* each tried once */
    EXPECT_EQ_INT(4, current_stats().dirty);
    disk->fail_writes = 0;
    EXPECT_EQ_INT(0, block_cache_sync(&disk->device));
    EXPECT_EQ_INT(0, current_stats().dirty);
}

UNIT_TEST(sync_of_one_device_leaves_the_others_dirty)
{
    struct fake_disk *disk = fresh_setup();
    struct fake_disk *other = calloc(1, sizeof *other);
    REQUIRE(other != NULL, "expected calloc to give a second disk");
    other->device = disk->device;
    other->device.driver = other;
    registered[1] = &other->device;
    dirty_block(disk, 1, 0x21);
    dirty_block(other, 1, 0x22);
    EXPECT_EQ_INT(0, block_cache_sync(&other->device));
    EXPECT_EQ_INT(0, disk->writes);
    EXPECT_EQ_INT(1, other->writes);
    EXPECT_EQ_INT(0x22, disk_byte(other, 1));
    EXPECT_EQ_INT(1, current_stats().dirty);
    EXPECT_EQ_INT(0, block_cache_sync(NULL));
    EXPECT_EQ_INT(0x21, disk_byte(disk, 1));
    EXPECT_EQ_INT(1, disk->flushes);
    EXPECT_EQ_INT(2, other->flushes);
}

UNIT_TEST(write_now_writes_before_returning_and_leaves_it_clean)
{
    struct fake_disk *disk = fresh_setup();
    struct block_buffer *buffer = read_block(disk, 6);
    memset(buffer->data, 0x5C, BLOCK);
    EXPECT_EQ_INT(0, block_write_now(buffer));
    EXPECT_EQ_INT(1, disk->writes);
    EXPECT_EQ_INT(0x5C, disk_byte(disk, 6));
    EXPECT_EQ_INT(0, buffer->dirty);
    block_release(buffer);
    EXPECT_EQ_INT(0, block_cache_sync(NULL));
    EXPECT_EQ_INT(1, disk->writes);
    EXPECT_EQ_INT(1, disk->flushes);
    struct block_buffer *again = read_block(disk, 6);   /* still cached */
    EXPECT_EQ_INT(1, disk->reads);
    EXPECT_EQ_INT(0x5C, again->data[0]);
    block_release(again);
}

UNIT_TEST(eviction_writes_a_dirty_victim_before_reusing_it)
{
    struct fake_disk *disk = fresh_setup();
    dirty_block(disk, 0, 0xD0);                 /* the least recently used */
    read_and_release(disk, 1, CAPACITY - 1);    /* the cache is full */
    EXPECT_EQ_INT(0, disk->writes);
    block_release(read_block(disk, CAPACITY));  /* evicts block 0 */
    EXPECT_EQ_INT(1, disk->writes);
    EXPECT_EQ_INT(0, disk->written_sectors[0]);
    EXPECT_EQ_INT(0xD0, disk_byte(disk, 0));
    EXPECT_EQ_INT(0, current_stats().dirty);
    EXPECT_EQ_INT(CAPACITY, current_stats().in_use);
    unsigned reads = disk->reads;
    struct block_buffer *back = read_block(disk, 0);   /* no longer cached: read again */
    EXPECT_EQ_INT(reads + 1, disk->reads);
    EXPECT_EQ_INT(0xD0, back->data[0]);
    block_release(back);
}

UNIT_TEST(eviction_takes_the_least_recently_used)
{
    struct fake_disk *disk = fresh_setup();
    read_and_release(disk, 0, CAPACITY);
    block_release(read_block(disk, 0));          /* block 0 used again: block 1 is the oldest */
    block_release(read_block(disk, CAPACITY));
    unsigned reads = disk->reads;
    block_release(read_block(disk, 0));
    EXPECT_EQ_INT(reads, disk->reads);
    block_release(read_block(disk, 1));
    EXPECT_EQ_INT(reads + 1, disk->reads);
}

UNIT_TEST(eviction_never_takes_held_buffers_and_gives_enomem_when_all_are_held)
{
    struct fake_disk *disk = fresh_setup();
    static struct block_buffer *held[CAPACITY];
    for (uint32_t block = 0; block < CAPACITY; block++)
        held[block] = read_block(disk, block);
    struct block_buffer *extra = NULL;
    EXPECT_EQ_INT(-ENOMEM, block_read(&disk->device, CAPACITY, BLOCK, &extra));
    EXPECT_EQ_INT(-ENOMEM, block_get_zeroed(&disk->device, CAPACITY, BLOCK, &extra));
    for (uint32_t block = 0; block < CAPACITY; block++)
        EXPECT_EQ_INT(block % 251, held[block]->data[0]);
    block_release(held[100]);
    extra = read_block(disk, CAPACITY);
    EXPECT(extra == held[100], "expected the one unheld buffer to be reused, got another");
    EXPECT_EQ_INT(CAPACITY % 251, extra->data[0]);
    for (uint32_t block = 0; block < CAPACITY; block++)
        if (block != 100)
            EXPECT_EQ_INT(block, held[block]->block);
}

UNIT_TEST(get_zeroed_reads_nothing_and_gives_zeros)
{
    struct fake_disk *disk = fresh_setup();
    struct block_buffer *buffer = NULL;
    EXPECT_EQ_INT(0, block_get_zeroed(&disk->device, 12, BLOCK, &buffer));
    REQUIRE(buffer != NULL, "expected a buffer");
    EXPECT_EQ_INT(0, disk->reads);
    int all_zero = 1;
    for (unsigned i = 0; i < BLOCK; i++)
        all_zero &= buffer->data[i] == 0;
    EXPECT(all_zero, "expected %u zero bytes", BLOCK);
    block_mark_dirty(buffer);
    block_release(buffer);
    EXPECT_EQ_INT(0, block_cache_sync(NULL));
    EXPECT_EQ_INT(0, disk_byte(disk, 12));
    EXPECT_EQ_INT(0, disk->reads);
}

UNIT_TEST(read_past_the_end_is_eio_without_touching_the_disk)
{
    struct fake_disk *disk = fresh_setup();
    struct block_buffer *buffer = NULL;
    EXPECT_EQ_INT(-EIO, block_read(&disk->device, DISK_BLOCKS, BLOCK, &buffer));
    EXPECT_EQ_INT(-EIO, block_read(&disk->device, UINT32_MAX, BLOCK, &buffer));
    EXPECT_EQ_INT(-EIO, block_get_zeroed(&disk->device, DISK_BLOCKS, BLOCK, &buffer));
    /* a 4096-byte block that starts on the disk and ends past it */
    EXPECT_EQ_INT(-EIO, block_read(&disk->device, DISK_SECTORS / 8, 4096, &buffer));
    EXPECT_EQ_INT(0, disk->reads);
    EXPECT_EQ_INT(0, current_stats().in_use);
    block_release(read_block(disk, DISK_BLOCKS - 1));   /* the last one is fine */
}

UNIT_TEST(failed_read_is_eio_and_caches_nothing)
{
    struct fake_disk *disk = fresh_setup();
    disk->fail_reads = 1;
    struct block_buffer *buffer = NULL;
    EXPECT_EQ_INT(-EIO, block_read(&disk->device, 8, BLOCK, &buffer));
    EXPECT_EQ_INT(0, current_stats().in_use);
    disk->fail_reads = 0;
    buffer = read_block(disk, 8);
    EXPECT_EQ_INT(2, disk->reads);
    EXPECT_EQ_INT(8, buffer->data[0]);
    block_release(buffer);
}

UNIT_TEST(failing_write_keeps_the_data_dirty)
{
    struct fake_disk *disk = fresh_setup();
    dirty_block(disk, 3, 0x77);
    disk->fail_writes = 1;
    EXPECT_EQ_INT(-EIO, block_cache_sync(NULL));
    EXPECT_EQ_INT(1, current_stats().dirty);
    EXPECT_EQ_INT(0, current_stats().writes);
    disk->fail_writes = 0;
    EXPECT_EQ_INT(0, block_cache_sync(NULL));
    EXPECT_EQ_INT(0x77, disk_byte(disk, 3));
    EXPECT_EQ_INT(0, current_stats().dirty);
}

UNIT_TEST(failing_write_now_keeps_the_data_dirty)
{
    struct fake_disk *disk = fresh_setup();
    struct block_buffer *buffer = read_block(disk, 2);
    memset(buffer->data, 0x42, BLOCK);
    disk->fail_writes = 1;
    EXPECT_EQ_INT(-EIO, block_write_now(buffer));
    EXPECT_EQ_INT(1, buffer->dirty);
    block_release(buffer);
    disk->fail_writes = 0;
    EXPECT_EQ_INT(0, block_cache_sync(NULL));
    EXPECT_EQ_INT(0x42, disk_byte(disk, 2));
}

UNIT_TEST(eviction_skips_a_victim_whose_write_fails)
{
    struct fake_disk *disk = fresh_setup();
    dirty_block(disk, 0, 0xE0);                 /* the least recently used, and dirty */
    read_and_release(disk, 1, CAPACITY - 1);
    disk->fail_writes = 1;
    block_release(read_block(disk, CAPACITY));  /* takes block 1, clean, instead */
    EXPECT_EQ_INT(1, disk->writes);
    EXPECT_EQ_INT(1, current_stats().dirty);
    disk->fail_writes = 0;
    struct block_buffer *kept = read_block(disk, 0);
    EXPECT_EQ_INT(0xE0, kept->data[0]);          /* still cached, with its change */
    block_release(kept);
    EXPECT_EQ_INT(0, block_cache_sync(NULL));
    EXPECT_EQ_INT(0xE0, disk_byte(disk, 0));
}

UNIT_TEST(eviction_gives_eio_when_every_unheld_buffer_is_dirty_and_unwritable)
{
    struct fake_disk *disk = fresh_setup();
    for (uint32_t block = 0; block < CAPACITY; block++)
        dirty_block(disk, block, 0xF0);
    disk->fail_writes = 1;
    struct block_buffer *buffer = NULL;
    EXPECT_EQ_INT(-EIO, block_read(&disk->device, CAPACITY, BLOCK, &buffer));
    EXPECT_EQ_INT(CAPACITY, disk->writes);       /* each tried once */
    EXPECT_EQ_INT(CAPACITY, current_stats().dirty);
    disk->fail_writes = 0;
    EXPECT_EQ_INT(0, block_cache_sync(NULL));
    int all_written = 1;
    for (uint32_t block = 0; block < CAPACITY; block++)
        all_written &= disk_byte(disk, block) == 0xF0;
    EXPECT(all_written, "expected every block written with 0xF0");
}

UNIT_TEST(write_old_writes_only_old_buffers)
{
    struct fake_disk *disk = fresh_setup();
    fake_now_ns = 10 * SECOND_NS;
    dirty_block(disk, 1, 0x01);
    fake_now_ns = 13 * SECOND_NS;
    dirty_block(disk, 2, 0x02);
    dirty_block(disk, 1, 0x11);                  /* dirty already: keeps its first time */
    EXPECT_EQ_INT(0, block_cache_write_old(14 * SECOND_NS));
    EXPECT_EQ_INT(0, disk->writes);
    EXPECT_EQ_INT(0, block_cache_write_old(15 * SECOND_NS));
    EXPECT_EQ_INT(1, disk->writes);
    EXPECT_EQ_INT(0x11, disk_byte(disk, 1));
    EXPECT_EQ_INT(2, disk_byte(disk, 2));
    EXPECT_EQ_INT(0, block_cache_write_old(18 * SECOND_NS));
    EXPECT_EQ_INT(2, disk->writes);
    EXPECT_EQ_INT(0x02, disk_byte(disk, 2));
    EXPECT_EQ_INT(0, block_cache_write_old(1 * SECOND_NS));  /* early in the boot */
    EXPECT_EQ_INT(2, disk->writes);
}

UNIT_TEST(forget_drops_every_block_of_the_device)
{
    struct fake_disk *disk = fresh_setup();
    read_and_release(disk, 0, 10);
    block_cache_forget(&disk->device);
    EXPECT_EQ_INT(0, current_stats().in_use);
    block_release(read_block(disk, 0));
    EXPECT_EQ_INT(11, disk->reads);
}

UNIT_TEST(another_block_size_replaces_an_unheld_clean_buffer)
{
    struct fake_disk *disk = fresh_setup();
    block_release(read_block(disk, 1));          /* a superblock read at 1024 bytes */
    struct block_buffer *buffer = NULL;
    EXPECT_EQ_INT(0, block_read(&disk->device, 1, 4096, &buffer));
    REQUIRE(buffer != NULL, "expected a buffer");
    EXPECT_EQ_INT(4096, buffer->size);
    EXPECT_EQ_INT(4, buffer->data[0]);           /* 1024-byte block 4 starts the 4096-byte block 1 */
    EXPECT_EQ_INT(1, current_stats().in_use);
    block_release(buffer);
}

/* Another task, while the disk sleeps: reads a cache's worth of blocks. */
static void read_a_cache_full(struct fake_disk *disk)
{
    read_and_release(disk, CAPACITY, CAPACITY);
}

UNIT_TEST(buffer_being_read_is_not_reused_during_the_read)
{
    struct fake_disk *disk = fresh_setup();
    read_and_release(disk, 0, CAPACITY - 1);
    disk->during_io = read_a_cache_full;
    struct block_buffer *buffer = read_block(disk, CAPACITY - 1);
    EXPECT_EQ_INT(CAPACITY - 1, buffer->block);
    EXPECT_EQ_INT((CAPACITY - 1) % 251, buffer->data[0]);
    EXPECT_EQ_INT(CAPACITY, current_stats().in_use);
    block_release(buffer);
}

static void read_block_600(struct fake_disk *disk)
{
    block_release(read_block(disk, 600));
}

UNIT_TEST(block_brought_in_while_a_victim_is_written_is_found_once)
{
    struct fake_disk *disk = fresh_setup();
    dirty_block(disk, 0, 0xC0);
    read_and_release(disk, 1, CAPACITY - 1);
    disk->during_io = read_block_600;           /* while block 0 is written to make room */
    struct block_buffer *buffer = read_block(disk, 600);
    EXPECT_EQ_INT(600 % 251, buffer->data[0]);
    EXPECT_EQ_INT(0xC0, disk_byte(disk, 0));
    struct block_buffer *again = read_block(disk, 600);
    EXPECT(again == buffer, "expected one buffer for block 600, got two");
    block_release(again);
    block_release(buffer);
    /* block 0's slot went back empty; blocks 1 (taken by the other reader)
     * and 0 are gone: CAPACITY - 2 old blocks and block 600 remain */
    EXPECT_EQ_INT(CAPACITY - 1, current_stats().in_use);
    EXPECT_EQ_INT(0, current_stats().dirty);
}

UNIT_TEST(entry_points_assert_the_file_system_lock)
{
    struct fake_disk *disk = fresh_setup();
    fflush(stderr);
    pid_t child = fork();
    REQUIRE(child >= 0, "expected fork to work");
    if (child == 0) {
        freopen("/dev/null", "w", stderr);      /* the panic message is expected */
        fake_fs_lock_held = 0;
        struct block_buffer *buffer;
        block_read(&disk->device, 0, BLOCK, &buffer);
        _exit(0);                                /* not reached if it ASSERTs */
    }
    int status;
    waitpid(child, &status, 0);
    EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT,
           "expected block_read without the lock to panic (abort), got status %#x", status);
}

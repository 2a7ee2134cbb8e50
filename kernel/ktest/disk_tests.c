/* kernel/ktest/disk_tests.c - the ATA driver (kernel/drivers/ata.c) and
 * the block-device table against QEMU's emulated disk.
 *
 * The tests are named-only: an ordinary `ktest` boot has no disk. The
 * test runner (tools/run-tests, run_disk_ktests) boots each one with a
 * 4 MiB image of zeros as the first IDE disk:
 *     -drive file=IMG,format=raw,if=ide,index=0   ktest=disk_...
 * They run in the boot task, with interrupts on, as the boot task will
 * when it mounts a disk; one test takes the kernel lock first, as a
 * system call holds it. */
#include "fs/block_device.h"
#include "ktest.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "sched/mutex.h"
#include "sched/scheduler.h"
#include "sched/task.h"
#include "uapi/errno.h"

#define DISK_NAME "hda"
#define SECTORS_PER_COMMAND_MAX 256      /* the driver splits longer requests there */
#define LONG_REQUEST_SECTORS 300         /* one command of 256, one of 44 */
#define LONG_REQUEST_START 100
#define WORKER_ROUNDS 20

/* Fills `count` sectors with bytes that differ from sector to sector and
 * from `seed` to seed, the sector's number in its first four bytes. */
static void fill_pattern(uint8_t *buffer, uint32_t first_sector, uint32_t count, uint32_t seed)
{
    for (uint32_t s = 0; s < count; s++) {
        uint8_t *sector = buffer + s * SECTOR_SIZE;
        for (uint32_t i = 0; i < SECTOR_SIZE; i++)
            sector[i] = (uint8_t)((first_sector + s) * 7 + i + seed * 13);
        memcpy(sector, &(uint32_t){ first_sector + s }, sizeof(uint32_t));
    }
}

/* The index of the first sector where `a` and `b` differ, or -1. */
static int first_different_sector(const uint8_t *a, const uint8_t *b, uint32_t count)
{
    for (uint32_t s = 0; s < count; s++)
        if (memcmp(a + s * SECTOR_SIZE, b + s * SECTOR_SIZE, SECTOR_SIZE))
            return (int)s;
    return -1;
}

KTEST_NAMED_ONLY(disk_hda_is_registered_under_both_names)
{
    struct block_device *disk = block_device_find(DISK_NAME);
    KTEST_EXPECT(disk != 0, "no block device \"hda\": was the kernel booted with a disk as -drive index=0?");
    KTEST_EXPECT(block_device_find("/dev/hda") == disk, "\"/dev/hda\" does not find the device \"hda\" finds");
    KTEST_EXPECT(block_device_at(0) == disk, "block_device_at(0) is not hda");
    KTEST_EXPECT(block_device_at(1) == 0, "a second device is registered");
    KTEST_EXPECT(block_device_find("hdb") == 0 && block_device_find("/dev/") == 0 && block_device_find("") == 0,
                 "a name that is not registered found a device");
    KTEST_EXPECT(disk->sector_count > LONG_REQUEST_START + LONG_REQUEST_SECTORS,
                 "hda has only %u sectors", disk->sector_count);
}

/* A few sectors near the end: written, read back, counted, then put back
 * as they were and flushed. */
KTEST_NAMED_ONLY(disk_sectors_written_read_back)
{
    enum { COUNT = 4 };
    struct block_device *disk = block_device_find(DISK_NAME);
    KTEST_EXPECT(disk != 0, "no disk hda");
    uint32_t first = disk->sector_count - COUNT - 1;
    static uint8_t saved[COUNT * SECTOR_SIZE], written[COUNT * SECTOR_SIZE], read_back[COUNT * SECTOR_SIZE];
    KTEST_EXPECT_EQ(0, disk->read(disk, first, COUNT, saved), "reading the sectors first");
    uint32_t reads_before = disk->sectors_read, writes_before = disk->sectors_written;

    fill_pattern(written, first, COUNT, 1);
    KTEST_EXPECT_EQ(0, disk->write(disk, first, COUNT, written), "writing the pattern");
    memset(read_back, 0, sizeof read_back);
    KTEST_EXPECT_EQ(0, disk->read(disk, first, COUNT, read_back), "reading the pattern back");
    int bad = first_different_sector(written, read_back, COUNT);
    KTEST_EXPECT(bad < 0, "sector %u read back differs from what was written", first + (uint32_t)bad);
    KTEST_EXPECT_EQ(reads_before + COUNT, disk->sectors_read, "sectors_read after one read");
    KTEST_EXPECT_EQ(writes_before + COUNT, disk->sectors_written, "sectors_written after one write");

    KTEST_EXPECT_EQ(0, disk->write(disk, first, COUNT, saved), "putting the old contents back");
    KTEST_EXPECT_EQ(0, disk->flush(disk), "flush");
    KTEST_EXPECT_EQ(0, disk->read(disk, first, COUNT, read_back), "reading the old contents");
    KTEST_EXPECT(first_different_sector(saved, read_back, COUNT) < 0, "the old contents did not come back");
}

/* 300 sectors in one call: two commands (256 + 44) for the driver; each
 * sector lands where it belongs, also the first of the second command. */
KTEST_NAMED_ONLY(disk_request_over_256_sectors_is_split)
{
    struct block_device *disk = block_device_find(DISK_NAME);
    KTEST_EXPECT(disk != 0, "no disk hda");
    uint32_t bytes = LONG_REQUEST_SECTORS * SECTOR_SIZE;
    uint8_t *written = kmalloc(bytes), *read_back = kmalloc(bytes);
    KTEST_EXPECT(written && read_back, "kmalloc(%u) failed", bytes);
    fill_pattern(written, LONG_REQUEST_START, LONG_REQUEST_SECTORS, 2);
    uint32_t reads_before = disk->sectors_read;
    int wrote = disk->write(disk, LONG_REQUEST_START, LONG_REQUEST_SECTORS, written);
    memset(read_back, 0, bytes);
    int read = disk->read(disk, LONG_REQUEST_START, LONG_REQUEST_SECTORS, read_back);
    int bad = first_different_sector(written, read_back, LONG_REQUEST_SECTORS);
    uint8_t one[SECTOR_SIZE];
    int read_one = disk->read(disk, LONG_REQUEST_START + SECTORS_PER_COMMAND_MAX, 1, one);
    int one_differs = memcmp(one, written + SECTORS_PER_COMMAND_MAX * SECTOR_SIZE, SECTOR_SIZE);
    kfree(written);
    kfree(read_back);
    KTEST_EXPECT_EQ(0, wrote, "writing 300 sectors");
    KTEST_EXPECT_EQ(0, read, "reading 300 sectors");
    KTEST_EXPECT(bad < 0, "sector %u of the 300 read back differs", LONG_REQUEST_START + (uint32_t)bad);
    KTEST_EXPECT_EQ(0, read_one, "reading the 257th sector alone");
    KTEST_EXPECT(!one_differs, "the 257th sector read alone differs from what was written");
    KTEST_EXPECT_EQ(reads_before + LONG_REQUEST_SECTORS + 1, disk->sectors_read, "sectors_read");
}

/* The driver refuses a range that leaves the disk, whole or in part,
 * before the drive sees it; the last sector itself is fine. */
KTEST_NAMED_ONLY(disk_request_past_the_end_gets_eio)
{
    struct block_device *disk = block_device_find(DISK_NAME);
    KTEST_EXPECT(disk != 0, "no disk hda");
    uint32_t end = disk->sector_count;
    static uint8_t buffer[2 * SECTOR_SIZE];
    KTEST_EXPECT_EQ(-EIO, disk->read(disk, end, 1, buffer), "reading the sector after the last");
    KTEST_EXPECT_EQ(-EIO, disk->read(disk, end - 1, 2, buffer), "reading the last sector and one more");
    KTEST_EXPECT_EQ(-EIO, disk->write(disk, end - 1, 2, buffer), "writing the last sector and one more");
    KTEST_EXPECT_EQ(-EIO, disk->read(disk, 0xFFFFFFFFu, 2, buffer), "reading a range that wraps around");
    KTEST_EXPECT_EQ(0, disk->read(disk, end - 1, 1, buffer), "reading the last sector");
}

/* The task sleeps while the drive works (it leaves the CPU at least once
 * per command), also when it holds the kernel lock as a system call
 * does: sleeping gives the lock up, and the interrupt comes. */
KTEST_NAMED_ONLY(disk_read_sleeps_until_the_interrupt)
{
    struct block_device *disk = block_device_find(DISK_NAME);
    KTEST_EXPECT(disk != 0, "no disk hda");
    static uint8_t buffer[SECTOR_SIZE];
    uint32_t switches_before = current_task->voluntary_switches;
    KTEST_EXPECT_EQ(0, disk->read(disk, 0, 1, buffer), "reading sector 0");
    KTEST_EXPECT(current_task->voluntary_switches > switches_before, "the read never left the CPU");

    kernel_lock();
    switches_before = current_task->voluntary_switches;
    int result = disk->read(disk, 1, 1, buffer);
    int held_after = kernel_lock_held();
    uint32_t switches = current_task->voluntary_switches - switches_before;
    kernel_unlock();
    KTEST_EXPECT_EQ(0, result, "reading sector 1 with the kernel lock held");
    KTEST_EXPECT(held_after, "the read returned without the kernel lock");
    KTEST_EXPECT(switches > 0, "the read with the lock held never left the CPU");
}

/* Two tasks read and write their own sectors at the same time; the
 * driver takes their requests one at a time and mixes nothing up. */
static struct kernel_semaphore workers_done;
static int worker_failures[2];

static void disk_worker(void *argument)
{
    int index = (int)(uintptr_t)argument;
    struct block_device *disk = block_device_find(DISK_NAME);
    enum { COUNT = 8 };
    static uint8_t written[2][COUNT * SECTOR_SIZE], read_back[2][COUNT * SECTOR_SIZE];
    uint32_t first = 1000 + (uint32_t)index * 100;
    for (uint32_t round = 0; round < WORKER_ROUNDS; round++) {
        fill_pattern(written[index], first, COUNT, round * 2 + (uint32_t)index);
        if (disk->write(disk, first, COUNT, written[index]) != 0 ||
            disk->read(disk, first, COUNT, read_back[index]) != 0 ||
            first_different_sector(written[index], read_back[index], COUNT) >= 0)
            worker_failures[index]++;
    }
    semaphore_release(&workers_done);
}

KTEST_NAMED_ONLY(disk_two_tasks_take_turns)
{
    KTEST_EXPECT(block_device_find(DISK_NAME) != 0, "no disk hda");
    semaphore_init(&workers_done, 0);
    worker_failures[0] = worker_failures[1] = 0;
    KTEST_EXPECT(create_kernel_task("disk0", disk_worker, (void *)0) != 0, "cannot create a task");
    KTEST_EXPECT(create_kernel_task("disk1", disk_worker, (void *)1) != 0, "cannot create a task");
    semaphore_acquire(&workers_done);
    semaphore_acquire(&workers_done);
    KTEST_EXPECT(worker_failures[0] == 0 && worker_failures[1] == 0,
                 "rounds that failed: %d of task 0, %d of task 1 (of %d each)", worker_failures[0],
                 worker_failures[1], WORKER_ROUNDS);
}

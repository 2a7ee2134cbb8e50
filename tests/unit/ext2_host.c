/* tests/unit/ext2_host.c - the kernel, stood in for, under the ext2 host
 * test: kmalloc on malloc, a clock the test sets, an fs lock always held,
 * panic as abort() (so a broken ASSERT fails the test), inode_alloc and
 * inode_free counted, user memory as plain memory, and the fake disk
 * (ext2_host.h). kernel/fs/ext2/ext2_kernel.c is replaced by the four
 * ext2_* functions here. */
#include "ext2_host.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "kernel/fs/ext2/ext2_internal.h"
#include "kernel/fs/fs_lock.h"
#include "kernel/lib/kprintf.h"
#include "kernel/mm/heap.h"
#include "kernel/panic.h"
#include "kernel/sched/clock.h"
#include "kernel/uapi/errno.h"

/* Ends the test's process when the harness itself cannot go on (unit.h
 * reports the exit status as the test's failure). */
__attribute__((format(printf, 2, 3)))
static void require(int condition, const char *format, ...)
{
    if (condition)
        return;
    va_list args;
    va_start(args, format);
    fprintf(stderr, "ext2_host: ");
    vfprintf(stderr, format, args);
    fprintf(stderr, "\n");
    va_end(args);
    exit(3);
}

int host_caller_is_root = 1;
uint32_t host_now = 1735681436;       /* 2024-12-31 21:43:56 UTC */
char host_last_kprintf[256];
unsigned host_kprintf_lines;
static unsigned live_inodes;
static struct block_device *registered;

/* ------------------------------------------------------------ the kernel */

void *kmalloc(size_t size)
{
    return malloc(size ? size : 1);
}

void *kzalloc(size_t size)
{
    return calloc(1, size ? size : 1);
}

void kfree(void *pointer)
{
    free(pointer);
}

/* EXT2_HOST_LOG=1 in the environment shows every line on stderr too. */
int vkprintf(const char *fmt, va_list args)
{
    host_kprintf_lines++;
    int length = vsnprintf(host_last_kprintf, sizeof host_last_kprintf, fmt, args);
    if (getenv("EXT2_HOST_LOG"))
        fprintf(stderr, "%s", host_last_kprintf);
    return length;
}

int vksnprintf(char *buffer, unsigned size, const char *fmt, va_list args)
{
    return vsnprintf(buffer, size, fmt, args);
}

int kprintf(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    int length = vkprintf(fmt, args);
    va_end(args);
    return length;
}

void panic(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    fprintf(stderr, "panic: ");
    vfprintf(stderr, fmt, args);
    fprintf(stderr, "\n");
    va_end(args);
    abort();
}

uint64_t clock_tick_ns(void)
{
    return (uint64_t)host_now * 1000000000ull;
}

int fs_lock_held(void)
{
    return 1;
}

struct block_device *block_device_at(unsigned index)
{
    return index == 0 ? registered : 0;
}

struct inode *inode_alloc(struct file_system *fs, const struct inode_operations *operations)
{
    struct inode *inode = calloc(1, sizeof *inode);
    if (!inode)
        return 0;
    inode->fs = fs;
    inode->operations = operations;
    live_inodes++;
    return inode;
}

void inode_free(struct inode *inode)
{
    live_inodes--;
    free(inode);
}

unsigned host_live_inodes(void)
{
    return live_inodes;
}

/* kernel/lib/string.h has it; this C library may not */
size_t strlcpy(char *destination, const char *source, size_t size)
{
    size_t length = strlen(source);
    if (size) {
        size_t copied = length < size - 1 ? length : size - 1;
        memcpy(destination, source, copied);
        destination[copied] = 0;
    }
    return length;
}

/* ------------------------------------------- what ext2 asks of the kernel */

uint32_t ext2_now(void)
{
    return host_now;
}

int ext2_may_use_reserved_blocks(void)
{
    return host_caller_is_root;
}

int ext2_copy_out(void *destination, const void *source, uint32_t size, int to_user)
{
    (void)to_user;
    memcpy(destination, source, size);
    return 0;
}

int ext2_copy_in(void *destination, const void *user_source, uint32_t size)
{
    if (!user_source)
        return -EFAULT;
    memcpy(destination, user_source, size);
    return 0;
}

/* -------------------------------------------------------- the fake disk */

/* The driver's contract (block_device.h): the cache sends only ranges
 * that lie on the disk. A request past the end ends the test. */
static void require_on_disk(const struct fake_disk *disk, uint32_t sector, uint32_t count)
{
    require(count >= 1 && (uint64_t)sector + count <= disk->device.sector_count,
            "expected sectors on the disk, got %u sectors from sector %u of %u", count, sector,
            disk->device.sector_count);
}

static int fake_read(struct block_device *device, uint32_t sector, uint32_t count, void *buffer)
{
    struct fake_disk *disk = (struct fake_disk *)device;
    require_on_disk(disk, sector, count);
    memcpy(buffer, disk->image + (size_t)sector * SECTOR_SIZE, (size_t)count * SECTOR_SIZE);
    return 0;
}

static int fake_write(struct block_device *device, uint32_t sector, uint32_t count, const void *buffer)
{
    struct fake_disk *disk = (struct fake_disk *)device;
    require_on_disk(disk, sector, count);
    size_t bytes = (size_t)count * SECTOR_SIZE;
    disk->writes++;
    if (disk->persist_limit >= 0 && disk->writes > disk->persist_limit)
        return 0;                     /* the power is off: the drive said yes, nothing stays */
    memcpy(disk->image + (size_t)sector * SECTOR_SIZE, buffer, bytes);
    if (disk->logging) {
        if (disk->log_length == disk->log_capacity) {
            disk->log_capacity = disk->log_capacity ? 2 * disk->log_capacity : 256;
            disk->log = realloc(disk->log, disk->log_capacity * sizeof *disk->log);
            require(disk->log != 0, "expected memory for the write log");
        }
        struct disk_write *entry = &disk->log[disk->log_length++];
        entry->sector = sector;
        entry->count = count;
        entry->bytes = malloc(bytes);
        require(entry->bytes != 0, "expected memory for the write log");
        memcpy(entry->bytes, buffer, bytes);
    }
    return 0;
}

static int fake_flush(struct block_device *device)
{
    (void)device;
    return 0;
}

/* The disk around `disk->image` (disk->size bytes): a driver, registered. */
static void fake_disk_attach(struct fake_disk *disk)
{
    strcpy(disk->device.name, "hda");
    disk->device.sector_count = (uint32_t)(disk->size / SECTOR_SIZE);
    disk->device.read = fake_read;
    disk->device.write = fake_write;
    disk->device.flush = fake_flush;
    disk->persist_limit = -1;
    registered = &disk->device;
}

/* The image of the last disk destroyed, kept for the next one of its
 * size: the crash tests mount each of a thousand cut images in turn, the
 * corruption tests thousands of damaged copies, and a fresh 8 MiB buffer
 * for each (ASan maps every large one anew) cost more than filling it. (So ASan does not see a
 * destroyed disk's image used after its destruction: nothing keeps one.) */
static uint8_t *spare_image;
static size_t spare_size;

static uint8_t *image_buffer(size_t size)
{
    if (spare_image && spare_size == size) {
        uint8_t *image = spare_image;
        spare_image = 0;
        return image;
    }
    return malloc(size);
}

struct fake_disk *fake_disk_load(const char *path)
{
    FILE *file = fopen(path, "rb");
    require(file != 0, "expected to open the image %s", path);
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    struct fake_disk *disk = calloc(1, sizeof *disk);
    require(disk && size > 0, "expected an image in %s", path);
    disk->size = (size_t)size;
    disk->image = image_buffer(disk->size);
    require(disk->image && fread(disk->image, 1, disk->size, file) == disk->size, "expected to read %s", path);
    fclose(file);
    fake_disk_attach(disk);
    return disk;
}

struct fake_disk *fake_disk_from_bytes(const uint8_t *bytes, size_t size)
{
    struct fake_disk *disk = calloc(1, sizeof *disk);
    require(disk && size > 0 && size % SECTOR_SIZE == 0, "expected an image of whole sectors");
    disk->size = size;
    disk->image = image_buffer(size);
    require(disk->image != 0, "expected memory for an image");
    memcpy(disk->image, bytes, size);
    fake_disk_attach(disk);
    return disk;
}

static void write_file(const char *path, const uint8_t *bytes, size_t size)
{
    FILE *file = fopen(path, "wb");
    require(file && fwrite(bytes, 1, size, file) == size && fclose(file) == 0, "expected to write %s", path);
}

void fake_disk_save(const struct fake_disk *disk, const char *path)
{
    write_file(path, disk->image, disk->size);
}

/* A storm's cut images (the crash tests make more than a thousand, of one
 * size, at one path) are made in one buffer kept from cut to cut, and go
 * over the file of the cut before only where they differ from it: the
 * writes between two cuts, and e2fsck's repairs of the one before, a few
 * pages of the image's 2,048. A fresh 8 MiB buffer and a whole file a cut
 * (its pages faulted in, its blocks allocated again) took most of the
 * test's time. */
static uint8_t *cut_image, *cut_file;
static size_t cut_size;

static void write_cut_where_it_differs(const char *path, size_t size)
{
    enum { PAGE = 4096 };
    FILE *file = fopen(path, "r+b");
    if (!file || fread(cut_file, 1, size, file) != size || fgetc(file) != EOF) {
        if (file)
            fclose(file);
        write_file(path, cut_image, size);       /* none yet, or another size: whole */
        return;
    }
    for (size_t at = 0; at < size; at += PAGE) {
        size_t length = size - at < PAGE ? size - at : PAGE;
        if (memcmp(cut_image + at, cut_file + at, length))
            require(fseek(file, (long)at, SEEK_SET) == 0 && fwrite(cut_image + at, 1, length, file) == length,
                    "expected to write %s", path);
    }
    require(fclose(file) == 0, "expected to write %s", path);
}

void fake_disk_save_torn_cut(const uint8_t *image, size_t size, const struct disk_write *log, size_t writes,
                             uint32_t sectors, const char *path)
{
    if (size != cut_size) {
        free(cut_image);
        free(cut_file);
        cut_image = malloc(size);
        cut_file = malloc(size);
        require(cut_image && cut_file, "expected memory for an image");
        cut_size = size;
    }
    memcpy(cut_image, image, size);
    for (size_t i = 0; i < writes; i++)
        memcpy(cut_image + (size_t)log[i].sector * SECTOR_SIZE, log[i].bytes, (size_t)log[i].count * SECTOR_SIZE);
    if (sectors) {
        require(sectors < log[writes].count, "expected to tear a write inside, not %u of its %u sectors", sectors,
                log[writes].count);
        memcpy(cut_image + (size_t)log[writes].sector * SECTOR_SIZE, log[writes].bytes,
               (size_t)sectors * SECTOR_SIZE);
    }
    write_cut_where_it_differs(path, size);
}

void fake_disk_save_cut(const uint8_t *image, size_t size, const struct disk_write *log, size_t writes,
                        const char *path)
{
    fake_disk_save_torn_cut(image, size, log, writes, 0, path);
}

void fake_disk_destroy(struct fake_disk *disk)
{
    for (size_t i = 0; i < disk->log_length; i++)
        free(disk->log[i].bytes);
    free(disk->log);
    if (!spare_image) {
        spare_image = disk->image;
        spare_size = disk->size;
    } else
        free(disk->image);
    if (registered == &disk->device)
        registered = 0;
    free(disk);
}

int host_run(const char *format, ...)
{
    char command[2048];
    va_list args;
    va_start(args, format);
    vsnprintf(command, sizeof command, format, args);
    va_end(args);
    fflush(stdout);
    fflush(stderr);
    int status = system(command);
    if (status == -1 || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

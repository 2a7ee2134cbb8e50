/* tests/unit/ext2_host.h - what the ext2 host test runs the file system
 * on: a disk in memory made from an image file, and stand-ins for the
 * kernel functions ext2 and the block cache call (ext2_host.c).
 *
 * The fake disk keeps every write it is given, in order, in a log, and
 * can be told to stop keeping writes after the N-th: the image then holds
 * what reached the disk before a power cut after write N. An image can
 * also be rebuilt from the log as a cut after write N, or inside write
 * N + 1, between two of its sectors, left it. */
#ifndef TESTS_UNIT_EXT2_HOST_H
#define TESTS_UNIT_EXT2_HOST_H

#include <stddef.h>
#include <stdint.h>

#include "kernel/fs/block_device.h"

struct disk_write {
    uint32_t sector, count;
    uint8_t *bytes;
};

struct fake_disk {
    struct block_device device;       /* first: the device ext2 is given */
    uint8_t *image;                   /* the disk's bytes now */
    size_t size;
    struct disk_write *log;           /* every write kept, in order, when logging */
    size_t log_length, log_capacity;
    int logging;
    long persist_limit;               /* -1: every write reaches the disk; else only the first N */
    long writes;                      /* writes asked for so far */
};

/* A disk in memory holding the image file's bytes (the test fails if it
 * cannot be read). */
struct fake_disk *fake_disk_load(const char *path);
void fake_disk_save(const struct fake_disk *disk, const char *path);
void fake_disk_destroy(struct fake_disk *disk);

/* A disk in memory holding a copy of `size` bytes (a multiple of the
 * sector size): the corruption fuzz test's images, made in memory. */
struct fake_disk *fake_disk_from_bytes(const uint8_t *bytes, size_t size);

/* Writes `image` (of `size` bytes) with the first `writes` entries of
 * `log` applied, to `path`: the disk as a cut after that write left it. */
void fake_disk_save_cut(const uint8_t *image, size_t size, const struct disk_write *log, size_t writes,
                        const char *path);

/* The same, and of the next write, log[writes], its first `sectors`
 * sectors only (fewer than its count): the disk as a cut inside that
 * write left it, the drive having written its sectors in order. */
void fake_disk_save_torn_cut(const uint8_t *image, size_t size, const struct disk_write *log, size_t writes,
                             uint32_t sectors, const char *path);

/* The stand-ins' knobs. */
extern int host_caller_is_root;       /* ext2_may_use_reserved_blocks */
extern uint32_t host_now;             /* ext2_now */
extern char host_last_kprintf[256];   /* the last line ext2 logged */
extern unsigned host_kprintf_lines;   /* lines logged so far */
unsigned host_live_inodes(void);      /* inode_alloc minus inode_free */

/* Runs a shell command line; its exit status (or -1). */
int host_run(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif

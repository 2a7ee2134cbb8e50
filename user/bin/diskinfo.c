/* user/bin/diskinfo.c - diskinfo: the disks and the kernel's buffer cache
 * of disk blocks (kernel/fs/block_cache.h), as kinfo(KINFO_BLOCK_CACHE)
 * tells them (kernel/uapi/kinfo.h):
 *
 *   DISK       MOUNTED ON   TYPE   MODE
 *   /dev/hda   /home        ext2   rw
 *
 *   block cache: 512 buffers, 37 in use, 2 dirty
 *   reads:       1234 hits, 56 misses, hit rate 95%
 *   writes:      78 blocks written
 *   disks:       112 sectors read (56 KiB), 156 sectors written (78 KiB)
 *
 * The disks are the block devices of /dev and the disks mounted from
 * /dev/NAME (kinfo_table(KINFO_MOUNTS), kinfo_table(3)), each with where
 * it is mounted. A hit is a block read
 * that the cache already held, a miss one it read from the disk; a dirty
 * buffer holds changes not yet written (sync(1) writes them). */
#include <dirent.h>
#include <errno.h>
#include <kernel.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mount_table.h"

#define DEVICE_DIRECTORY "/dev"
#define SECTOR_BYTES 512              /* a disk's sector (kernel/fs/block_device.h) */
#define KIBIBYTE     1024
#define PERCENT      100
#define PERCENT_TEXT 16               /* room for "100%" and any number */

/* Prints the line of the disk `device` ("/dev/hda"): where it is mounted,
 * if it is (mount(2) takes "/dev/hda" or just "hda"). */
static void print_disk(const char *device, const struct kinfo_mount *mounts, int count)
{
    const char *name = device + strlen(DEVICE_DIRECTORY "/");
    for (int i = 0; i < count; i++) {
        const struct kinfo_mount *m = &mounts[i];
        if (strncmp(m->source, device, sizeof m->source) == 0 || strncmp(m->source, name, sizeof m->source) == 0) {
            printf("%-10s %-12.*s %-6.*s %s\n", device, MOUNT_FIELD(m, target), MOUNT_FIELD(m, type),
                   m->flags & MS_RDONLY ? "ro" : "rw");
            return;
        }
    }
    printf("%-10s %-12s %-6s %s\n", device, "-", "-", "-");
}

/* Whether `path` is a block device. */
static int is_block_device(const char *path)
{
    struct stat status;
    return stat(path, &status) == 0 && S_ISBLK(status.st_mode);
}

/* Prints the heading before the first disk; *disks counts them. */
static void count_disk(int *disks)
{
    if ((*disks)++ == 0)
        printf("%-10s %-12s %-6s %s\n", "DISK", "MOUNTED ON", "TYPE", "MODE");
}

/* Lists the block devices of /dev, then the disks mounted from a
 * /dev/NAME that has no node there; returns how many. */
static int list_disks(const struct kinfo_mount *mounts, int count)
{
    int disks = 0;
    DIR *directory = opendir(DEVICE_DIRECTORY);
    struct dirent *entry;
    while (directory && (entry = readdir(directory))) {
        char path[sizeof DEVICE_DIRECTORY + sizeof entry->d_name + 1];
        snprintf(path, sizeof path, DEVICE_DIRECTORY "/%s", entry->d_name);
        if (!is_block_device(path))
            continue;
        count_disk(&disks);
        print_disk(path, mounts, count);
    }
    if (directory)
        closedir(directory);
    for (int i = 0; i < count; i++) {
        char source[sizeof mounts[i].source + 1];
        snprintf(source, sizeof source, "%.*s", MOUNT_FIELD(&mounts[i], source));
        if (strncmp(source, DEVICE_DIRECTORY "/", strlen(DEVICE_DIRECTORY "/")) != 0 || is_block_device(source))
            continue;
        count_disk(&disks);
        print_disk(source, mounts, count);
    }
    return disks;
}

/* Prints the cache's counters. */
static void print_cache(const struct kinfo_block_cache *cache)
{
    unsigned long long lookups = (unsigned long long)cache->hits + cache->misses;
    char hit_rate[PERCENT_TEXT] = "-";
    if (lookups > 0)
        snprintf(hit_rate, sizeof hit_rate, "%llu%%", cache->hits * (unsigned long long)PERCENT / lookups);
    printf("block cache: %u buffers, %u in use, %u dirty\n", cache->capacity, cache->in_use, cache->dirty);
    printf("reads:       %u hits, %u misses, hit rate %s\n", cache->hits, cache->misses, hit_rate);
    printf("writes:      %u blocks written\n", cache->writes);
    printf("disks:       %u sectors read (%llu KiB), %u sectors written (%llu KiB)\n", cache->sectors_read,
           (unsigned long long)cache->sectors_read * SECTOR_BYTES / KIBIBYTE, cache->sectors_written,
           (unsigned long long)cache->sectors_written * SECTOR_BYTES / KIBIBYTE);
}

int main(int argc, char **argv)
{
    (void)argv;
    if (argc > 1) {
        fprintf(stderr, "usage: diskinfo\n");
        return 2;
    }
    struct kinfo_block_cache cache;
    int count;
    struct kinfo_mount *mounts = kinfo_table(KINFO_MOUNTS, sizeof *mounts, &count);
    if (!mounts || kinfo(KINFO_BLOCK_CACHE, &cache, sizeof cache) < 0) {
        fprintf(stderr, "diskinfo: %s\n", strerror(errno));
        return 1;
    }
    if (list_disks(mounts, count) == 0)
        printf("(no disks)\n");
    printf("\n");
    print_cache(&cache);
    free(mounts);
    return 0;
}

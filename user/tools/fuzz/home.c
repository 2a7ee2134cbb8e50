/* user/tools/fuzz/home.c - the disk under /home, before the run and after
 * it (calls_disk.c fuzzes it in between).
 *
 * Two things the disk keeps by design would read as leaks in the counters
 * (docs/robustness.md, "The counters"), so both are made before the first
 * count and made again after the run:
 *
 *   - the block cache takes kmalloc(BLOCK_SIZE_MAX) of the kernel heap for
 *     each buffer the first time it is used, and keeps it
 *     (kernel/fs/block_cache.c): the warm-up writes a file of more blocks
 *     than the cache has buffers, so that every buffer is taken;
 *   - ext2 keeps the inode of every file it looked up until the file is
 *     deleted or the disk unmounted (kernel/fs/ext2/ext2_inode.c): both
 *     ends look up every name of /home, so the same inodes are in memory.
 *
 * After the run the fuzzers may have left /home unmounted, mounted
 * read-only, or mounted over files they made in memory while it was away:
 * the clean-up removes /home/fuzz from the disk, unmounts it, removes
 * every name from the directory beneath (empty at boot; the fuzzers may
 * have made anything there, the disk's own names too), and mounts the
 * disk again, read-write. A disk another process holds (a shell whose
 * working directory is in /home) stays mounted: EBUSY, as during the run. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <kernel.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "fuzz.h"

#define HOME "/home"
#define DISK_SOURCE "/dev/hda"            /* the disk the kernel mounts on /home at boot (kernel/fs/mount.c) */
#define WARM_UP_FILE HOME_FUZZ_DIRECTORY "/warm-up"
#define WARM_UP_CHUNK (32 * 1024)
#define WARM_UP_SPARE_BLOCKS 64           /* more blocks than buffers: every buffer is taken */
#define WALK_DEPTH_MAX 16                 /* the disk's own tree is shallow */

int home_is_on_disk(void)
{
    struct statfs st;
    return statfs(HOME, &st) == 0 && st.f_type == EXT2_SUPER_MAGIC;
}

/* Is anything mounted on /home (the kernel's list, kinfo(KINFO_MOUNTS))? */
static int home_is_mounted(void)
{
    static struct kinfo_mount mounts[16];
    int bytes = kinfo(KINFO_MOUNTS, mounts, sizeof mounts);
    for (int i = 0; i < bytes / (int)sizeof mounts[0]; i++)
        if (!strncmp(mounts[i].target, HOME, sizeof mounts[i].target))
            return 1;
    return 0;
}

/* Looks up every name under `path` (not following links), which brings
 * each file's inode into memory. */
static void look_up_every_name(const char *path, int depth)
{
    DIR *directory = depth <= WALK_DEPTH_MAX ? opendir(path) : 0;
    if (!directory)
        return;
    struct dirent *entry;
    char child[512];
    while ((entry = readdir(directory))) {
        if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, ".."))
            continue;
        snprintf(child, sizeof child, "%s/%s", path, entry->d_name);
        struct stat st;
        if (lstat(child, &st) == 0 && S_ISDIR(st.st_mode))
            look_up_every_name(child, depth + 1);
    }
    closedir(directory);
}

/* Writes, syncs and removes a file of more blocks than the cache has
 * buffers; nothing if the disk has no room for it (the counters may then
 * show the heap grown by the cache's buffers). */
static void take_every_cache_buffer(void)
{
    struct kinfo_block_cache cache;
    struct statfs st;
    if (kinfo(KINFO_BLOCK_CACHE, &cache, sizeof cache) != (int)sizeof cache || statfs(HOME, &st) < 0 ||
        !st.f_bsize)
        return;
    uint32_t blocks = cache.capacity + WARM_UP_SPARE_BLOCKS;
    if (st.f_bavail < blocks * 2) {
        printf("fuzz: /home has too little room to warm the block cache up; its buffers may count as heap "
               "growth\n");
        return;
    }
    static char chunk[WARM_UP_CHUNK];
    memset(chunk, 'w', sizeof chunk);
    mkdir(HOME_FUZZ_DIRECTORY, 0777);
    int fd = open(WARM_UP_FILE, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    uint32_t bytes = blocks * st.f_bsize;
    for (uint32_t written = 0; fd >= 0 && written < bytes; written += sizeof chunk)
        if (write(fd, chunk, sizeof chunk) != (ssize_t)sizeof chunk)
            break;
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    unlink(WARM_UP_FILE);
    rmdir(HOME_FUZZ_DIRECTORY);
}

void home_warm_up(void)
{
    if (!home_is_on_disk())
        return;
    take_every_cache_buffer();
    sync();
    look_up_every_name(HOME, 0);
}

/* Removes every name in the directory /home is in memory (no disk, or
 * the disk unmounted), which the kernel makes empty at boot: whatever
 * the fuzzers made there while the disk was away, under any name (the
 * disk's own names too: README.txt, spool). Once the disk is mounted
 * again it would hide them, alive, from every walk. */
static void remove_everything_under_home(void)
{
    for (int round = 0; round < 16; round++) {
        char names[16][sizeof ((struct dirent *)0)->d_name];
        int count = 0;
        DIR *directory = opendir(HOME);
        if (!directory)
            return;
        struct dirent *entry;
        while (count < 16 && (entry = readdir(directory)))
            if (strcmp(entry->d_name, ".") && strcmp(entry->d_name, ".."))
                snprintf(names[count++], sizeof names[0], "%s", entry->d_name);
        closedir(directory);
        if (!count)
            return;
        for (int i = 0; i < count; i++)
            if (chdir(HOME) == 0)
                remove_tree(names[i]);      /* by its name in /home; back in / after */
    }
}

void home_clean_up(void)
{
    remove_tree(HOME_FUZZ_DIRECTORY);       /* on whatever is mounted there now */
    if (home_is_mounted()) {
        if (umount(HOME) < 0) {
            if (errno != EBUSY)
                printf("fuzz: umount /home after the run: %s\n", strerror(errno));
            look_up_every_name(HOME, 0);
            return;                         /* someone else holds it: it stays as it is */
        }
    }
    if (!home_is_mounted() && !home_is_on_disk())
        remove_everything_under_home();     /* /home in memory now */
    if (mount(DISK_SOURCE, HOME, "ext2", 0, 0) < 0 && errno != ENOENT)
        printf("fuzz: mount " DISK_SOURCE " on /home after the run: %s\n", strerror(errno));
    remove_tree(HOME_FUZZ_DIRECTORY);       /* left on the disk while it was read-only */
    look_up_every_name(HOME, 0);
}

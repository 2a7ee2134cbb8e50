/* tests/boot/disk_create_and_remove_leak_nothing.c - 300 rounds of
 * create, write, close and unlink, and of mkdir and rmdir, on the disk, by
 * a process and by its child at the same time, leave the kernel as they
 * found it: the same free frames, open files, file-system nodes, memory
 * objects, processes and tasks; the kernel heap grows only by the block
 * cache's new buffers; after sync no cached block is dirty; and on the
 * disk the same blocks and inodes are free as before. */
#include "boot_disk.h"

#define DIRECTORY "/home/leak"
#define ROUNDS 300
#define BYTES_PER_FILE 1500           /* two blocks: one whole, one in part */
/* Each buffer of the block cache takes kmalloc(BLOCK_SIZE_MAX) of the
 * kernel heap the first time it is used, and keeps it for good
 * (take_free_buffer in kernel/fs/block_cache.c): a cache that holds more
 * blocks after the rounds than before has grown the heap by this much for
 * each, without a leak. It cannot grow past its capacity. */
#define CACHE_BUFFER_HEAP_BYTES 4096

static struct kinfo_block_cache read_block_cache(void)
{
    struct kinfo_block_cache cache;
    memset(&cache, 0, sizeof cache);
    CHECK_EQ(sizeof cache, kinfo(KINFO_BLOCK_CACHE, &cache, sizeof cache), "kinfo(KINFO_BLOCK_CACHE)'s bytes");
    return cache;
}

/* `rounds` rounds of each kind, the names marked with `who`; stops at the
 * first failure (it is reported) rather than report 300. */
static void create_and_remove(const char *who, int rounds)
{
    static char bytes[BYTES_PER_FILE];
    memset(bytes, 'x', sizeof bytes);
    char path[96];
    for (int round = 0; round < rounds; round++) {
        snprintf(path, sizeof path, DIRECTORY "/%s_file_%d", who, round);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int written = fd >= 0 ? (int)write(fd, bytes, sizeof bytes) : -1;
        int closed = fd >= 0 ? close(fd) : -1;
        int unlinked = unlink(path);
        snprintf(path, sizeof path, DIRECTORY "/%s_directory_%d", who, round);
        int made = mkdir(path, 0755);
        int removed = rmdir(path);
        if (fd < 0 || written != BYTES_PER_FILE || closed || unlinked || made || removed) {
            CHECK(0, "%s's round %d: expected open, write of %d bytes, close, unlink, mkdir and rmdir to succeed, "
                  "got fd %d, %d written, close %d, unlink %d, mkdir %d, rmdir %d (errno %s)", who, round,
                  BYTES_PER_FILE, fd, written, closed, unlinked, made, removed, strerror(errno));
            return;
        }
    }
}

/* The rounds, by this process and a child of it at the same time. */
static void rounds_by_a_process_and_its_child(void)
{
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        check_failures = 0;
        create_and_remove("child", ROUNDS);
        fflush(stdout);
        _exit(check_failures ? 1 : 0);
    }
    create_and_remove("parent", ROUNDS);
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child's rounds: status 0x%x (failures above)", status);
}

int main(void)
{
    require_home_on_the_disk("disk_create_and_remove_leak_nothing");
    CHECK_EQ(0, mkdir(DIRECTORY, 0755), "mkdir " DIRECTORY);
    /* a first round brings the directory's blocks into the cache and
     * makes what the kernel makes once, on first use */
    create_and_remove("warm_up", 1);

    unsigned tasks = read_counters().tasks;
    warm_up_copy_on_write();
    sync();
    struct statfs disk_before = disk_usage("/home");
    struct kinfo_block_cache cache_before = read_block_cache();
    struct kinfo_counters before = settled_counters(tasks);

    /* in a child, so that the pages its code and data take are freed with it */
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        rounds_by_a_process_and_its_child();
        fflush(stdout);
        _exit(check_failures ? 1 : 0);
    }
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the rounds: status 0x%x (failures above)", status);

    sync();
    struct kinfo_counters after = settled_counters(tasks);
    struct kinfo_block_cache cache_after = read_block_cache();
    struct statfs disk_after = disk_usage("/home");

    CHECK(cache_after.in_use >= cache_before.in_use && cache_after.in_use <= cache_after.capacity,
          "blocks in the cache: expected from %u up to its capacity %u, got %u", cache_before.in_use,
          cache_after.capacity, cache_after.in_use);
    unsigned new_buffers = cache_after.in_use > cache_before.in_use ? cache_after.in_use - cache_before.in_use : 0;
    struct kinfo_counters expected = before;
    expected.heap_bytes_used += new_buffers * CACHE_BUFFER_HEAP_BYTES;
    CHECK_NO_LEAK(expected, after);
    CHECK_EQ(0, cache_after.dirty, "dirty blocks in the cache after sync");
    CHECK_EQ(disk_before.f_bfree, disk_after.f_bfree, "free blocks on the disk after the rounds");
    CHECK_EQ(disk_before.f_ffree, disk_after.f_ffree, "free inodes on the disk after the rounds");
    return test_finish("disk_create_and_remove_leak_nothing");
}

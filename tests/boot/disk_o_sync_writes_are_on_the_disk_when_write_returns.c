// disk-image: 4M
/* tests/boot/disk_o_sync_writes_are_on_the_disk_when_write_returns.c - a
 * file opened with O_SYNC (or O_DSYNC) is written through: when write or
 * pwrite returns, the buffer cache holds no changed block and the disk has
 * received the blocks, as after fsync; a file opened without it leaves its
 * blocks changed in the cache for the flusher. F_GETFL shows the flag and
 * F_SETFL cannot take it away, as on Linux. */
#include "boot_disk.h"

#define TEST_NAME "disk_o_sync_writes_are_on_the_disk_when_write_returns"
#define BYTES 3000                    /* three blocks of 1 KiB */

static struct kinfo_block_cache read_block_cache(void)
{
    struct kinfo_block_cache cache;
    memset(&cache, 0, sizeof cache);
    CHECK_EQ(sizeof cache, kinfo(KINFO_BLOCK_CACHE, &cache, sizeof cache), "kinfo(KINFO_BLOCK_CACHE)'s bytes");
    return cache;
}

/* Writes BYTES into a new file opened with `flags` (by write, or pwrite
 * at 1000 if `at`), and says how many blocks are left changed in the cache
 * and how many the disk received meanwhile. */
static void write_and_count(const char *path, int flags, int at, unsigned *dirty, unsigned *written)
{
    static char bytes[BYTES];
    memset(bytes, 's', sizeof bytes);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | flags, 0644);
    CHECK(fd >= 0, "create %s: expected a descriptor, got -1 (%s)", path, strerror(errno));
    sync();                           /* the creation's own blocks out of the way */
    struct kinfo_block_cache before = read_block_cache();
    int count = at ? (int)pwrite(fd, bytes, BYTES, 1000) : (int)write(fd, bytes, BYTES);
    struct kinfo_block_cache after = read_block_cache();
    CHECK(count == BYTES, "%s: %s of %d bytes: expected all, got %d (%s)", path, at ? "pwrite" : "write", BYTES,
          count, strerror(errno));
    *dirty = after.dirty;
    *written = after.writes - before.writes;
    close(fd);
}

int main(void)
{
    require_home_on_the_disk(TEST_NAME);
    unsigned dirty, written;

    write_and_count("/home/plain", 0, 0, &dirty, &written);
    CHECK(dirty >= 3, "a write without O_SYNC: expected its 3 blocks or more still changed in the cache, got %u",
          dirty);
    CHECK_EQ(0, written, "blocks written to the disk by a write without O_SYNC");

    write_and_count("/home/sync", O_SYNC, 0, &dirty, &written);
    CHECK_EQ(0, dirty, "changed blocks in the cache when an O_SYNC write returns");
    CHECK(written >= 4, "an O_SYNC write: expected its 3 data blocks and its inode's block on the disk, got %u",
          written);

    write_and_count("/home/dsync", O_DSYNC, 1, &dirty, &written);
    CHECK_EQ(0, dirty, "changed blocks in the cache when an O_DSYNC pwrite returns");
    CHECK(written >= 4, "an O_DSYNC pwrite at 1000: expected 4 data blocks and the inode's block on the disk, got %u",
          written);

    int fd = open("/home/sync", O_WRONLY | O_SYNC);
    CHECK(fd >= 0, "open /home/sync with O_SYNC: expected a descriptor, got -1 (%s)", strerror(errno));
    CHECK_EQ(O_SYNC | O_WRONLY, fcntl(fd, F_GETFL) & (O_SYNC | O_ACCMODE), "F_GETFL of a file opened O_SYNC");
    CHECK_EQ(0, fcntl(fd, F_SETFL, 0), "F_SETFL 0");
    CHECK_EQ(O_SYNC, fcntl(fd, F_GETFL) & O_SYNC, "O_SYNC after F_SETFL 0 (it cannot be changed there)");
    close(fd);

    remount_home();
    struct stat st;
    CHECK_EQ(0, stat("/home/sync", &st), "stat /home/sync after umount and mount");
    CHECK_EQ(BYTES, (int)st.st_size, "size of /home/sync after umount and mount");
    CHECK_EQ(0, stat("/home/dsync", &st), "stat /home/dsync after umount and mount");
    CHECK_EQ(1000 + BYTES, (int)st.st_size, "size of /home/dsync after umount and mount");
    return test_finish(TEST_NAME);
}

// disk-image: 4M
/* tests/boot/disk_unlink_frees_every_block_of_a_large_file.c - when a
 * large file goes, every block it took comes back to the disk's free
 * count: its data and each block of its map, down from the single,
 * double and triple indirect blocks (1 KiB blocks: the file has 1 MiB,
 * through its double indirect block, and a byte at block 65804, through
 * its triple one). So after unlink; after the last close of a file
 * unlinked while open; and after open with O_TRUNC. tools/run-tests then
 * checks the disk with e2fsck -fn: no block is still marked in use. */
#include "boot_disk.h"

#define TEST_NAME "disk_unlink_frees_every_block_of_a_large_file"
#define DIRECTORY "/home/gone"         /* its own: an entry in /home may take a block */
#define FILE_PATH DIRECTORY "/large"
#define DATA_SIZE (1024u * DISK_BLOCK_SIZE)
#define FIRST_TRIPLE_BLOCK 65804u     /* 12 + 256 + 256 * 256 */
/* 1024 + 1 data blocks; the map: the single indirect block, the double
 * and 3 indirect blocks under it, the triple and a double and an
 * indirect block under it */
#define FILE_BLOCKS (1024u + 1u + 1u + 4u + 3u)

static unsigned long free_before;     /* the disk's free blocks with no file */

static unsigned long taken(void)
{
    return free_before - disk_usage("/home").f_bfree;
}

/* Creates the large file; its descriptor, open for reading and writing. */
static int make_large_file(void)
{
    int fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0, "create " FILE_PATH ": expected a descriptor, got -1 (%s)", strerror(errno));
    unsigned written = write_pattern(fd, 0, DATA_SIZE, 65536);
    CHECK(written == DATA_SIZE, "write 1 MiB: expected all, the write at %u failed (%s)", written, strerror(errno));
    CHECK_EQ(1, pwrite(fd, "x", 1, (off_t)FIRST_TRIPLE_BLOCK * DISK_BLOCK_SIZE), "write a byte at block 65804");
    CHECK_EQ(FILE_BLOCKS, taken(), "blocks the file took (1025 of data, 8 of its map)");
    return fd;
}

int main(void)
{
    require_home_on_the_disk(TEST_NAME);
    CHECK_EQ(0, mkdir(DIRECTORY, 0755), "mkdir " DIRECTORY);
    free_before = disk_usage("/home").f_bfree;

    close(make_large_file());
    CHECK_EQ(0, unlink(FILE_PATH), "unlink");
    CHECK_EQ(0, taken(), "blocks still taken after unlink");

    int fd = make_large_file();
    CHECK_EQ(0, unlink(FILE_PATH), "unlink while open");
    CHECK_EQ(FILE_BLOCKS, taken(), "blocks taken while the unlinked file is open (all)");
    close(fd);
    CHECK_EQ(0, taken(), "blocks still taken after the last close");

    close(make_large_file());
    fd = open(FILE_PATH, O_WRONLY | O_TRUNC);
    CHECK(fd >= 0, "open O_TRUNC: expected a descriptor, got -1 (%s)", strerror(errno));
    close(fd);
    CHECK_EQ(0, taken(), "blocks still taken after open with O_TRUNC");
    CHECK_EQ(0, unlink(FILE_PATH), "unlink the empty file");
    return test_finish(TEST_NAME);
}

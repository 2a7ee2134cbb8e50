// disk-image: 4M
/* tests/boot/disk_file_past_its_direct_blocks_reads_back.c - a file
 * longer than the 12 blocks its inode points to directly (12 KiB on the
 * 1 KiB-block disk) goes on through its single indirect block: 200 KiB
 * written in odd-sized pieces read back byte for byte, at the seam of the
 * 12th block too, and again from the disk after an umount and a mount;
 * it takes its 200 data blocks and one block of its map. */
#include <sys/mount.h>

#include "boot_disk.h"

#define TEST_NAME "disk_file_past_its_direct_blocks_reads_back"
#define DIRECTORY "/home/big"          /* its own: an entry in /home may take a block */
#define FILE_PATH DIRECTORY "/two_hundred_kib"
#define FILE_BLOCKS 200               /* 12 direct, 188 through the single indirect block */
#define FILE_SIZE (FILE_BLOCKS * DISK_BLOCK_SIZE)
#define DIRECT_BLOCKS 12              /* block numbers in the inode itself */
#define WRITE_PIECE 4093              /* a prime: the pieces never line up with blocks */
#define READ_PIECE 1000

static void check_reads_back(const char *how)
{
    int fd = open(FILE_PATH, O_RDONLY);
    CHECK(fd >= 0, "%s: open " FILE_PATH ": expected a descriptor, got -1 (%s)", how, strerror(errno));
    if (fd < 0)
        return;
    unsigned first_wrong;
    unsigned wrong = pattern_mismatches(fd, 0, FILE_SIZE, READ_PIECE, 0, &first_wrong);
    CHECK(wrong == 0, "%s: expected the %u bytes written, got %u wrong or missing, the first at %u (block %u)", how,
          FILE_SIZE, wrong, first_wrong, first_wrong / DISK_BLOCK_SIZE);
    /* the seam: the last direct block and the first block behind the indirect one */
    wrong = pattern_mismatches(fd, DIRECT_BLOCKS * DISK_BLOCK_SIZE - 10, 20, 20, 0, &first_wrong);
    CHECK(wrong == 0, "%s: the 20 bytes around the end of block 11: %u wrong, the first at %u", how, wrong,
          first_wrong);
    struct stat st;
    CHECK_EQ(0, fstat(fd, &st), "fstat");
    CHECK_EQ(FILE_SIZE, st.st_size, how);
    close(fd);
}

int main(void)
{
    require_home_on_the_disk(TEST_NAME);
    CHECK_EQ(0, mkdir(DIRECTORY, 0755), "mkdir " DIRECTORY);
    struct statfs before = disk_usage("/home");
    int fd = open(FILE_PATH, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0, "create " FILE_PATH ": expected a descriptor, got -1 (%s)", strerror(errno));
    unsigned written = write_pattern(fd, 0, FILE_SIZE, WRITE_PIECE);
    CHECK(written == FILE_SIZE, "write 200 KiB in pieces of %u: expected all, the write at %u failed (%s)",
          WRITE_PIECE, written, strerror(errno));
    CHECK_EQ(0, fsync(fd), "fsync");
    close(fd);
    CHECK_EQ(FILE_BLOCKS + 1, before.f_bfree - disk_usage("/home").f_bfree,
             "blocks the file took (200 of data, 1 indirect block)");
    check_reads_back("read back");

    sync();
    CHECK_EQ(0, umount("/home"), "umount /home (nothing open there)");
    CHECK_EQ(0, mount("/dev/hda", "/home", "ext2", 0, NULL), "mount /dev/hda on /home again");
    check_reads_back("read back from the disk after umount and mount");
    return test_finish(TEST_NAME);
}

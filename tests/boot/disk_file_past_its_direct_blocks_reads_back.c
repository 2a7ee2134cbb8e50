// disk-image: 4M
/* tests/boot/disk_file_past_its_direct_blocks_reads_back.c - a file
 * longer than the 12 blocks its inode points to directly (12 KiB on the
 * 1 KiB-block disk) goes on through its single indirect block: 200 KiB
 * written in odd-sized pieces read back byte for byte, at the seam of the
 * 12th block too, and again from the disk after an umount and a mount;
 * it takes its 200 data blocks and one block of its map. */
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
    int fd = open_to_read_back(FILE_PATH, how);
    if (fd < 0)
        return;
    check_pattern_reads_back(fd, FILE_SIZE, READ_PIECE, how);
    /* the seam: the last direct block and the first block behind the indirect one */
    unsigned first_wrong;
    unsigned wrong = pattern_mismatches(fd, DIRECT_BLOCKS * DISK_BLOCK_SIZE - 10, 20, 20, 0, &first_wrong);
    CHECK(wrong == 0, "%s: the 20 bytes around the end of block 11: %u wrong, the first at %u", how, wrong,
          first_wrong);
    check_size_and_close(fd, FILE_SIZE, how);
}

int main(void)
{
    require_home_on_the_disk(TEST_NAME);
    CHECK_EQ(0, mkdir(DIRECTORY, 0755), "mkdir " DIRECTORY);
    static const struct pattern_run all_of_it[] = { { 0, FILE_SIZE, WRITE_PIECE } };
    CHECK_EQ(FILE_BLOCKS + 1, blocks_taken_by_pattern_file(FILE_PATH, all_of_it, 1),
             "blocks the file took (200 of data, 1 indirect block)");
    check_reads_back("read back");

    remount_home();
    check_reads_back("read back from the disk after umount and mount");
    return test_finish(TEST_NAME);
}

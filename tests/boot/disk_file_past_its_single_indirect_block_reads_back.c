// disk-image: 4M
/* tests/boot/disk_file_past_its_single_indirect_block_reads_back.c - a
 * file longer than its direct blocks and its single indirect block cover
 * (12 + 256 blocks, 268 KiB, on the 1 KiB-block disk) goes on through
 * its double indirect block: 1 MiB written in odd-sized pieces reads back
 * byte for byte, across each seam (block 267 to 268, and from one
 * indirect block under the double one to the next), and again from the
 * disk after an umount and a mount; it takes its 1024 data blocks and 5
 * blocks of its map. */
#include "boot_disk.h"

#define TEST_NAME "disk_file_past_its_single_indirect_block_reads_back"
#define DIRECTORY "/home/big"          /* its own: an entry in /home may take a block */
#define FILE_PATH DIRECTORY "/one_mebibyte"
#define FILE_BLOCKS 1024
#define FILE_SIZE (FILE_BLOCKS * DISK_BLOCK_SIZE)
#define DIRECT_BLOCKS 12              /* block numbers in the inode itself */
#define POINTERS_PER_BLOCK (DISK_BLOCK_SIZE / 4)   /* block numbers in an indirect block */
#define FIRST_DOUBLE_BLOCK (DIRECT_BLOCKS + POINTERS_PER_BLOCK)   /* 268 */
/* the map: the single indirect block, the double indirect block, and under
 * it ceil((1024 - 268) / 256) = 3 indirect blocks */
#define MAP_BLOCKS 5
#define WRITE_PIECE 4093              /* a prime: the pieces never line up with blocks */
#define READ_PIECE 3000

static void check_reads_back(const char *how)
{
    int fd = open_to_read_back(FILE_PATH, how);
    if (fd < 0)
        return;
    check_pattern_reads_back(fd, FILE_SIZE, READ_PIECE, how);
    static const unsigned seams[] = { FIRST_DOUBLE_BLOCK, FIRST_DOUBLE_BLOCK + POINTERS_PER_BLOCK,
                                      FIRST_DOUBLE_BLOCK + 2 * POINTERS_PER_BLOCK };
    for (unsigned i = 0; i < sizeof seams / sizeof seams[0]; i++) {
        unsigned first_wrong;
        unsigned wrong = pattern_mismatches(fd, seams[i] * DISK_BLOCK_SIZE - 10, 20, 20, 0, &first_wrong);
        CHECK(wrong == 0, "%s: the 20 bytes around the start of block %u: %u wrong, the first at %u", how, seams[i],
              wrong, first_wrong);
    }
    check_size_and_close(fd, FILE_SIZE, how);
}

int main(void)
{
    require_home_on_the_disk(TEST_NAME);
    CHECK_EQ(0, mkdir(DIRECTORY, 0755), "mkdir " DIRECTORY);
    static const struct pattern_run all_of_it[] = { { 0, FILE_SIZE, WRITE_PIECE } };
    CHECK_EQ(FILE_BLOCKS + MAP_BLOCKS, blocks_taken_by_pattern_file(FILE_PATH, all_of_it, 1),
             "blocks the file took (1024 of data, 5 of its map)");
    check_reads_back("read back");

    remount_home();
    check_reads_back("read back from the disk after umount and mount");
    return test_finish(TEST_NAME);
}

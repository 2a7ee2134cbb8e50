// disk-image: 4M
/* tests/boot/disk_file_in_its_triple_indirect_block_reads_back.c - the
 * bytes of a file past what its double indirect block covers (12 + 256 +
 * 256 * 256 blocks, 65804 KiB, on the 1 KiB-block disk) go through its
 * triple indirect block. The file is sparse, so a small disk holds it:
 * 3000 bytes across the seam of block 65803 and 65804, and 1000 bytes one
 * double indirect block's span (65536 blocks) further, read back byte for
 * byte, also after an umount and a mount, with zeros between. They take
 * 4 data blocks and 7 of the map: under the double indirect block one
 * indirect block; the triple indirect block, and under it two double
 * indirect blocks with one indirect block each. */
#include "boot_disk.h"

#define TEST_NAME "disk_file_in_its_triple_indirect_block_reads_back"
#define DIRECTORY "/home/big"          /* its own: an entry in /home may take a block */
#define FILE_PATH DIRECTORY "/sparse_128_mib"
#define POINTERS_PER_BLOCK (DISK_BLOCK_SIZE / 4)   /* block numbers in an indirect block */
#define FIRST_TRIPLE_BLOCK (12 + POINTERS_PER_BLOCK + POINTERS_PER_BLOCK * POINTERS_PER_BLOCK)   /* 65804 */
#define SEAM_OFFSET (FIRST_TRIPLE_BLOCK * DISK_BLOCK_SIZE - 1000u)
#define SEAM_SIZE 3000u               /* 1000 bytes of block 65803, all of 65804, 976 of 65805 */
#define FAR_OFFSET ((FIRST_TRIPLE_BLOCK + POINTERS_PER_BLOCK * POINTERS_PER_BLOCK + 300u) * DISK_BLOCK_SIZE + 17u)
#define FAR_SIZE 1000u                /* inside one block */
#define FILE_SIZE (FAR_OFFSET + FAR_SIZE)
#define DATA_BLOCKS 4
#define MAP_BLOCKS 7

static void check_piece(int fd, unsigned offset, unsigned size, int zeros, const char *what, const char *how)
{
    unsigned first_wrong;
    unsigned wrong = pattern_mismatches(fd, offset, size, 4096, zeros, &first_wrong);
    CHECK(wrong == 0, "%s: %s (%u bytes at %u, block %u): %u wrong or missing, the first at %u", how, what, size,
          offset, offset / DISK_BLOCK_SIZE, wrong, first_wrong);
}

static void check_reads_back(const char *how)
{
    int fd = open_to_read_back(FILE_PATH, how);
    if (fd < 0)
        return;
    check_piece(fd, SEAM_OFFSET, SEAM_SIZE, 0, "the bytes across the seam of the triple indirect block", how);
    check_piece(fd, FAR_OFFSET, FAR_SIZE, 0, "the bytes under the second double indirect block", how);
    check_piece(fd, SEAM_OFFSET - 8192, 8192, 1, "the hole before the seam, as zeros", how);
    check_piece(fd, SEAM_OFFSET + SEAM_SIZE, 8192, 1, "the hole after the seam, as zeros", how);
    check_piece(fd, FAR_OFFSET - 5000, 5000, 1, "the hole before the far bytes, as zeros", how);
    check_size_and_close(fd, FILE_SIZE, how);
}

int main(void)
{
    require_home_on_the_disk(TEST_NAME);
    CHECK_EQ(0, mkdir(DIRECTORY, 0755), "mkdir " DIRECTORY);
    static const struct pattern_run seam_and_far[] = { { SEAM_OFFSET, SEAM_SIZE, SEAM_SIZE },
                                                       { FAR_OFFSET, FAR_SIZE, FAR_SIZE } };
    CHECK_EQ(DATA_BLOCKS + MAP_BLOCKS, blocks_taken_by_pattern_file(FILE_PATH, seam_and_far, 2),
             "blocks the sparse file took (4 of data, 7 of its map)");
    check_reads_back("read back");

    remount_home();
    check_reads_back("read back from the disk after umount and mount");
    return test_finish(TEST_NAME);
}

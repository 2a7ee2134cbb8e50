// disk-image: 4M
/* tests/boot/disk_truncate_frees_the_indirect_blocks_past_the_end.c -
 * ftruncate frees every block past the new end, the blocks of the map
 * that map only what is gone (indirect, double and triple indirect
 * blocks) with the data, and keeps the bytes before it: cut in the
 * single indirect block's part, in the double's, past the triple's, in
 * the direct blocks, and to 0, the free count of the disk comes back
 * each time to what the rest of the file takes (1 KiB blocks, 256
 * pointers in an indirect block); the tail of the block the cut falls in
 * reads as zeros when the file grows again. tools/run-tests then checks
 * the disk with e2fsck -fn: no block is still marked in use. */
#include "boot_disk.h"

#define TEST_NAME "disk_truncate_frees_the_indirect_blocks_past_the_end"
#define DIRECTORY "/home/cut"          /* its own: an entry in /home may take a block */
#define FILE_PATH DIRECTORY "/two_mebibytes"
#define FULL_BLOCKS 2048u
#define FULL_SIZE (FULL_BLOCKS * DISK_BLOCK_SIZE)
#define DIRECT_BLOCKS 12              /* block numbers in the inode itself */
#define POINTERS_PER_BLOCK (DISK_BLOCK_SIZE / 4)   /* block numbers in an indirect block */
#define FIRST_DOUBLE_BLOCK (DIRECT_BLOCKS + POINTERS_PER_BLOCK)   /* 268 */
#define FIRST_TRIPLE_BLOCK (FIRST_DOUBLE_BLOCK + POINTERS_PER_BLOCK * POINTERS_PER_BLOCK)   /* 65804 */
#define WRITE_PIECE 4093              /* a prime: the pieces never line up with blocks */

static unsigned long free_before;     /* the disk's free blocks before the file */

/* The blocks a file of `data_blocks` blocks with no holes takes: its data
 * and its map (below the triple indirect block). */
static unsigned blocks_taken_by_a_file(unsigned data_blocks)
{
    unsigned map_blocks = 0;
    if (data_blocks > DIRECT_BLOCKS)
        map_blocks++;
    if (data_blocks > FIRST_DOUBLE_BLOCK)
        map_blocks += 1 + (data_blocks - FIRST_DOUBLE_BLOCK + POINTERS_PER_BLOCK - 1) / POINTERS_PER_BLOCK;
    return data_blocks + map_blocks;
}

static void check_taken(unsigned expected, const char *what)
{
    CHECK_EQ(expected, free_before - disk_usage("/home").f_bfree, what);
}

static void check_pattern(int fd, unsigned offset, unsigned size, int zeros, const char *what)
{
    unsigned first_wrong;
    unsigned wrong = pattern_mismatches(fd, offset, size, 65536, zeros, &first_wrong);
    CHECK(wrong == 0, "%s (%u bytes at %u): %u wrong or missing, the first at %u (block %u)", what, size, offset,
          wrong, first_wrong, first_wrong / DISK_BLOCK_SIZE);
}

static void truncate_to(int fd, unsigned size, const char *what)
{
    CHECK(ftruncate(fd, size) == 0, "ftruncate to %u (%s): expected 0, got -1 (%s)", size, what, strerror(errno));
    struct stat st;
    fstat(fd, &st);
    CHECK_EQ(size, st.st_size, what);
}

static void fill(int fd)
{
    unsigned written = write_pattern(fd, 0, FULL_SIZE, WRITE_PIECE);
    CHECK(written == FULL_SIZE, "write 2 MiB: expected all, the write at %u failed (%s)", written, strerror(errno));
    check_taken(blocks_taken_by_a_file(FULL_BLOCKS), "blocks of the 2 MiB file (2048 of data, 9 of its map)");
}

int main(void)
{
    require_home_on_the_disk(TEST_NAME);
    CHECK_EQ(0, mkdir(DIRECTORY, 0755), "mkdir " DIRECTORY);
    free_before = disk_usage("/home").f_bfree;
    int fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0, "create " FILE_PATH ": expected a descriptor, got -1 (%s)", strerror(errno));
    fill(fd);

    /* a cut in the single indirect block's part: the double indirect
     * tree goes whole, the single indirect block stays */
    unsigned size = 100 * DISK_BLOCK_SIZE + 300;
    truncate_to(fd, size, "cut inside block 100");
    check_taken(blocks_taken_by_a_file(101), "blocks after the cut inside block 100 (101 of data, 1 indirect)");
    check_pattern(fd, 0, size, 0, "the bytes kept");
    truncate_to(fd, FULL_SIZE, "grown again to 2 MiB");
    check_taken(blocks_taken_by_a_file(101), "blocks after growing by ftruncate (it takes none)");
    check_pattern(fd, size, FULL_SIZE - size, 1, "the bytes past the cut, grown again: zeros");

    /* a cut in the double indirect block's part: the indirect blocks
     * under it past the cut go, the one the cut falls in stays */
    fill(fd);
    size = 1000 * DISK_BLOCK_SIZE;
    truncate_to(fd, size, "cut at block 1000");
    check_taken(blocks_taken_by_a_file(1000), "blocks after the cut at block 1000 (1000 of data, 5 of its map)");
    check_pattern(fd, 0, size, 0, "the bytes kept");

    /* a byte in the triple indirect block's part, cut off again: the
     * triple indirect block and the double and indirect block under it go */
    CHECK_EQ(1, pwrite(fd, "x", 1, (off_t)FIRST_TRIPLE_BLOCK * DISK_BLOCK_SIZE + 5), "write a byte at block 65804");
    check_taken(blocks_taken_by_a_file(1000) + 4, "blocks with the byte at block 65804 (1 of data, 3 of its map)");
    truncate_to(fd, size, "cut at block 1000 again");
    check_taken(blocks_taken_by_a_file(1000), "blocks after cutting the triple indirect tree off");

    /* a cut in the direct blocks: no indirect block is left */
    size = 5 * DISK_BLOCK_SIZE + 7;
    truncate_to(fd, size, "cut inside block 5");
    check_taken(6, "blocks after the cut inside block 5 (6 of data, no map)");
    check_pattern(fd, 0, size, 0, "the bytes kept");

    truncate_to(fd, 0, "cut to 0");
    check_taken(0, "blocks after the cut to 0");
    close(fd);
    return test_finish(TEST_NAME);
}

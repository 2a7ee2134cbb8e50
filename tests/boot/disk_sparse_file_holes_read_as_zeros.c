// disk-image: 4M
/* tests/boot/disk_sparse_file_holes_read_as_zeros.c - a file written only
 * here and there is sparse: a block never written is a hole, which reads
 * as zeros and takes no block, whether its pointer is a zero in the inode,
 * in an indirect block, or below an indirect block that does not exist.
 * On the 1 KiB-block disk: 100 bytes in block 5 (direct), 100 in block
 * 100 (single indirect), 100 in block 2000 (double indirect), and the
 * size raised to 3000 KiB by ftruncate; reading it all takes no block, and
 * writing into a hole later takes only the blocks it needs (block 101: 1;
 * block 600: 2, its indirect block too), after an umount and a mount too. */
#include "boot_disk.h"

#define TEST_NAME "disk_sparse_file_holes_read_as_zeros"
#define DIRECTORY "/home/sparse"       /* its own: an entry in /home may take a block */
#define FILE_PATH DIRECTORY "/holes"
#define FILE_SIZE (3000u * DISK_BLOCK_SIZE)
#define PIECE 100u                    /* bytes written in each block, 200 bytes into it */
#define PIECE_AT(block) ((block) * DISK_BLOCK_SIZE + 200u)
#define PIECES_MAX 8

static unsigned written_blocks[PIECES_MAX];   /* the blocks written, in order */
static unsigned written_count;

static void write_piece(int fd, unsigned block)
{
    unsigned written = write_pattern(fd, PIECE_AT(block), PIECE, PIECE);
    CHECK(written == PIECE, "write %u bytes into block %u: expected all, got %u (%s)", PIECE, block, written,
          strerror(errno));
    written_blocks[written_count++] = block;
}

/* Is byte `offset` one of those written? */
static int was_written(unsigned offset)
{
    for (unsigned i = 0; i < written_count; i++)
        if (offset >= PIECE_AT(written_blocks[i]) && offset < PIECE_AT(written_blocks[i]) + PIECE)
            return 1;
    return 0;
}

/* Reads the whole file in pieces of 64 KiB: the bytes written, zeros elsewhere. */
static void check_whole_file(const char *how)
{
    static unsigned char bytes[65536];
    int fd = open_to_read_back(FILE_PATH, how);
    if (fd < 0)
        return;
    unsigned position = 0, wrong = 0, first_wrong = 0;
    int count;
    while ((count = read(fd, bytes, sizeof bytes)) > 0) {
        for (unsigned i = 0; i < (unsigned)count; i++) {
            unsigned char expected = was_written(position + i) ? pattern_byte(position + i) : 0;
            if (bytes[i] != expected && wrong++ == 0)
                first_wrong = position + i;
        }
        position += (unsigned)count;
    }
    CHECK(count == 0, "%s: read at %u: expected bytes or the end, got -1 (%s)", how, position, strerror(errno));
    CHECK_EQ(FILE_SIZE, position, how);
    CHECK(wrong == 0, "%s: %u bytes differ from what was written (zeros in the holes), the first at %u (block %u)",
          how, wrong, first_wrong, first_wrong / DISK_BLOCK_SIZE);
    close(fd);
}

int main(void)
{
    require_home_on_the_disk(TEST_NAME);
    CHECK_EQ(0, mkdir(DIRECTORY, 0755), "mkdir " DIRECTORY);
    struct statfs before = disk_usage("/home");
    int fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0, "create " FILE_PATH ": expected a descriptor, got -1 (%s)", strerror(errno));
    write_piece(fd, 5);
    write_piece(fd, 100);
    write_piece(fd, 2000);
    CHECK_EQ(0, ftruncate(fd, FILE_SIZE), "ftruncate up to 3000 KiB");
    CHECK_EQ(0, fsync(fd), "fsync");
    close(fd);
    /* 3 of data; the single indirect block; the double indirect block and
     * the one indirect block under it that maps block 2000 */
    struct statfs written = disk_usage("/home");
    CHECK_EQ(6, before.f_bfree - written.f_bfree, "blocks the sparse file took (3 of data, 3 of its map)");
    check_whole_file("read of the sparse file");
    CHECK_EQ(written.f_bfree, disk_usage("/home").f_bfree, "free blocks after reading the holes (reading takes none)");

    fd = open(FILE_PATH, O_RDWR);
    write_piece(fd, 101);             /* its pointer: in the single indirect block */
    CHECK_EQ(1, written.f_bfree - disk_usage("/home").f_bfree, "blocks taken by writing into block 101 (1 of data)");
    write_piece(fd, 600);             /* below an indirect block not there yet */
    CHECK_EQ(3, written.f_bfree - disk_usage("/home").f_bfree,
             "blocks taken by writing into blocks 101 and 600 (2 of data, 1 indirect block)");
    close(fd);
    check_whole_file("read after filling two holes");

    remount_home();
    check_whole_file("read from the disk after umount and mount");
    return test_finish(TEST_NAME);
}

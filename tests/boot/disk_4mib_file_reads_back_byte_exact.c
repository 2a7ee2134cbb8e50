// disk-image: 16M
/* tests/boot/disk_4mib_file_reads_back_byte_exact.c - a 4 MiB file on the
 * disk (twice the block cache, and through the inode's double indirect
 * block) reads back byte for byte: written in odd-sized pieces, read in
 * other sizes, from the middle, and again from the disk itself after an
 * umount and a mount; it takes exactly its data blocks and its block map's
 * blocks; and a file written only at 3 MiB is sparse: zeros before that,
 * and only the blocks written are taken. */
#include <sys/mount.h>

#include "boot_disk.h"

#define DIRECTORY "/home/big"
#define BIG_FILE DIRECTORY "/four_mebibytes"
#define SPARSE_FILE DIRECTORY "/sparse"
#define FILE_SIZE (4u << 20)
#define WRITE_PIECE 4093              /* a prime: the pieces never line up with blocks */
#define SPARSE_OFFSET (3u << 20)
#define POINTERS_PER_BLOCK (DISK_BLOCK_SIZE / 4)   /* block numbers in an indirect block */
#define DIRECT_BLOCKS 12              /* block numbers in the inode itself */

static unsigned char buffer[65536];

/* The blocks an ext2 file of `data_blocks` blocks with no holes takes:
 * its data, and the indirect blocks of its block map (12 direct pointers
 * in the inode, then one indirect block of 256, then a double indirect
 * block pointing to indirect blocks of 256 each). */
static unsigned blocks_taken_by_a_file(unsigned data_blocks)
{
    unsigned map_blocks = 0;
    if (data_blocks > DIRECT_BLOCKS)
        map_blocks++;
    if (data_blocks > DIRECT_BLOCKS + POINTERS_PER_BLOCK) {
        unsigned in_double = data_blocks - DIRECT_BLOCKS - POINTERS_PER_BLOCK;
        map_blocks += 1 + (in_double + POINTERS_PER_BLOCK - 1) / POINTERS_PER_BLOCK;
    }
    return data_blocks + map_blocks;
}

/* Reads the whole file in pieces of `piece` bytes and compares each byte
 * with the pattern: the first difference and the checksums say what came. */
static void check_reads_back(const char *path, unsigned piece, const char *how)
{
    int fd = open(path, O_RDONLY);
    CHECK(fd >= 0, "open %s: expected a descriptor, got -1 (%s)", path, strerror(errno));
    if (fd < 0)
        return;
    unsigned position = 0, expected_sum = CHECKSUM_START, actual_sum = CHECKSUM_START;
    unsigned differences = 0, first_difference = 0;
    int count;
    while ((count = read(fd, buffer, piece)) > 0) {
        for (int i = 0; i < count; i++) {
            unsigned char expected = pattern_byte(position + i);
            expected_sum = checksum(expected_sum, &expected, 1);
            if (buffer[i] != expected && differences++ == 0) {
                first_difference = position + i;
                CHECK(0, "%s: the first difference at byte %u (block %u + %u): expected 0x%02x, got 0x%02x", how,
                      first_difference, first_difference / DISK_BLOCK_SIZE, first_difference % DISK_BLOCK_SIZE,
                      expected, buffer[i]);
            }
        }
        actual_sum = checksum(actual_sum, buffer, count);
        position += count;
    }
    CHECK(count == 0, "%s: a read failed at %u: %s", how, position, strerror(errno));
    close(fd);
    CHECK_EQ(FILE_SIZE, position, how);
    CHECK(expected_sum == actual_sum && differences == 0,
          "%s: checksum expected %08x, got %08x; %u bytes differ", how, expected_sum, actual_sum, differences);
}

static void a_4mib_file_written_in_odd_pieces_reads_back_in_other_pieces(void)
{
    struct statfs before = disk_usage("/home");
    int fd = open(BIG_FILE, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0, "create " BIG_FILE ": expected a descriptor, got -1 (%s)", strerror(errno));
    unsigned position = 0;
    while (fd >= 0 && position < FILE_SIZE) {
        unsigned piece = FILE_SIZE - position < WRITE_PIECE ? FILE_SIZE - position : WRITE_PIECE;
        for (unsigned i = 0; i < piece; i++)
            buffer[i] = pattern_byte(position + i);
        int written = write(fd, buffer, piece);
        if (written != (int)piece) {
            CHECK(0, "write of %u bytes at %u: expected %u, got %d (%s)", piece, position, piece, written,
                  written < 0 ? strerror(errno) : "short");
            break;
        }
        position += piece;
    }
    struct stat st;
    fstat(fd, &st);
    CHECK_EQ(FILE_SIZE, st.st_size, "size of the 4 MiB file");
    CHECK_EQ(0, fsync(fd), "fsync of the 4 MiB file");
    close(fd);
    struct statfs after = disk_usage("/home");
    CHECK_EQ(blocks_taken_by_a_file(FILE_SIZE / DISK_BLOCK_SIZE), before.f_bfree - after.f_bfree,
             "blocks the 4 MiB file took (4096 of data, 17 of its block map)");

    check_reads_back(BIG_FILE, 1000, "read back in pieces of 1000 bytes");
    check_reads_back(BIG_FILE, sizeof buffer, "read back in pieces of 64 KiB");
}

static void a_read_from_the_middle_returns_the_bytes_there(void)
{
    static const unsigned offsets[] = { FILE_SIZE / 2 + 517, 12 * DISK_BLOCK_SIZE - 5, 268 * DISK_BLOCK_SIZE - 5,
                                        FILE_SIZE - 3000 };
    int fd = open(BIG_FILE, O_RDONLY);
    for (unsigned i = 0; i < sizeof offsets / sizeof offsets[0]; i++) {
        unsigned offset = offsets[i];
        CHECK_EQ(offset, lseek(fd, offset, SEEK_SET), "lseek into the 4 MiB file");
        unsigned want = FILE_SIZE - offset < 10000 ? FILE_SIZE - offset : 10000;
        CHECK_EQ(want, read_fully(fd, buffer, want), "bytes read from the middle");
        for (unsigned j = 0; j < want; j++)
            if (buffer[j] != pattern_byte(offset + j)) {
                CHECK(0, "read from %u: the first difference at byte %u: expected 0x%02x, got 0x%02x", offset,
                      offset + j, pattern_byte(offset + j), buffer[j]);
                break;
            }
    }
    close(fd);
}

static void a_file_written_only_at_3mib_reads_zeros_before_and_takes_few_blocks(void)
{
    struct statfs before = disk_usage("/home");
    int fd = open(SPARSE_FILE, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK_EQ(SPARSE_OFFSET, lseek(fd, SPARSE_OFFSET, SEEK_SET), "lseek to 3 MiB");
    for (unsigned i = 0; i < WRITE_PIECE; i++)
        buffer[i] = pattern_byte(SPARSE_OFFSET + i);
    CHECK_EQ(WRITE_PIECE, write(fd, buffer, WRITE_PIECE), "write at 3 MiB");
    struct stat st;
    fstat(fd, &st);
    CHECK_EQ(SPARSE_OFFSET + WRITE_PIECE, st.st_size, "size of the sparse file");
    /* 4093 bytes at block 3072 fill blocks 3072-3075; the map needs the
     * double indirect block and one indirect block under it */
    struct statfs written = disk_usage("/home");
    CHECK_EQ(4 + 2, before.f_bfree - written.f_bfree, "blocks the sparse file took (4 of data, 2 of its map)");

    lseek(fd, 0, SEEK_SET);
    unsigned position = 0, nonzero = 0, first_nonzero = 0;
    while (position < SPARSE_OFFSET) {
        int count = read(fd, buffer, sizeof buffer);
        if (count <= 0) {
            CHECK(0, "read of the hole at %u: expected bytes, got %d (%s)", position, count, strerror(errno));
            break;
        }
        for (int i = 0; i < count; i++)
            if (buffer[i] && nonzero++ == 0)
                first_nonzero = position + i;
        position += count;
    }
    CHECK(nonzero == 0, "the hole before 3 MiB: expected zeros, got %u nonzero bytes, the first at %u", nonzero,
          first_nonzero);
    lseek(fd, SPARSE_OFFSET, SEEK_SET);
    CHECK_EQ(WRITE_PIECE, read_fully(fd, buffer, sizeof buffer), "bytes after the hole");
    for (unsigned i = 0; i < WRITE_PIECE; i++)
        if (buffer[i] != pattern_byte(SPARSE_OFFSET + i)) {
            CHECK(0, "byte %u after the hole: expected 0x%02x, got 0x%02x", SPARSE_OFFSET + i,
                  pattern_byte(SPARSE_OFFSET + i), buffer[i]);
            break;
        }
    close(fd);
    CHECK_EQ(written.f_bfree, disk_usage("/home").f_bfree, "free blocks after reading the hole (reading takes none)");
}

/* After an umount the cache holds none of the disk's blocks: this read
 * comes from the disk. */
static void the_file_reads_back_from_the_disk_after_umount_and_mount(void)
{
    sync();
    CHECK_EQ(0, umount("/home"), "umount /home (nothing open there)");
    CHECK_EQ(0, mount("/dev/hda", "/home", "ext2", 0, NULL), "mount /dev/hda on /home again");
    check_reads_back(BIG_FILE, 3 * 4096 + 1, "read back after umount and mount, in pieces of 12289 bytes");
    struct stat st;
    CHECK_EQ(0, stat(SPARSE_FILE, &st), "stat of the sparse file after mount");
    CHECK_EQ(SPARSE_OFFSET + WRITE_PIECE, st.st_size, "size of the sparse file after mount");
}

int main(void)
{
    require_home_on_the_disk("disk_4mib_file_reads_back_byte_exact");
    CHECK_EQ(0, mkdir(DIRECTORY, 0755), "mkdir " DIRECTORY);
    a_4mib_file_written_in_odd_pieces_reads_back_in_other_pieces();
    a_read_from_the_middle_returns_the_bytes_there();
    a_file_written_only_at_3mib_reads_zeros_before_and_takes_few_blocks();
    the_file_reads_back_from_the_disk_after_umount_and_mount();
    return test_finish("disk_4mib_file_reads_back_byte_exact");
}

// disk-image: 1M -N 32
/* tests/boot/disk_full_gives_enospc_and_inodes_run_out.c - on a disk of
 * 1 MiB with 32 inodes: a file that grows until the blocks run out gets
 * ENOSPC (after a short count, perhaps), keeps exactly the bytes written
 * as its size and contents, and nothing else can take a block then (a
 * write to another file, a mkdir: ENOSPC, leaving no name behind); its
 * unlink gives every block back. Creating files until the inodes run out
 * gets ENOSPC too; removing them gives the inodes back. At the end statfs
 * counts what it counted at the start. (The runner's e2fsck then finds
 * the image consistent: a full disk never corrupts it.) */
#include "boot_disk.h"

#define DIRECTORY "/home/full"
#define FILLER DIRECTORY "/filler"
#define PIECE 1000                    /* bytes per write: not a multiple of the block */
/* When the last free block is wanted for an indirect block and data, the
 * write fails with that block (or two) still free: "full" leaves at most
 * this many. */
#define BLOCKS_A_FULL_DISK_MAY_LEAVE 2

static struct statfs at_start;

static void a_growing_file_gets_enospc_and_keeps_what_was_written(void)
{
    int fd = open(FILLER, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0, "create " FILLER ": expected a descriptor, got -1 (%s)", strerror(errno));
    static unsigned char piece[PIECE];
    unsigned total = 0, short_writes = 0;
    int result = 0, error = 0;
    for (int round = 0; round < 4096 && fd >= 0; round++) {
        for (unsigned i = 0; i < PIECE; i++)
            piece[i] = pattern_byte(total + i);
        errno = 0;
        result = write(fd, piece, PIECE);
        error = errno;
        if (result < 0)
            break;
        total += result;
        if (result < PIECE)
            short_writes++;
    }
    CHECK(result == -1 && error == ENOSPC, "filling the disk: expected a write to end with -1 and ENOSPC, "
          "the last gave %d with errno %d (%s) after %u bytes", result, error, strerror(error), total);
    CHECK(short_writes <= 1, "short writes before ENOSPC: expected at most 1, got %u", short_writes);
    CHECK(total > at_start.f_bfree * DISK_BLOCK_SIZE / 2,
          "bytes written before ENOSPC: expected more than half the %u free KiB, got %u", (unsigned)at_start.f_bfree,
          total);
    CHECK_ERROR(write(fd, piece, 1), ENOSPC);

    struct stat st;
    fstat(fd, &st);
    CHECK_EQ(total, st.st_size, "the full file's size (the bytes written)");
    struct statfs full = disk_usage("/home");
    CHECK(full.f_bfree <= BLOCKS_A_FULL_DISK_MAY_LEAVE, "free blocks on the full disk: expected at most %d, got %u",
          BLOCKS_A_FULL_DISK_MAY_LEAVE, (unsigned)full.f_bfree);
    CHECK_EQ(0, fsync(fd), "fsync of the full file");

    /* what was written reads back, up to the last byte */
    lseek(fd, 0, SEEK_SET);
    unsigned position = 0, differences = 0;
    int count;
    while ((count = read(fd, piece, PIECE)) > 0) {
        for (int i = 0; i < count; i++)
            if (piece[i] != pattern_byte(position + i) && differences++ == 0)
                CHECK(0, "the full file's byte %u: expected 0x%02x, got 0x%02x", position + i,
                      pattern_byte(position + i), piece[i]);
        position += count;
    }
    CHECK_EQ(total, position, "bytes read back from the full file");
    close(fd);
}

static void nothing_else_takes_a_block_on_the_full_disk(void)
{
    /* an empty file needs only an inode; its bytes take the blocks a full
     * disk may leave (direct ones: no map block is needed), then ENOSPC */
    int fd = open(DIRECTORY "/latecomer", O_WRONLY | O_CREAT, 0644);
    CHECK(fd >= 0, "creating an empty file on the full disk: expected a descriptor, got -1 (%s)", strerror(errno));
    static char kilobyte[DISK_BLOCK_SIZE];
    for (int i = 0; i < BLOCKS_A_FULL_DISK_MAY_LEAVE && fd >= 0; i++)
        if (write(fd, kilobyte, sizeof kilobyte) < 0)
            break;
    CHECK_ERROR(write(fd, kilobyte, sizeof kilobyte), ENOSPC);
    close(fd);
    struct statfs full = disk_usage("/home");
    CHECK_EQ(0, full.f_bfree, "free blocks once a small file took the last ones");

    /* a new directory needs a block for its entries: refused, and it
     * leaves neither a name nor a used inode behind */
    CHECK_ERROR(mkdir(DIRECTORY "/no_room", 0755), ENOSPC);
    struct stat st;
    CHECK_ERROR(stat(DIRECTORY "/no_room", &st), ENOENT);
    CHECK_EQ(full.f_ffree, disk_usage("/home").f_ffree, "free inodes after a mkdir refused for want of a block");
    CHECK_EQ(0, unlink(DIRECTORY "/latecomer"), "unlink of the latecomer");
}

static void unlinking_the_full_file_gives_every_block_back(void)
{
    CHECK_EQ(0, unlink(FILLER), "unlink of the full file");
    struct statfs after = disk_usage("/home");
    CHECK_EQ(at_start.f_bfree, after.f_bfree, "free blocks after unlinking the full file (as at the start)");
    CHECK_EQ(at_start.f_ffree, after.f_ffree, "free inodes after unlinking the full file (as at the start)");
    CHECK_EQ(0, write_file(DIRECTORY "/after_full", "room again"), "writing a file once there is room again");
    char text[32];
    read_file(DIRECTORY "/after_full", text, sizeof text);
    CHECK(!strcmp(text, "room again"), "the file written after: expected \"room again\", got \"%s\"", text);
    unlink(DIRECTORY "/after_full");
}

static void creating_files_until_the_inodes_run_out_gets_enospc(void)
{
    enum { TRIES = 64 };               /* more than the disk's 32 inodes */
    char path[64];
    int created = 0;
    errno = 0;
    for (; created < TRIES; created++) {
        snprintf(path, sizeof path, DIRECTORY "/empty_%02d", created);
        if (touch(path) != 0)
            break;
    }
    int error = errno;
    CHECK(created < TRIES && error == ENOSPC, "creating files: expected ENOSPC before %d, got %d created, errno %d (%s)",
          TRIES, created, error, strerror(error));
    CHECK_EQ(at_start.f_ffree, created, "files created before ENOSPC (the free inodes at the start)");
    CHECK_EQ(0, disk_usage("/home").f_ffree, "free inodes once they ran out");
    struct stat st;
    CHECK_ERROR(stat(path, &st), ENOENT);       /* the one refused left no name */
    CHECK_ERROR(mkdir(DIRECTORY "/no_inode", 0755), ENOSPC);
    CHECK_ERROR(symlink("empty_00", DIRECTORY "/no_inode_link"), ENOSPC);
    CHECK_ERROR(mkfifo(DIRECTORY "/no_inode_fifo", 0600), ENOSPC);
    CHECK_ERROR(stat(DIRECTORY "/no_inode", &st), ENOENT);
    /* a hard link needs no inode */
    CHECK_EQ(0, link(DIRECTORY "/empty_00", DIRECTORY "/empty_00_again"), "link when no inode is free");
    CHECK_EQ(0, unlink(DIRECTORY "/empty_00_again"), "unlink of that link");

    int removed = 0;
    for (int i = 0; i < created; i++) {
        snprintf(path, sizeof path, DIRECTORY "/empty_%02d", i);
        removed += unlink(path) == 0;
    }
    CHECK_EQ(created, removed, "empty files removed");
    CHECK_EQ(at_start.f_ffree, disk_usage("/home").f_ffree, "free inodes after removing them (as at the start)");
    CHECK_EQ(0, touch(DIRECTORY "/one_more"), "creating a file once inodes are free again");
    unlink(DIRECTORY "/one_more");
}

int main(void)
{
    require_home_on_the_disk("disk_full_gives_enospc_and_inodes_run_out");
    CHECK_EQ(0, mkdir(DIRECTORY, 0755), "mkdir " DIRECTORY);
    at_start = disk_usage("/home");
    CHECK(at_start.f_files <= 32 && at_start.f_blocks <= 1024,
          "the disk: expected 1 MiB with 32 inodes (// disk-image: 1M -N 32), got %u blocks of %u bytes, %u inodes",
          (unsigned)at_start.f_blocks, at_start.f_bsize, (unsigned)at_start.f_files);
    a_growing_file_gets_enospc_and_keeps_what_was_written();
    nothing_else_takes_a_block_on_the_full_disk();
    unlinking_the_full_file_gives_every_block_back();
    creating_files_until_the_inodes_run_out_gets_enospc();
    struct statfs at_end = disk_usage("/home");
    CHECK_EQ(at_start.f_bfree, at_end.f_bfree, "free blocks at the end (as at the start)");
    CHECK_EQ(at_start.f_ffree, at_end.f_ffree, "free inodes at the end (as at the start)");
    sync();
    return test_finish("disk_full_gives_enospc_and_inodes_run_out");
}

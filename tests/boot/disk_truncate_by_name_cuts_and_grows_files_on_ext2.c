// disk-image: 4M
/* disk_truncate_by_name_cuts_and_grows_files_on_ext2: truncate(path,
 * length) on the disk (ext2 on /home) as ftruncate does: a cut keeps the
 * bytes before the new end and gives the disk back the blocks past it,
 * the rest of the block the end falls in reading as zeros when the file
 * grows again; growing makes a hole, which takes no block; the times
 * move; the new size is on the disk (it survives an unmount). EISDIR for
 * a directory, EACCES for a user without write permission, EROFS on a
 * read-only mount, which leaves the file as it was. tools/run-tests then
 * checks the disk with e2fsck -fn. */
#include "boot_disk.h"

#define TEST_NAME "disk_truncate_by_name_cuts_and_grows_files_on_ext2"
#define DIRECTORY "/home/truncate"
#define FILE_PATH DIRECTORY "/file"
#define FIRST_SIZE 5000u               /* five blocks, the last partly */
#define CUT_SIZE 1500u                 /* within the second block */
#define GROWN_SIZE 9000u
#define UNPRIVILEGED_UID 1000
#define BEFORE_THE_CLOCK_MOVES 1100000   /* microseconds: the times are in seconds */

static unsigned long free_before;      /* the disk's free blocks before the file */

static long size_of(const char *path)
{
    struct stat status;
    return stat(path, &status) == 0 ? (long)status.st_size : -1;
}

static void check_taken(unsigned long blocks, const char *what)
{
    CHECK_EQ(blocks, free_before - disk_usage("/home").f_bfree, what);
}

static void check_bytes(unsigned offset, unsigned size, int zeros, const char *what)
{
    int fd = open_to_read_back(FILE_PATH, what);
    unsigned first_wrong;
    unsigned wrong = pattern_mismatches(fd, offset, size, 4096, zeros, &first_wrong);
    CHECK(wrong == 0, "%s (%u bytes at %u): %u wrong or missing, the first at %u", what, size, offset, wrong,
          first_wrong);
    close(fd);
}

static void cut_and_grow(void)
{
    free_before = disk_usage("/home").f_bfree;
    int fd = open(FILE_PATH, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK_EQ(FIRST_SIZE, write_pattern(fd, 0, FIRST_SIZE, 4096), "the pattern written");
    CHECK_EQ(0, fsync(fd), "fsync");
    close(fd);
    check_taken(5, "blocks of the file written");

    struct stat before, after;
    stat(FILE_PATH, &before);
    usleep(BEFORE_THE_CLOCK_MOVES);
    CHECK_EQ(0, truncate(FILE_PATH, CUT_SIZE), "truncate to 1500");
    CHECK_EQ(CUT_SIZE, size_of(FILE_PATH), "size after the cut");
    stat(FILE_PATH, &after);
    CHECK(after.st_mtime > before.st_mtime && after.st_ctime > before.st_ctime, "the cut moved the times");
    sync();
    check_taken(2, "blocks after the cut (the second block holds the end)");
    check_bytes(0, CUT_SIZE, 0, "the bytes before the cut");

    CHECK_EQ(0, truncate(FILE_PATH, GROWN_SIZE), "truncate to 9000");
    CHECK_EQ(GROWN_SIZE, size_of(FILE_PATH), "size after growing");
    sync();
    check_taken(2, "blocks after growing (a hole takes none)");
    check_bytes(0, CUT_SIZE, 0, "the bytes before the cut, after growing");
    check_bytes(CUT_SIZE, GROWN_SIZE - CUT_SIZE, 1, "zeros from the cut to the new end");
}

static void the_size_is_on_the_disk(void)
{
    CHECK_EQ(0, truncate(FILE_PATH, 100), "truncate to 100");
    CHECK_EQ(0, umount("/home"), "umount /home");
    CHECK_EQ(0, mount("/dev/hda", "/home", "ext2", 0, NULL), "mount /dev/hda again");
    CHECK_EQ(100, size_of(FILE_PATH), "the size read back from the disk");
    check_bytes(0, 100, 0, "the bytes read back from the disk");
}

static void refused_on_a_read_only_mount(void)
{
    CHECK_EQ(0, umount("/home"), "umount /home");
    CHECK_EQ(0, mount("/dev/hda", "/home", "ext2", MS_RDONLY, NULL), "mount /dev/hda read-only");
    CHECK_ERROR(truncate(FILE_PATH, 0), EROFS);
    CHECK_EQ(100, size_of(FILE_PATH), "the size stays");
    CHECK_EQ(0, umount("/home"), "umount the read-only /home");
    CHECK_EQ(0, mount("/dev/hda", "/home", "ext2", 0, NULL), "mount /dev/hda read-write again");
}

static void refused_to_a_user(void)
{
    CHECK_EQ(0, setuid(UNPRIVILEGED_UID), "setuid");
    CHECK_ERROR(truncate(FILE_PATH, 0), EACCES);
    CHECK_EQ(100, size_of(FILE_PATH), "the size stays");
}

int main(void)
{
    require_home_on_the_disk(TEST_NAME);
    CHECK_EQ(0, mkdir(DIRECTORY, 0755), "mkdir " DIRECTORY);
    cut_and_grow();
    the_size_is_on_the_disk();
    refused_on_a_read_only_mount();
    run_checks_in_child(refused_to_a_user);
    CHECK_ERROR(truncate(DIRECTORY, 0), EISDIR);
    CHECK_ERROR(truncate(FILE_PATH, -1), EINVAL);
    CHECK_EQ(0, truncate(FILE_PATH, 0), "truncate to 0");
    return test_finish(TEST_NAME);
}

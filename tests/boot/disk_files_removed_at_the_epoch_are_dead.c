/* tests/boot/disk_files_removed_at_the_epoch_are_dead.c - a file, a
 * directory and a symbolic link made and removed on the disk while the
 * clock reads the Epoch (root may set it there: clock_settime), and again
 * 100 seconds after it, leave a disk e2fsck finds clean (the runner's
 * second result, disk_..._are_dead.e2fsck_clean). A dead inode's dtime is
 * the time of its deletion, and e2fsck reads 0 as "not deleted" ("deleted
 * inode has zero dtime") and a value below the inode count as the link of
 * ext3's orphan list: the kernel writes at least the inode count there
 * (kernel/fs/ext2/ext2_inode.c, deletion_time). Found by tools/fuzz, seed
 * 7119, whose clock_settime calls put the clock at 0 now and then. The
 * clock is put back at the end, so that the superblock's times are
 * ordinary and e2fsck looks at low deletion times too. */
#include <sys/stat.h>
#include <time.h>

#include "boot_disk.h"

#define DIRECTORY "/home/epoch"

/* Makes and removes a file of one block, a directory and a symbolic link
 * with the clock at `seconds` since the Epoch. */
static void make_and_remove_at(time_t seconds)
{
    struct timespec when = { seconds, 0 };
    CHECK(clock_settime(CLOCK_REALTIME, &when) == 0, "clock_settime to %ld: %s", (long)seconds, strerror(errno));
    CHECK_EQ(0, write_file(DIRECTORY "/file", "a file removed near the Epoch\n"), "write " DIRECTORY "/file");
    CHECK(mkdir(DIRECTORY "/directory", 0755) == 0, "mkdir at %ld: %s", (long)seconds, strerror(errno));
    CHECK(symlink("file", DIRECTORY "/link") == 0, "symlink at %ld: %s", (long)seconds, strerror(errno));
    struct stat st;
    CHECK_EQ(0, lstat(DIRECTORY "/link", &st), "lstat of the link");
    CHECK_EQ((long)seconds, (long)st.st_ctime, "the link's ctime: the clock's");
    CHECK(unlink(DIRECTORY "/link") == 0, "unlink the link at %ld: %s", (long)seconds, strerror(errno));
    CHECK(rmdir(DIRECTORY "/directory") == 0, "rmdir at %ld: %s", (long)seconds, strerror(errno));
    CHECK(unlink(DIRECTORY "/file") == 0, "unlink the file at %ld: %s", (long)seconds, strerror(errno));
}

int main(void)
{
    require_home_on_the_disk("disk_files_removed_at_the_epoch_are_dead");
    CHECK(mkdir(DIRECTORY, 0755) == 0, "mkdir " DIRECTORY ": %s", strerror(errno));
    struct timespec before;
    clock_gettime(CLOCK_REALTIME, &before);
    make_and_remove_at(0);
    make_and_remove_at(100);
    before.tv_sec += 1;
    CHECK(clock_settime(CLOCK_REALTIME, &before) == 0, "clock_settime back: %s", strerror(errno));
    CHECK(rmdir(DIRECTORY) == 0, "rmdir " DIRECTORY ": %s", strerror(errno));
    return test_finish("disk_files_removed_at_the_epoch_are_dead");
}

/* libc_nftw_ftw_mount_stays_on_the_start_file_system: with FTW_MOUNT nftw
 * reports nothing of another file system mounted in the tree, not even
 * the directory it is mounted on; without it the walk goes into that
 * directory (reported before what it holds, with the other file system's
 * st_dev). The other file system is a /proc mounted in a scratch tree. */
// needs: procfs
#include <sys/mount.h>
#include <sys/utsname.h>

#include "boot_walk.h"

static char top[] = "/tmp/libc_nftw_mount_XXXXXX";
static dev_t top_device;

/* Records the visit; stops the walk (99) at the first file of another
 * file system, so that /proc is not walked through. */
static int record_until_another_file_system(const char *path, const struct stat *status, int type,
                                            struct FTW *where)
{
    walk_record_nftw(path, status, type, where);
    return status->st_dev != top_device ? 99 : 0;
}

/* This kernel mounts one /proc at a time (kernel/fs/procfs/procfs.c):
 * there the test moves it into its tree, and back after. Linux mounts
 * another, and its own /proc stays. */
static int one_proc_at_a_time(void)
{
    struct utsname names;
    return uname(&names) == 0 && strcmp(names.sysname, "Linux") != 0;
}

int main(void)
{
    CHECK(mkdtemp(top) != NULL, "mkdtemp: %s", strerror(errno));
    char path[PATH_MAX], mounted[PATH_MAX];
    walk_make_file(walk_join(path, top, "file"));
    CHECK_EQ(0, mkdir(walk_join(path, top, "sub"), 0755), "mkdir sub");
    walk_make_file(walk_join(path, top, "sub/inner"));
    CHECK_EQ(0, mkdir(walk_join(mounted, top, "proc"), 0755), "mkdir proc");
    int moved = one_proc_at_a_time();
    if (moved)
        CHECK(umount("/proc") == 0, "umount /proc: %s", strerror(errno));
    CHECK(mount("proc", mounted, "proc", 0, NULL) == 0, "mount proc: %s", strerror(errno));
    struct stat status;
    CHECK(stat(top, &status) == 0, "stat top");
    top_device = status.st_dev;
    CHECK(stat(mounted, &status) == 0 && status.st_dev != top_device, "proc is another file system");

    for (int depth = 0; depth <= 1; depth++) {
        walk_log_clear();
        CHECK_EQ(0, nftw(top, record_until_another_file_system, 8, FTW_PHYS | FTW_MOUNT | (depth ? FTW_DEPTH : 0)),
                 "nftw FTW_MOUNT");
        CHECK_EQ(4, walk_visit_count, "visits: top, file, sub, sub/inner");
        CHECK(walk_find(walk_join(path, top, "sub/inner")) >= 0, "sub/inner was visited");
        CHECK(walk_find(mounted) < 0, "the mount point was not reported");
    }

    walk_log_clear();
    CHECK_EQ(99, nftw(top, record_until_another_file_system, 8, FTW_PHYS), "nftw without FTW_MOUNT");
    int last = walk_visit_count - 1;
    CHECK(last >= 0 && !strcmp(walk_visits[last].path, mounted) && walk_visits[last].type == FTW_D,
          "stopped at the mount point, reported as a directory: %s", last >= 0 ? walk_visits[last].path : "");

    CHECK(umount(mounted) == 0, "umount: %s", strerror(errno));
    if (moved)
        CHECK(mount("proc", "/proc", "proc", 0, NULL) == 0, "mount /proc again: %s", strerror(errno));
    walk_remove_tree(top);
    return test_finish("libc_nftw_ftw_mount_stays_on_the_start_file_system");
}

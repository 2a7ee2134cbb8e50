// disk-image: 4M
/* disk_utimensat_times_reach_the_disk: on the disk (ext2 on /home) the
 * times utimensat, futimens and utime set are in the inode on the disk:
 * after an unmount and a mount they read back, for a file, a directory and
 * a symbolic link itself (AT_SYMLINK_NOFOLLOW), the change time being the
 * moment they were set; "now" is now; a read-only mount refuses with
 * EROFS and keeps them; a user who does not own the file gets EPERM.
 * tools/run-tests then checks the disk with e2fsck -fn. */
#include <sys/time.h>
#include <utime.h>

#include "boot_disk.h"

#define TEST_NAME "disk_utimensat_times_reach_the_disk"
#define DIRECTORY "/home/times"
#define FILE_PATH DIRECTORY "/file"
#define LINK_PATH DIRECTORY "/link"
#define ACCESS 1000000000L
#define MODIFY 1100000000L
#define UNPRIVILEGED_UID 1000
#define SLACK 5                              /* seconds a "now" may lag behind the clock */

static struct stat status_of(const char *path)
{
    struct stat status;
    memset(&status, 0, sizeof status);
    CHECK_EQ(0, lstat(path, &status), "lstat");
    return status;
}

static void remount(unsigned long flags, const char *how)
{
    CHECK_EQ(0, umount("/home"), "umount /home");
    CHECK(mount("/dev/hda", "/home", "ext2", flags, NULL) == 0, "mount /dev/hda %s: %s", how, strerror(errno));
}

static void check_times(const char *path, long access, long modify, const char *what)
{
    struct stat status = status_of(path);
    CHECK(status.st_atime == access && status.st_mtime == modify, "%s: atime %ld, mtime %ld; expected %ld, %ld",
          what, (long)status.st_atime, (long)status.st_mtime, access, modify);
}

static void refused_to_a_user(void)
{
    CHECK_EQ(0, setuid(UNPRIVILEGED_UID), "setuid");
    struct timespec times[2] = { { 1, 0 }, { 2, 0 } };
    CHECK_ERROR(utimensat(AT_FDCWD, FILE_PATH, times, 0), EPERM);
    CHECK_ERROR(utimensat(AT_FDCWD, FILE_PATH, NULL, 0), EACCES);
}

int main(void)
{
    require_home_on_the_disk(TEST_NAME);
    CHECK_EQ(0, mkdir(DIRECTORY, 0755), "mkdir " DIRECTORY);
    CHECK_EQ(0, touch(FILE_PATH), "create the file");
    CHECK_EQ(0, symlink("file", LINK_PATH), "symlink");

    long before = (long)time(NULL);
    struct timespec times[2] = { { ACCESS, 0 }, { MODIFY, 0 } };
    CHECK_EQ(0, utimensat(AT_FDCWD, FILE_PATH, times, 0), "utimensat on the disk");
    struct timespec link_times[2] = { { ACCESS + 1, 0 }, { MODIFY + 1, 0 } };
    CHECK_EQ(0, utimensat(AT_FDCWD, LINK_PATH, link_times, AT_SYMLINK_NOFOLLOW), "the link's own");
    struct utimbuf directory_times = { ACCESS + 2, MODIFY + 2 };
    CHECK_EQ(0, utime(DIRECTORY, &directory_times), "utime of the directory");
    long after = (long)time(NULL);

    remount(0, "again");
    check_times(FILE_PATH, ACCESS, MODIFY, "the file, read back");
    check_times(LINK_PATH, ACCESS + 1, MODIFY + 1, "the link, read back");
    check_times(DIRECTORY, ACCESS + 2, MODIFY + 2, "the directory, read back");
    struct stat status = status_of(FILE_PATH);
    CHECK(status.st_ctime >= before && status.st_ctime <= after, "the change time read back: %ld, set between %ld and %ld",
          (long)status.st_ctime, before, after);

    int fd = open(FILE_PATH, O_WRONLY);
    CHECK_EQ(0, futimens(fd, NULL), "futimens NULL");
    close(fd);
    long now = (long)time(NULL);
    remount(0, "again");
    status = status_of(FILE_PATH);
    CHECK(status.st_mtime <= now && status.st_mtime >= now - SLACK && status.st_atime == status.st_mtime,
          "now, read back: atime %ld, mtime %ld, now %ld", (long)status.st_atime, (long)status.st_mtime, now);

    CHECK_EQ(0, utimensat(AT_FDCWD, FILE_PATH, times, 0), "back to the fixed times");
    remount(MS_RDONLY, "read-only");
    CHECK_ERROR(utimensat(AT_FDCWD, FILE_PATH, link_times, 0), EROFS);
    CHECK_ERROR(utimensat(AT_FDCWD, FILE_PATH, NULL, 0), EROFS);
    check_times(FILE_PATH, ACCESS, MODIFY, "kept on the read-only mount");
    remount(0, "read-write again");
    check_times(FILE_PATH, ACCESS, MODIFY, "kept on the disk");

    run_checks_in_child(refused_to_a_user);
    return test_finish(TEST_NAME);
}

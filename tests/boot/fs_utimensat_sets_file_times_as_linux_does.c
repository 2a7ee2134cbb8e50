/* fs_utimensat_sets_file_times_as_linux_does: utimensat and futimens set
 * a file's access and modification times as given (seconds: the
 * nanoseconds are checked, then dropped here), to now for NULL or
 * UTIME_NOW, leave one alone for UTIME_OMIT, and move the change time to
 * now; both UTIME_OMIT does nothing and looks at nothing. The file:
 * from the working directory (AT_FDCWD) or a directory descriptor, the
 * link itself with AT_SYMLINK_NOFOLLOW, the descriptor's file for ""
 * with AT_EMPTY_PATH or through futimens. Who may (as a user): the owner
 * sets any time; whoever may write the file sets both to now, and gets
 * EPERM for anything else; without write permission EACCES. Errors:
 * EINVAL for bad nanoseconds (after the path's own errors) or flags, and
 * for a NULL path in the library; ENOENT, ENOTDIR, ELOOP, EBADF, EFAULT.
 * utime and utimes do the same in seconds and microseconds. */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <utime.h>

#include "boot_test.h"

#define UNPRIVILEGED_UID 1000
#define ACCESS 1000000000L                /* 2001-09-09 */
#define MODIFY 1100000000L                /* 2004-11-09 */
#define SLACK 5                           /* seconds a "now" may lag behind the clock read after it */

static char top[] = "/tmp/fs_utimensat_XXXXXX";
static char file[64], link_to_file[64];
static long test_start;                   /* time() when the test began */
static const struct timespec *volatile nowhere = (const struct timespec *)16;   /* the first page is never mapped */

static struct stat status_of(const char *path)
{
    struct stat status;
    memset(&status, 0, sizeof status);
    CHECK_EQ(0, lstat(path, &status), "lstat");
    return status;
}

static int is_now(long seconds)
{
    long now = (long)time(NULL);
    return seconds >= test_start && seconds <= now && seconds >= now - SLACK;
}

/* Sets both times to the two fixed ones, by utimensat. */
static void set_fixed(const char *path)
{
    struct timespec times[2] = { { ACCESS, 0 }, { MODIFY, 0 } };
    CHECK_EQ(0, utimensat(AT_FDCWD, path, times, 0), "utimensat to the fixed times");
}

static void check_setting(void)
{
    struct timespec times[2] = { { ACCESS, 123 }, { MODIFY, 999999999 } };
    CHECK_EQ(0, utimensat(AT_FDCWD, file, times, 0), "utimensat with nanoseconds");
    struct stat status = status_of(file);
    CHECK(status.st_atime == ACCESS && status.st_mtime == MODIFY, "set: atime %ld mtime %ld",
          (long)status.st_atime, (long)status.st_mtime);
    CHECK(is_now(status.st_ctime), "the change time is now: %ld", (long)status.st_ctime);

    struct timespec modify_only[2] = { { 5, UTIME_OMIT }, { MODIFY + 1, 0 } };
    CHECK_EQ(0, utimensat(AT_FDCWD, file, modify_only, 0), "UTIME_OMIT for the access time");
    status = status_of(file);
    CHECK(status.st_atime == ACCESS && status.st_mtime == MODIFY + 1, "atime kept, mtime set");

    struct timespec access_now[2] = { { 0, UTIME_NOW }, { 0, UTIME_OMIT } };
    CHECK_EQ(0, utimensat(AT_FDCWD, file, access_now, 0), "UTIME_NOW, UTIME_OMIT");
    status = status_of(file);
    CHECK(is_now(status.st_atime) && status.st_mtime == MODIFY + 1, "atime now, mtime kept");

    set_fixed(file);
    CHECK_EQ(0, utimensat(AT_FDCWD, file, NULL, 0), "utimensat NULL");
    status = status_of(file);
    CHECK(is_now(status.st_atime) && is_now(status.st_mtime), "NULL: both now");

    set_fixed(file);
    struct stat before = status_of(file);
    usleep(1100000);
    struct timespec omit[2] = { { 1, UTIME_OMIT }, { 2, UTIME_OMIT } };
    CHECK_EQ(0, utimensat(AT_FDCWD, file, omit, 0), "both UTIME_OMIT");
    status = status_of(file);
    CHECK(status.st_atime == ACCESS && status.st_mtime == MODIFY && status.st_ctime == before.st_ctime,
          "both UTIME_OMIT changes nothing, not even the change time");
    CHECK_EQ(0, utimensat(AT_FDCWD, "/no/such/file", omit, 0), "both UTIME_OMIT: the path is not looked at");
}

static void check_which_file(void)
{
    set_fixed(file);
    struct timespec times[2] = { { ACCESS + 7, 0 }, { MODIFY + 7, 0 } };
    CHECK_EQ(0, utimensat(AT_FDCWD, link_to_file, times, AT_SYMLINK_NOFOLLOW), "AT_SYMLINK_NOFOLLOW");
    struct stat of_link = status_of(link_to_file), of_file = status_of(file);
    CHECK(S_ISLNK(of_link.st_mode) && of_link.st_mtime == MODIFY + 7, "the link's own times: %ld",
          (long)of_link.st_mtime);
    CHECK_EQ(MODIFY, of_file.st_mtime, "the file's stay");
    CHECK_EQ(0, utimensat(AT_FDCWD, link_to_file, times, 0), "through the link");
    CHECK_EQ(MODIFY + 7, status_of(file).st_mtime, "the file's times");

    int directory = open(top, O_RDONLY);
    CHECK(directory >= 0, "open the directory");
    set_fixed(file);
    CHECK_EQ(0, utimensat(directory, "file", times, 0), "from a directory descriptor");
    CHECK_EQ(MODIFY + 7, status_of(file).st_mtime, "set from the directory");
    set_fixed(file);
    CHECK_EQ(0, utimensat(-1, file, times, 0), "an absolute path: dirfd is not looked at");
    CHECK_EQ(MODIFY + 7, status_of(file).st_mtime, "set by the absolute path");

    int fd = open(file, O_RDONLY);
    set_fixed(file);
    CHECK_EQ(0, utimensat(fd, "", times, AT_EMPTY_PATH), "\"\" with AT_EMPTY_PATH");
    CHECK_EQ(MODIFY + 7, status_of(file).st_mtime, "the descriptor's file");
    set_fixed(file);
    CHECK_EQ(0, futimens(fd, times), "futimens");
    CHECK_EQ(MODIFY + 7, status_of(file).st_mtime, "set by futimens");
    CHECK_EQ(0, futimens(fd, NULL), "futimens NULL");
    CHECK(is_now(status_of(file).st_mtime), "futimens NULL: now");

    CHECK_ERROR(utimensat(fd, "file", times, 0), ENOTDIR);
    CHECK_ERROR(utimensat(fd, "", times, 0), ENOENT);
    CHECK_ERROR(utimensat(99, "file", times, 0), EBADF);
    CHECK_ERROR(futimens(99, times), EBADF);
    CHECK_ERROR(utimensat(directory, NULL, times, 0), EINVAL);   /* the library's */
    close(fd);
    close(directory);

    struct utimbuf old = { ACCESS + 3, MODIFY + 3 };
    CHECK_EQ(0, utime(file, &old), "utime");
    struct stat status = status_of(file);
    CHECK(status.st_atime == ACCESS + 3 && status.st_mtime == MODIFY + 3, "utime's times");
    CHECK_EQ(0, utime(file, NULL), "utime NULL");
    CHECK(is_now(status_of(file).st_mtime), "utime NULL: now");
    struct timeval micro[2] = { { ACCESS + 4, 999999 }, { MODIFY + 4, 0 } };
    CHECK_EQ(0, utimes(file, micro), "utimes");
    status = status_of(file);
    CHECK(status.st_atime == ACCESS + 4 && status.st_mtime == MODIFY + 4, "utimes' times");
    micro[0].tv_usec = 1000000;
    CHECK_ERROR(utimes(file, micro), EINVAL);
    CHECK_ERROR(utimes("/no/such/file", micro), ENOENT);   /* the path before the microseconds */
}

static void check_errors(void)
{
    char path[80];
    struct timespec times[2] = { { ACCESS, 0 }, { MODIFY, 0 } };
    struct timespec bad[2] = { { ACCESS, 1000000000 }, { MODIFY, 0 } };
    CHECK_ERROR(utimensat(AT_FDCWD, file, bad, 0), EINVAL);
    bad[0].tv_nsec = -1;
    CHECK_ERROR(utimensat(AT_FDCWD, file, bad, 0), EINVAL);
    CHECK_ERROR(utimensat(AT_FDCWD, "/no/such/file", bad, 0), ENOENT);
    CHECK_ERROR(utimensat(AT_FDCWD, file, times, 0x1), EINVAL);
    int fd = open(file, O_RDONLY);
    CHECK_ERROR(futimens(fd, bad), EINVAL);
    close(fd);
    CHECK_ERROR(utimensat(AT_FDCWD, "", times, 0), ENOENT);
    snprintf(path, sizeof path, "%s/below", file);
    CHECK_ERROR(utimensat(AT_FDCWD, path, times, 0), ENOTDIR);
    char loop1[64], loop2[64];
    snprintf(loop1, sizeof loop1, "%s/loop1", top);
    snprintf(loop2, sizeof loop2, "%s/loop2", top);
    symlink(loop2, loop1);
    symlink(loop1, loop2);
    CHECK_ERROR(utimensat(AT_FDCWD, loop1, times, 0), ELOOP);
    CHECK_EQ(0, utimensat(AT_FDCWD, loop1, times, AT_SYMLINK_NOFOLLOW), "the looping link itself");
    unlink(loop1);
    unlink(loop2);
    CHECK_ERROR(utimensat(AT_FDCWD, (const char *)1, times, 0), EFAULT);
    CHECK_ERROR(utimensat(AT_FDCWD, file, nowhere, 0), EFAULT);
}

/* As a user: */
static void check_permissions_as_a_user(void)
{
    char writable[64], read_only[64], mine[64];
    snprintf(writable, sizeof writable, "%s/writable", top);
    snprintf(read_only, sizeof read_only, "%s/read_only", top);
    snprintf(mine, sizeof mine, "%s/mine", top);
    CHECK_EQ(0, setgid(UNPRIVILEGED_UID), "setgid");
    CHECK_EQ(0, setuid(UNPRIVILEGED_UID), "setuid");

    struct timespec times[2] = { { ACCESS, 0 }, { MODIFY, 0 } };
    struct timespec both_now[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };
    struct timespec now_and_omit[2] = { { 0, UTIME_NOW }, { 0, UTIME_OMIT } };
    CHECK_EQ(0, utimensat(AT_FDCWD, writable, NULL, 0), "root's file, writable by all: NULL");
    CHECK(is_now(status_of(writable).st_mtime), "set to now");
    CHECK_EQ(0, utimensat(AT_FDCWD, writable, both_now, 0), "both UTIME_NOW");
    CHECK_ERROR(utimensat(AT_FDCWD, writable, times, 0), EPERM);
    CHECK_ERROR(utimensat(AT_FDCWD, writable, now_and_omit, 0), EPERM);
    CHECK_ERROR(utimensat(AT_FDCWD, read_only, NULL, 0), EACCES);
    CHECK_ERROR(utimensat(AT_FDCWD, read_only, times, 0), EPERM);
    CHECK_ERROR(utime(read_only, NULL), EACCES);

    int fd = open(mine, O_CREAT | O_WRONLY, 0444);
    close(fd);
    CHECK_EQ(0, utimensat(AT_FDCWD, mine, times, 0), "the owner sets any time, without write permission");
    CHECK_EQ(MODIFY, status_of(mine).st_mtime, "the owner's times");
    CHECK_EQ(0, utimensat(AT_FDCWD, mine, NULL, 0), "and now");
    unlink(mine);
}

int main(void)
{
    test_start = (long)time(NULL);
    CHECK(mkdtemp(top) != NULL, "mkdtemp: %s", strerror(errno));
    chmod(top, 01777);                     /* a user may make a file of its own here */
    snprintf(file, sizeof file, "%s/file", top);
    snprintf(link_to_file, sizeof link_to_file, "%s/link", top);
    close(open(file, O_CREAT | O_WRONLY, 0644));
    CHECK_EQ(0, symlink(file, link_to_file), "symlink");
    check_setting();
    check_which_file();
    check_errors();

    char writable[64], read_only[64];
    snprintf(writable, sizeof writable, "%s/writable", top);
    snprintf(read_only, sizeof read_only, "%s/read_only", top);
    close(open(writable, O_CREAT | O_WRONLY, 0666));
    chmod(writable, 0666);                 /* whatever the umask */
    close(open(read_only, O_CREAT | O_WRONLY, 0644));
    run_checks_in_child(check_permissions_as_a_user);

    unlink(writable);
    unlink(read_only);
    unlink(link_to_file);
    unlink(file);
    rmdir(top);
    return test_finish("fs_utimensat_sets_file_times_as_linux_does");
}

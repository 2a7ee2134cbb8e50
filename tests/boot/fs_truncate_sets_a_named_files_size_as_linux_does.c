/* fs_truncate_sets_a_named_files_size_as_linux_does: truncate(path,
 * length) cuts a regular file (the bytes past the end are gone: growing
 * again reads zeros) or grows it with zeros, through a symbolic link too,
 * and moves its modification and change times, even to the same size (as
 * Linux does); the file needs no descriptor open. Its errors, in Linux's
 * order: a negative length is EINVAL before anything else; a directory
 * EISDIR, a FIFO or a device EINVAL; ENOENT for a missing name or "",
 * ENOTDIR for a file used as a directory, ELOOP for links that loop,
 * ENAMETOOLONG for a name or path too long, EFAULT for a path not in
 * memory; as a user, EACCES without write permission on the file or
 * search permission on the way, and the file stays as it was. */
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#include "boot_test.h"

#define UNPRIVILEGED_UID 1000
#define MEMORY_FILE_MAX (16 << 20)   /* a file in memory stops here (kernel/fs/inode.h) */
#define BEFORE_THE_CLOCK_MOVES 1100000   /* microseconds: the times are in seconds */

static char top[] = "/tmp/fs_truncate_XXXXXX";
static char file[64], link_to_file[64];

static int running_on_linux(void)
{
    struct utsname names;
    return uname(&names) == 0 && strcmp(names.sysname, "Linux") == 0;
}

static long size_of(const char *path)
{
    struct stat status;
    return stat(path, &status) == 0 ? (long)status.st_size : -1;
}

/* The file's bytes from `offset` (up to `size`), into `buffer`; how many. */
static int bytes_at(const char *path, long offset, char *buffer, int size)
{
    int fd = open(path, O_RDONLY);
    int count = fd < 0 ? -1 : (int)pread(fd, buffer, size, offset);
    close(fd);
    return count;
}

static void check_sizes_and_bytes(void)
{
    int fd = open(file, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    CHECK_EQ(10, write(fd, "0123456789", 10), "write");
    close(fd);

    CHECK_EQ(0, truncate(file, 4), "truncate to 4");
    CHECK_EQ(4, size_of(file), "size after the cut");
    char bytes[16] = { 0 };
    CHECK(bytes_at(file, 0, bytes, sizeof bytes) == 4 && !memcmp(bytes, "0123", 4), "the first 4 bytes stay");

    CHECK_EQ(0, truncate(link_to_file, 8), "truncate through a link to 8");
    CHECK_EQ(8, size_of(file), "the link's target grew");
    memset(bytes, 'x', sizeof bytes);
    CHECK(bytes_at(file, 0, bytes, sizeof bytes) == 8 && !memcmp(bytes, "0123\0\0\0\0", 8),
          "the cut bytes read as zeros after growing");
    struct stat link_status;
    CHECK(lstat(link_to_file, &link_status) == 0 && S_ISLNK(link_status.st_mode), "the link is still a link");

    CHECK_EQ(0, truncate(file, 100000), "truncate to 100000");
    CHECK_EQ(100000, size_of(file), "grown");
    CHECK(bytes_at(file, 99990, bytes, sizeof bytes) == 10 && !memcmp(bytes, "\0\0\0\0\0\0\0\0\0\0", 10),
          "zeros up to the new end");
    CHECK_EQ(0, truncate(file, 0), "truncate to 0");
    CHECK_EQ(0, size_of(file), "empty");
    if (!running_on_linux())   /* Linux's files in memory have no such bound */
        CHECK_ERROR(truncate(file, MEMORY_FILE_MAX + 1), EFBIG);
}

static void check_times(void)
{
    struct stat before, after;
    stat(file, &before);
    usleep(BEFORE_THE_CLOCK_MOVES);
    CHECK_EQ(0, truncate(file, before.st_size), "truncate to the same size");
    stat(file, &after);
    CHECK(after.st_mtime > before.st_mtime && after.st_ctime > before.st_ctime,
          "the same size moves the times: mtime %ld -> %ld, ctime %ld -> %ld", (long)before.st_mtime,
          (long)after.st_mtime, (long)before.st_ctime, (long)after.st_ctime);
    usleep(BEFORE_THE_CLOCK_MOVES);
    CHECK_EQ(0, truncate(file, 3), "truncate to 3");
    stat(file, &before);
    CHECK(before.st_mtime > after.st_mtime && before.st_ctime > after.st_ctime, "a new size moves them");
}

static void check_errors(void)
{
    char path[512];                                           /* room for the long name below */
    CHECK_ERROR(truncate(file, -1), EINVAL);
    CHECK_ERROR(truncate(top, -1), EINVAL);                  /* the length first */
    CHECK_ERROR(truncate("/no/such/file", -1), EINVAL);
    CHECK_ERROR(truncate(top, 0), EISDIR);
    snprintf(path, sizeof path, "%s/fifo", top);
    CHECK_EQ(0, mkfifo(path, 0644), "mkfifo");
    CHECK_ERROR(truncate(path, 0), EINVAL);
    unlink(path);
    CHECK_ERROR(truncate("/dev/null", 0), EINVAL);
    snprintf(path, sizeof path, "%s/missing", top);
    CHECK_ERROR(truncate(path, 0), ENOENT);
    CHECK_ERROR(truncate("", 0), ENOENT);
    snprintf(path, sizeof path, "%s/below", file);
    CHECK_ERROR(truncate(path, 0), ENOTDIR);
    snprintf(path, sizeof path, "%s/", file);
    CHECK_ERROR(truncate(path, 0), ENOTDIR);
    char loop1[64], loop2[64];
    snprintf(loop1, sizeof loop1, "%s/loop1", top);
    snprintf(loop2, sizeof loop2, "%s/loop2", top);
    symlink(loop2, loop1);
    symlink(loop1, loop2);
    CHECK_ERROR(truncate(loop1, 0), ELOOP);
    unlink(loop1);
    unlink(loop2);

    char long_name[300];                                      /* longer than any NAME_MAX */
    memset(long_name, 'n', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    snprintf(path, sizeof path, "%s/%s", top, long_name);
    CHECK_ERROR(truncate(path, 0), ENAMETOOLONG);
    char *long_path = malloc(8192);                           /* longer than any PATH_MAX */
    memset(long_path, 'a', 8191);
    for (int i = 0; i < 8191; i += 2)
        long_path[i] = '/';
    long_path[8191] = '\0';
    CHECK_ERROR(truncate(long_path, 0), ENAMETOOLONG);
    free(long_path);
    CHECK_ERROR(truncate((const char *)1, 0), EFAULT);
    CHECK_ERROR(truncate((const char *)0xC0000000, 0), EFAULT);
}

/* As a user: no write permission on the file, no search permission on
 * the directory on the way. */
static void check_permissions_as_a_user(void)
{
    CHECK_EQ(0, setgid(UNPRIVILEGED_UID), "setgid");
    CHECK_EQ(0, setuid(UNPRIVILEGED_UID), "setuid");
    char mine[] = "/tmp/fs_truncate_user_XXXXXX", path[64], closed[64];
    CHECK(mkdtemp(mine) != NULL, "mkdtemp: %s", strerror(errno));
    snprintf(path, sizeof path, "%s/read_only", mine);
    int fd = open(path, O_CREAT | O_WRONLY, 0644);
    CHECK_EQ(5, write(fd, "hello", 5), "write");
    close(fd);
    CHECK_EQ(0, chmod(path, 0444), "chmod 0444");
    CHECK_ERROR(truncate(path, 0), EACCES);
    CHECK_EQ(5, size_of(path), "the size stays");
    CHECK_EQ(0, chmod(path, 0644), "chmod 0644");
    CHECK_EQ(0, truncate(path, 2), "truncate by its owner");
    CHECK_ERROR(truncate(file, 0), EACCES);                 /* root's file, 0644 */

    snprintf(closed, sizeof closed, "%s/closed", mine);
    CHECK_EQ(0, mkdir(closed, 0755), "mkdir");
    snprintf(path, sizeof path, "%s/closed/inside", mine);
    fd = open(path, O_CREAT | O_WRONLY, 0666);
    close(fd);
    CHECK_EQ(0, chmod(closed, 0600), "chmod 0600: no search");
    CHECK_ERROR(truncate(path, 0), EACCES);
    chmod(closed, 0755);
    unlink(path);
    rmdir(closed);
    snprintf(path, sizeof path, "%s/read_only", mine);
    unlink(path);
    rmdir(mine);
}

int main(void)
{
    CHECK(mkdtemp(top) != NULL, "mkdtemp: %s", strerror(errno));
    chmod(top, 0755);                                         /* a user may look in */
    snprintf(file, sizeof file, "%s/file", top);
    snprintf(link_to_file, sizeof link_to_file, "%s/link", top);
    CHECK_EQ(0, symlink(file, link_to_file), "symlink");
    check_sizes_and_bytes();
    check_times();
    check_errors();
    run_checks_in_child(check_permissions_as_a_user);
    unlink(link_to_file);
    unlink(file);
    rmdir(top);
    return test_finish("fs_truncate_sets_a_named_files_size_as_linux_does");
}

/* The *at calls (openat(2), mkdirat, mknodat, unlinkat, renameat,
 * linkat, symlinkat, readlinkat, fstatat, fchmodat, fchownat, faccessat)
 * and fchdir name a file by a directory descriptor and a path, as POSIX
 * and Linux do:
 *  - a relative path starts in the directory open as dirfd, AT_FDCWD is
 *    the working directory, and an absolute path ignores dirfd (even a
 *    bad one); a bad dirfd is EBADF, a dirfd that is no directory
 *    ENOTDIR; ".." climbs out of dirfd's directory;
 *  - each call does what its old form does: unlinkat is unlink, and
 *    rmdir with AT_REMOVEDIR; linkat links to a symbolic link itself
 *    unless AT_SYMLINK_FOLLOW; fstatat is lstat with AT_SYMLINK_NOFOLLOW,
 *    and with AT_EMPTY_PATH and "" fstat of dirfd (a pipe too);
 *    fchmodat with AT_SYMLINK_NOFOLLOW on a link is EOPNOTSUPP;
 *    fchownat with it changes the link (lchown); unknown flags EINVAL;
 *  - a directory removed while open as dirfd takes no new names (ENOENT);
 *  - fchdir goes into a directory by its descriptor (ENOTDIR, EBADF);
 *  - access and faccessat weigh the real ids, for the walk as for the
 *    file; AT_EACCESS and eaccess the effective ones; X_OK needs an
 *    execute bit even for root; a mode beyond R_OK | W_OK | X_OK is
 *    EINVAL.
 * Nothing is left behind: the kernel's counters are back afterwards. */
#include "boot_test.h"

#include <fcntl.h>
#include <sys/stat.h>

#define BASE "/tmp/fs_at_calls"
#define STUDENT 1000

static struct stat stat_at(int dirfd, const char *path, int flags)
{
    struct stat st;
    memset(&st, 0, sizeof st);
    CHECK_EQ(0, fstatat(dirfd, path, &st, flags), path);
    return st;
}

static void relative_absolute_and_bad_directories(int dirfd)
{
    int fd = openat(dirfd, "file", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    CHECK(fd >= 0, "openat(dirfd, \"file\", O_CREAT): errno %d", errno);
    CHECK_EQ(5, write(fd, "hello", 5), "write through openat's descriptor");
    close(fd);
    struct stat st;
    CHECK_EQ(0, stat(BASE "/file", &st), "the file is in dirfd's directory");
    CHECK_EQ(5, st.st_size, "its size");
    CHECK_ERROR(openat(dirfd, "file", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);

    CHECK_EQ(0, chdir("/"), "chdir /");
    fd = openat(AT_FDCWD, "tmp/fs_at_calls/file", O_RDONLY);
    CHECK(fd >= 0, "openat(AT_FDCWD, relative) from /: errno %d", errno);
    close(fd);
    fd = openat(999, BASE "/file", O_RDONLY);          /* an absolute path: dirfd not looked at */
    CHECK(fd >= 0, "openat(999, absolute): errno %d", errno);
    int file = open(BASE "/file", O_RDONLY);
    CHECK_ERROR(openat(999, "file", O_RDONLY), EBADF);
    CHECK_ERROR(openat(file, "file", O_RDONLY), ENOTDIR);
    CHECK_ERROR(fstatat(file, "x", &st, 0), ENOTDIR);
    CHECK_ERROR(mkdirat(file, "x", 0755), ENOTDIR);
    CHECK_ERROR(unlinkat(-1, "file", 0), EBADF);
    close(fd);
    close(file);
}

static void names_made_and_removed(int dirfd)
{
    CHECK_EQ(0, mkdirat(dirfd, "sub", 0755), "mkdirat");
    CHECK(S_ISDIR(stat_at(dirfd, "sub", 0).st_mode), "sub is a directory");
    int subfd = openat(dirfd, "sub", O_RDONLY | O_DIRECTORY);
    CHECK(subfd >= 0, "openat(O_DIRECTORY): errno %d", errno);
    CHECK_EQ(5, stat_at(subfd, "../file", 0).st_size, "\"..\" from dirfd's directory");

    CHECK_EQ(0, symlinkat("file", dirfd, "link"), "symlinkat");
    char target[32] = { 0 };
    CHECK_EQ(4, readlinkat(dirfd, "link", target, sizeof target), "readlinkat");
    CHECK(!strcmp(target, "file"), "readlinkat: \"%s\"", target);
    CHECK_ERROR(readlinkat(dirfd, "file", target, sizeof target), EINVAL);
    CHECK(S_ISLNK(stat_at(dirfd, "link", AT_SYMLINK_NOFOLLOW).st_mode), "AT_SYMLINK_NOFOLLOW: the link");
    CHECK(S_ISREG(stat_at(dirfd, "link", 0).st_mode), "no flag: what the link names");
    CHECK_EQ(5, stat_at(dirfd, "link", 0).st_size, "its size");

    CHECK_EQ(0, linkat(dirfd, "link", subfd, "hard", 0), "linkat");
    CHECK(S_ISLNK(stat_at(subfd, "hard", AT_SYMLINK_NOFOLLOW).st_mode), "linkat: a second name of the link");
    CHECK_EQ(0, linkat(dirfd, "link", dirfd, "second", AT_SYMLINK_FOLLOW), "linkat(AT_SYMLINK_FOLLOW)");
    CHECK(S_ISREG(stat_at(dirfd, "second", AT_SYMLINK_NOFOLLOW).st_mode), "AT_SYMLINK_FOLLOW: the file");
    CHECK_EQ(2, stat_at(dirfd, "file", 0).st_nlink, "the file has two names");
    CHECK_ERROR(linkat(dirfd, "file", dirfd, "third", AT_SYMLINK_NOFOLLOW), EINVAL);

    CHECK_EQ(0, renameat(dirfd, "second", subfd, "moved"), "renameat");
    CHECK_ERROR(fstatat(dirfd, "second", &(struct stat){ 0 }, 0), ENOENT);
    CHECK_EQ(5, stat_at(subfd, "moved", 0).st_size, "renamed into the other directory");

    CHECK_EQ(0, mkfifoat(dirfd, "fifo", 0600), "mkfifoat");
    CHECK(S_ISFIFO(stat_at(dirfd, "fifo", 0).st_mode), "mkfifoat made a FIFO");
    CHECK_EQ(0, mknodat(dirfd, "plain", S_IFREG | 0600, 0), "mknodat(S_IFREG)");
    CHECK(S_ISREG(stat_at(dirfd, "plain", 0).st_mode), "mknodat made a file");

    CHECK_ERROR(unlinkat(dirfd, "sub", 0), EISDIR);
    CHECK_ERROR(unlinkat(dirfd, "file", AT_REMOVEDIR), ENOTDIR);
    CHECK_ERROR(unlinkat(dirfd, "sub", AT_REMOVEDIR), ENOTEMPTY);
    CHECK_ERROR(unlinkat(dirfd, "file", 0x1), EINVAL);
    CHECK_EQ(0, unlinkat(subfd, "hard", 0), "unlinkat");
    CHECK_EQ(0, unlinkat(subfd, "moved", 0), "unlinkat");
    CHECK_EQ(0, unlinkat(dirfd, "fifo", 0), "unlinkat of the FIFO");
    CHECK_EQ(0, unlinkat(dirfd, "plain", 0), "unlinkat of the file");

    /* a directory removed while it is open takes no new names */
    CHECK_EQ(0, unlinkat(dirfd, "sub", AT_REMOVEDIR), "unlinkat(AT_REMOVEDIR)");
    CHECK_ERROR(openat(subfd, "new", O_CREAT | O_WRONLY, 0644), ENOENT);
    CHECK_ERROR(mkdirat(subfd, "new", 0755), ENOENT);
    close(subfd);
}

static void modes_owners_and_empty_paths(int dirfd)
{
    CHECK_EQ(0, fchmodat(dirfd, "file", 0600, 0), "fchmodat");
    CHECK_EQ(0600, stat_at(dirfd, "file", 0).st_mode & 07777, "the new mode");
    CHECK_ERROR(fchmodat(dirfd, "link", 0644, AT_SYMLINK_NOFOLLOW), EOPNOTSUPP);
    CHECK_ERROR(fchmodat(dirfd, "file", 0644, AT_REMOVEDIR), EINVAL);
    CHECK_EQ(0, fchownat(dirfd, "link", STUDENT, STUDENT, 0), "fchownat through the link");
    CHECK_EQ(STUDENT, stat_at(dirfd, "file", 0).st_uid, "the file's new owner");
    CHECK_EQ(0, fchownat(dirfd, "link", STUDENT + 1, STUDENT + 1, AT_SYMLINK_NOFOLLOW), "fchownat of the link");
    CHECK_EQ(STUDENT + 1, stat_at(dirfd, "link", AT_SYMLINK_NOFOLLOW).st_uid, "the link's owner");
    CHECK_EQ(STUDENT, stat_at(dirfd, "file", 0).st_uid, "the file's owner unchanged");
    CHECK_EQ(0, lchown(BASE "/link", 0, 0), "lchown");
    CHECK_EQ(0, stat_at(dirfd, "link", AT_SYMLINK_NOFOLLOW).st_uid, "lchown gave the link back");
    CHECK_EQ(0, fchownat(dirfd, "file", 0, 0, 0), "fchownat back to root");

    struct stat st;
    CHECK_ERROR(fstatat(dirfd, "", &st, 0), ENOENT);
    CHECK_ERROR(fstatat(dirfd, "file", &st, 0x4), EINVAL);
    CHECK_EQ(stat_at(AT_FDCWD, BASE, 0).st_ino, stat_at(dirfd, "", AT_EMPTY_PATH).st_ino,
             "AT_EMPTY_PATH: dirfd's own directory");
    CHECK_EQ(0, chdir(BASE), "chdir");
    CHECK_EQ(stat_at(dirfd, "", AT_EMPTY_PATH).st_ino, stat_at(AT_FDCWD, "", AT_EMPTY_PATH).st_ino,
             "AT_FDCWD with AT_EMPTY_PATH: the working directory");
    int fds[2];
    CHECK_EQ(0, pipe(fds), "pipe");
    CHECK(S_ISFIFO(stat_at(fds[0], "", AT_EMPTY_PATH).st_mode), "AT_EMPTY_PATH on a pipe: fstat's answer");
    close(fds[0]);
    close(fds[1]);
}

static void working_directory_by_descriptor(int dirfd)
{
    CHECK_EQ(0, chdir("/"), "chdir /");
    CHECK_EQ(0, fchdir(dirfd), "fchdir");
    char here[64] = { 0 };
    CHECK(getcwd(here, sizeof here) && !strcmp(here, BASE), "getcwd after fchdir: \"%s\"", here);
    CHECK_EQ(5, stat_at(AT_FDCWD, "file", 0).st_size, "a relative path from there");
    int file = open("file", O_RDONLY);
    CHECK_ERROR(fchdir(file), ENOTDIR);
    CHECK_ERROR(fchdir(999), EBADF);
    close(file);
    CHECK_EQ(0, chdir("/"), "chdir /");
}

static void access_as_root(int dirfd)
{
    CHECK_EQ(0, access(BASE "/file", R_OK | W_OK), "root may read and write");
    CHECK_EQ(0, access(BASE "/file", F_OK), "F_OK: it is there");
    CHECK_ERROR(access(BASE "/file", X_OK), EACCES);      /* 0600: no execute bit for anyone */
    CHECK_EQ(0, access(BASE, X_OK), "root may search a directory");
    CHECK_EQ(0, access("/bin/sh", X_OK), "a program");
    CHECK_ERROR(access(BASE "/missing", F_OK), ENOENT);
    CHECK_ERROR(access(BASE "/file/x", F_OK), ENOTDIR);
    CHECK_ERROR(access(BASE "/file", 8), EINVAL);
    CHECK_ERROR(access("", F_OK), ENOENT);
    CHECK_EQ(0, faccessat(dirfd, "file", R_OK, 0), "faccessat from dirfd");
    CHECK_ERROR(faccessat(dirfd, "file", R_OK, 0x1), EINVAL);
    CHECK_EQ(0, faccessat(dirfd, "link", F_OK, AT_SYMLINK_NOFOLLOW), "faccessat of the link itself");
    CHECK_EQ(0, symlinkat("nowhere", dirfd, "dangling"), "a link to nothing");
    CHECK_ERROR(faccessat(dirfd, "dangling", F_OK, 0), ENOENT);
    CHECK_EQ(0, faccessat(dirfd, "dangling", F_OK, AT_SYMLINK_NOFOLLOW), "the link itself is there");
    CHECK_EQ(0, unlinkat(dirfd, "dangling", 0), "unlinkat");
}

/* In a child whose real ids are the student's and effective ids root's
 * (a set-user-id root program run by the student), then the other way. */
static void access_by_real_ids(void)
{
    CHECK_EQ(0, setresgid(STUDENT, 0, 0), "setresgid");
    CHECK_EQ(0, setresuid(STUDENT, 0, 0), "setresuid(student, root, root)");
    CHECK_ERROR(access(BASE "/file", R_OK), EACCES);      /* root's 0600: the student may not */
    CHECK_EQ(0, eaccess(BASE "/file", R_OK | W_OK), "eaccess: the effective ids");
    CHECK_EQ(0, faccessat(AT_FDCWD, BASE "/file", R_OK, AT_EACCESS), "AT_EACCESS");
    CHECK_ERROR(access(BASE "/private/inside", F_OK), EACCES);   /* the walk too: 0700 root's */
    CHECK_EQ(0, eaccess(BASE "/private/inside", F_OK), "the walk by the effective ids");
    CHECK_EQ(0, access(BASE "/public", R_OK), "0644: anyone may read");
    CHECK_ERROR(access(BASE "/public", W_OK), EACCES);
    int fd = open(BASE "/file", O_RDWR);                  /* open still weighs the effective ids */
    CHECK(fd >= 0, "open as the effective root after access: errno %d", errno);
    close(fd);

    CHECK_EQ(0, setresuid(0, STUDENT, 0), "setresuid(root, student, root)");
    CHECK_EQ(0, access(BASE "/file", R_OK | W_OK), "the real root may");
    CHECK_ERROR(eaccess(BASE "/file", R_OK), EACCES);
    CHECK_ERROR(open(BASE "/file", O_RDONLY), EACCES);
}

static void cases(void)
{
    mkdir(BASE, 0755);
    int dirfd = open(BASE, O_RDONLY | O_DIRECTORY);
    CHECK(dirfd >= 0, "open the directory: errno %d", errno);
    relative_absolute_and_bad_directories(dirfd);
    names_made_and_removed(dirfd);
    modes_owners_and_empty_paths(dirfd);
    working_directory_by_descriptor(dirfd);
    access_as_root(dirfd);

    CHECK_EQ(0, mkdirat(dirfd, "private", 0700), "mkdirat private");
    close(openat(dirfd, "private/inside", O_CREAT | O_WRONLY, 0644));
    close(openat(dirfd, "public", O_CREAT | O_WRONLY, 0644));
    run_checks_in_child(access_by_real_ids);

    CHECK_EQ(0, unlinkat(dirfd, "private/inside", 0), "clean up");
    CHECK_EQ(0, unlinkat(dirfd, "private", AT_REMOVEDIR), "clean up");
    CHECK_EQ(0, unlinkat(dirfd, "public", 0), "clean up");
    CHECK_EQ(0, unlinkat(dirfd, "link", 0), "clean up");
    CHECK_EQ(0, unlinkat(dirfd, "file", 0), "clean up");
    close(dirfd);
    CHECK_EQ(0, rmdir(BASE), "clean up");
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("fs_at_calls_name_files_from_a_directory_descriptor");
}

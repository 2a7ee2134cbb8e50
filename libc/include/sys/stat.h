/* libc/include/sys/stat.h - file status, directories and FIFOs. struct stat,
 * the S_IF* type bits and S_IS* tests (S_ISLNK for a symbolic link, which
 * only lstat shows) come from kernel/uapi/stat.h. */
#ifndef LIBC_INCLUDE_SYS_STAT_H
#define LIBC_INCLUDE_SYS_STAT_H

#include <sys/types.h>
#include <uapi/stat.h>
#include <uapi/time.h>   /* struct timespec, for utimensat */

/* permission bits: read, write, execute for the user, the group, others */
#define S_IRWXU 0700
#define S_IRUSR 0400
#define S_IWUSR 0200
#define S_IXUSR 0100
#define S_IRWXG 0070
#define S_IRGRP 0040
#define S_IWGRP 0020
#define S_IXGRP 0010
#define S_IRWXO 0007
#define S_IROTH 0004
#define S_IWOTH 0002
#define S_IXOTH 0001
#define S_ISUID 04000     /* set-user-id on execution (stored, not acted on) */
#define S_ISGID 02000     /* set-group-id on execution (stored, not acted on) */
#define S_ISVTX 01000     /* sticky: in a directory, only owners remove names */

int stat(const char *path, struct stat *status);
int fstat(int fd, struct stat *status);
int lstat(const char *path, struct stat *status);   /* a symbolic link itself, not what it names */
int mkdir(const char *path, mode_t mode);
int mknod(const char *path, mode_t mode, dev_t device);
int mkfifo(const char *path, mode_t mode);
int chmod(const char *path, mode_t mode);
int fchmod(int fd, mode_t mode);
/* the same from a directory descriptor (AT_FDCWD: the working directory, <fcntl.h>) */
int fstatat(int dirfd, const char *path, struct stat *status, int flags);   /* AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH */
int mkdirat(int dirfd, const char *path, mode_t mode);
int mknodat(int dirfd, const char *path, mode_t mode, dev_t device);
int mkfifoat(int dirfd, const char *path, mode_t mode);
int fchmodat(int dirfd, const char *path, mode_t mode, int flags);   /* AT_SYMLINK_NOFOLLOW */
mode_t umask(mode_t mask);        /* returns the old mask; never fails */

/* A file's access and modification times (times[0], times[1]; NULL: both
 * now; tv_nsec UTIME_NOW or UTIME_OMIT for one of them): by path from
 * `dirfd` (AT_FDCWD, AT_SYMLINK_NOFOLLOW: <fcntl.h>), or of an open file. */
int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags);
int futimens(int fd, const struct timespec times[2]);

#endif

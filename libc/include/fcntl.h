/* libc/include/fcntl.h - open() and fcntl(); the O_*, F_* and SEEK_*
 * numbers come from kernel/uapi/fcntl.h. */
#ifndef LIBC_INCLUDE_FCNTL_H
#define LIBC_INCLUDE_FCNTL_H

#include <sys/types.h>
#include <uapi/fcntl.h>

int open(const char *path, int flags, ...);   /* a third argument, the mode, with O_CREAT */
int openat(int dirfd, const char *path, int flags, ...);   /* a relative path from dirfd (AT_FDCWD: open) */
int creat(const char *path, mode_t mode);
int fcntl(int fd, int command, ...);          /* a third argument for F_SETFL, F_SETFD, F_DUPFD,
                                                 * F_SETOWN, F_SETSIG; a struct flock * for F_GETLK,
                                                 * F_SETLK, F_SETLKW; a struct f_owner_ex * for
                                                 * F_SETOWN_EX, F_GETOWN_EX */

#endif

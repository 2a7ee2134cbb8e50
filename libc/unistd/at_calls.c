/* libc/unistd/at_calls.c - the *at calls, which name a file by a
 * directory descriptor and a path (a relative path from that directory,
 * AT_FDCWD for the working directory, an absolute path as it is), and
 * the calls the C library builds on them: access, eaccess, lchown,
 * mkfifoat. One system call each (kernel/fs/at_directory.h). */
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../syscall.h"
#include "../thread/thread_internal.h"

/* open(2) from `dirfd`; with O_CREAT a fourth argument gives the mode.
 * A cancellation point, as open. */
int openat(int dirfd, const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & O_CREAT) {
        va_list args;
        va_start(args, flags);
        mode = va_arg(args, mode_t);
        va_end(args);
    }
    return syscall_result(cancel_point_result(syscall4(cancel_point_number(SYS_openat), dirfd, (long)path,
                                                       flags, (long)mode)));
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
    return syscall_result(syscall3(SYS_mkdirat, dirfd, (long)path, (long)mode));
}

int mknodat(int dirfd, const char *path, mode_t mode, dev_t device)
{
    return syscall_result(syscall4(SYS_mknodat, dirfd, (long)path, (long)mode, (long)device));
}

int mkfifoat(int dirfd, const char *path, mode_t mode)
{
    return mknodat(dirfd, path, S_IFIFO | (mode & 07777), 0);
}

/* unlink, or rmdir with AT_REMOVEDIR. */
int unlinkat(int dirfd, const char *path, int flags)
{
    return syscall_result(syscall3(SYS_unlinkat, dirfd, (long)path, flags));
}

int renameat(int old_dirfd, const char *old_path, int new_dirfd, const char *new_path)
{
    return syscall_result(syscall4(SYS_renameat, old_dirfd, (long)old_path, new_dirfd, (long)new_path));
}

/* A link to a symbolic link itself, unless AT_SYMLINK_FOLLOW. */
int linkat(int old_dirfd, const char *existing, int new_dirfd, const char *new_path, int flags)
{
    return syscall_result(syscall5(SYS_linkat, old_dirfd, (long)existing, new_dirfd, (long)new_path, flags));
}

int symlinkat(const char *target, int dirfd, const char *link_path)
{
    return syscall_result(syscall3(SYS_symlinkat, (long)target, dirfd, (long)link_path));
}

ssize_t readlinkat(int dirfd, const char *path, char *buffer, size_t size)
{
    return syscall_result(syscall4(SYS_readlinkat, dirfd, (long)path, (long)buffer, (long)size));
}

/* stat, or lstat with AT_SYMLINK_NOFOLLOW; "" with AT_EMPTY_PATH is
 * fstat(dirfd). */
int fstatat(int dirfd, const char *path, struct stat *status, int flags)
{
    return syscall_result(syscall4(SYS_fstatat, dirfd, (long)path, (long)status, flags));
}

int fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
    return syscall_result(syscall4(SYS_fchmodat, dirfd, (long)path, (long)mode, flags));
}

int fchownat(int dirfd, const char *path, uid_t owner, gid_t group, int flags)
{
    return syscall_result(syscall5(SYS_fchownat, dirfd, (long)path, (long)owner, (long)group, flags));
}

/* chown of a symbolic link itself. */
int lchown(const char *path, uid_t owner, gid_t group)
{
    return fchownat(AT_FDCWD, path, owner, group, AT_SYMLINK_NOFOLLOW);
}

/* May the real user read, write or run `path` (R_OK, W_OK, X_OK), or is
 * it there (F_OK)? With AT_EACCESS: the effective user. */
int faccessat(int dirfd, const char *path, int mode, int flags)
{
    return syscall_result(syscall4(SYS_faccessat, dirfd, (long)path, mode, flags));
}

int access(const char *path, int mode)
{
    return faccessat(AT_FDCWD, path, mode, 0);
}

/* access by the effective ids (glibc's eaccess and euidaccess). */
int eaccess(const char *path, int mode)
{
    return faccessat(AT_FDCWD, path, mode, AT_EACCESS);
}

int euidaccess(const char *path, int mode)
{
    return eaccess(path, mode);
}

int fchdir(int fd)
{
    return syscall_result(syscall1(SYS_fchdir, fd));
}

/* libc/unistd/links.c - more names for a file: hard links (link), and
 * symbolic links, files that hold a path (symlink, readlink, lstat). */
#include <sys/stat.h>
#include <unistd.h>

#include "../syscall.h"

/* Gives the file `existing` the further name `new_path`, on the same file
 * system; both names are then equal, and the file lives while one does. */
int link(const char *existing, const char *new_path)
{
    return syscall_result(syscall2(SYS_link, (long)existing, (long)new_path));
}

/* Creates `link_path`, a symbolic link holding the path `target`, which
 * need not exist: a path walk that meets the link goes on at `target`. */
int symlink(const char *target, const char *link_path)
{
    return syscall_result(syscall2(SYS_symlink, (long)target, (long)link_path));
}

/* Copies the path the symbolic link `path` holds into `buffer`, at most
 * `size` bytes, without a NUL; returns how many bytes it copied. */
ssize_t readlink(const char *path, char *buffer, size_t size)
{
    return syscall_result(syscall3(SYS_readlink, (long)path, (long)buffer, (long)size));
}

/* As stat, but a symbolic link at `path` is described itself (S_IFLNK,
 * its size the length of its target), not the file it names. */
int lstat(const char *path, struct stat *status)
{
    return syscall_result(syscall2(SYS_lstat, (long)path, (long)status));
}

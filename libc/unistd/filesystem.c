/* libc/unistd/filesystem.c - system calls on names in the file system:
 * directories, status, renaming and removing, FIFOs. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../syscall.h"

/* Removes the name `path`; the file lives on while it is open. */
int unlink(const char *path)
{
    return syscall_result(syscall1(SYS_unlink, (long)path));
}

/* Removes a file, or an empty directory (C and POSIX's remove: unlink,
 * and rmdir where unlink says it is a directory, as glibc does). */
int remove(const char *path)
{
    int result = unlink(path);
    if (result < 0 && errno == EISDIR)
        return rmdir(path);
    return result;
}

/* Gives `old_path` the name `new_path`, replacing a file of that name. */
int rename(const char *old_path, const char *new_path)
{
    return syscall_result(syscall2(SYS_rename, (long)old_path, (long)new_path));
}

/* Creates the directory `path`. */
int mkdir(const char *path, mode_t mode)
{
    return syscall_result(syscall2(SYS_mkdir, (long)path, (long)mode));
}

/* Removes an empty directory. */
int rmdir(const char *path)
{
    return syscall_result(syscall1(SYS_rmdir, (long)path));
}

/* Fills `status` for the file at `path`. */
int stat(const char *path, struct stat *status)
{
    return syscall_result(syscall2(SYS_stat, (long)path, (long)status));
}

/* Fills `status` for the open file `fd`. */
int fstat(int fd, struct stat *status)
{
    return syscall_result(syscall2(SYS_fstat, fd, (long)status));
}

/* Makes the regular file at `path` `length` bytes long: cut, or grown
 * with zeros (ftruncate by name: the caller needs write permission). */
int truncate(const char *path, off_t length)
{
    return syscall_result(syscall2(SYS_truncate, (long)path, length));
}

/* Makes `path` the current directory. */
int chdir(const char *path)
{
    return syscall_result(syscall1(SYS_chdir, (long)path));
}

/* Stores the current directory's path in `buffer` and returns it. With a
 * NULL buffer the path goes into one from malloc (at least PATH_MAX bytes)
 * that the caller frees, as glibc does. */
char *getcwd(char *buffer, size_t size)
{
    char *allocated = NULL;
    if (!buffer) {
        if (size < PATH_MAX)
            size = PATH_MAX;
        buffer = allocated = malloc(size);
        if (!buffer)
            return NULL;
    }
    if (syscall_result(syscall2(SYS_getcwd, (long)buffer, (long)size)) == -1) {
        free(allocated);
        return NULL;
    }
    return buffer;
}

/* Creates a node at `path` of the type in `mode`'s S_IF* bits (S_IFIFO,
 * S_IFREG), with its permission bits. */
int mknod(const char *path, mode_t mode, dev_t device)
{
    return syscall_result(syscall3(SYS_mknod, (long)path, (long)mode, (long)device));
}

/* Creates a FIFO (a named pipe) at `path`. */
int mkfifo(const char *path, mode_t mode)
{
    return mknod(path, S_IFIFO | (mode & 07777), 0);
}

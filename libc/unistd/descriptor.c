/* libc/unistd/descriptor.c - system calls on descriptors: opening, reading,
 * writing, seeking, duplicating, pipes and device control. */
#include <fcntl.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "../syscall.h"
#include "../thread/thread_internal.h"

/* Opens `path`; with O_CREAT a third argument gives the new file's mode. */
int open(const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & O_CREAT) {
        va_list args;
        va_start(args, flags);
        mode = va_arg(args, mode_t);
        va_end(args);
    }
    return syscall_result(cancel_point_result(syscall3(cancel_point_number(SYS_open),
                                                       (long)path, flags, (long)mode)));
}

/* Creates (or truncates) `path` and opens it for writing. */
int creat(const char *path, mode_t mode)
{
    return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

/* Closes the descriptor; the object goes when its last descriptor does. */
int close(int fd)
{
    return syscall_result(syscall1(SYS_close, fd));
}

/* Reads up to `count` bytes; returns how many came, 0 at end of file. */
ssize_t read(int fd, void *buffer, size_t count)
{
    return syscall_result(cancel_point_result(syscall3(cancel_point_number(SYS_read),
                                                       fd, (long)buffer, (long)count)));
}

/* Writes up to `count` bytes; returns how many were taken. */
ssize_t write(int fd, const void *buffer, size_t count)
{
    return syscall_result(cancel_point_result(syscall3(cancel_point_number(SYS_write),
                                                       fd, (long)buffer, (long)count)));
}

/* Moves the file position; returns the new one, counted from the start. */
off_t lseek(int fd, off_t offset, int whence)
{
    return syscall_result(syscall3(SYS_lseek, fd, offset, whence));
}

/* Returns the lowest free descriptor, now naming what `fd` names. */
int dup(int fd)
{
    return syscall_result(syscall1(SYS_dup, fd));
}

/* Makes `new_fd` name what `old_fd` names, closing it first if open. */
int dup2(int old_fd, int new_fd)
{
    return syscall_result(syscall2(SYS_dup2, old_fd, new_fd));
}

/* F_GETFL, F_GETFD take no third argument; F_SETFL, F_SETFD, F_DUPFD(_CLOEXEC) take an int, the lock
 * commands a struct flock *. On i386 both are one word on the stack, and the word is read whatever the
 * command, as glibc reads it: for a command without one it is whatever lies there, and the kernel
 * never looks at it. */
int fcntl(int fd, int command, ...)
{
    va_list args;
    va_start(args, command);
    long argument = va_arg(args, long);
    va_end(args);
    if (command == F_GETOWN) {
        /* a group owner is -pgid, which a small pgid would make look like
         * an error: asked as F_GETOWN_EX, as glibc does */
        struct f_owner_ex owner;
        if (syscall_result(syscall3(SYS_fcntl, fd, F_GETOWN_EX, (long)&owner)) < 0)
            return -1;
        return owner.type == F_OWNER_PGRP ? -owner.pid : owner.pid;
    }
    if (command == F_SETLKW || command == F_OFD_SETLKW)   /* it may wait: a cancellation point, as POSIX says */
        return syscall_result(cancel_point_result(syscall3(cancel_point_number(SYS_fcntl), fd, command, argument)));
    return syscall_result(syscall3(SYS_fcntl, fd, command, argument));
}

/* Cuts or extends the open file to `length` bytes. */
int ftruncate(int fd, off_t length)
{
    return syscall_result(syscall2(SYS_ftruncate, fd, length));
}

/* Creates a pipe: fds[0] is its read end, fds[1] its write end. */
int pipe(int fds[2])
{
    return syscall_result(syscall1(SYS_pipe, (long)fds));
}

/* Sends a device-specific `request` with one pointer or integer argument. */
int ioctl(int fd, unsigned long request, ...)
{
    va_list args;
    va_start(args, request);
    long argument = va_arg(args, long);
    va_end(args);
    return syscall_result(syscall3(SYS_ioctl, fd, (long)request, argument));
}

/* libc/unistd/file_times.c - setting a file's access and modification
 * times: utimensat and futimens on SYS_utimensat, and the older utime
 * (seconds) and utimes (microseconds) turned into its timespecs, as glibc
 * does, so that all four answer the kernel's rules and errors
 * (kernel/fs/times_syscalls.c). */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <utime.h>

#include "../syscall.h"

#define NANOSECONDS_PER_MICROSECOND 1000
#define MICROSECONDS_MAX 999999
#define INVALID_NANOSECONDS (-1L)   /* what the kernel refuses with EINVAL, in its turn */

/* The file `path` names from `dirfd`; a NULL path is EINVAL, as glibc
 * has it (the system call would take it for dirfd's own file: futimens). */
int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags)
{
    if (!path) {
        errno = EINVAL;
        return -1;
    }
    return syscall_result(syscall4(SYS_utimensat, dirfd, (long)path, (long)times, flags));
}

/* The file open as `fd`. */
int futimens(int fd, const struct timespec times[2])
{
    return syscall_result(syscall4(SYS_utimensat, fd, 0, (long)times, 0));
}

int utime(const char *path, const struct utimbuf *times)
{
    struct timespec both[2];
    if (times) {
        both[0] = (struct timespec){ times->actime, 0 };
        both[1] = (struct timespec){ times->modtime, 0 };
    }
    return utimensat(AT_FDCWD, path, times ? both : 0, 0);
}

/* A time in microseconds as utimensat's: a count of microseconds out of
 * range stays out of range (it would wrap when multiplied), so that the
 * kernel says EINVAL after the path's own errors, as Linux orders them. */
static struct timespec from_microseconds(struct timeval time)
{
    long nanoseconds = time.tv_usec < 0 || time.tv_usec > MICROSECONDS_MAX
                           ? INVALID_NANOSECONDS
                           : time.tv_usec * NANOSECONDS_PER_MICROSECOND;
    return (struct timespec){ time.tv_sec, nanoseconds };
}

int utimes(const char *path, const struct timeval times[2])
{
    struct timespec both[2];
    if (times) {
        both[0] = from_microseconds(times[0]);
        both[1] = from_microseconds(times[1]);
    }
    return utimensat(AT_FDCWD, path, times ? both : 0, 0);
}

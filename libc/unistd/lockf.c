/* libc/unistd/lockf.c - lockf(3): the write locks of an older interface,
 * made of fcntl's record locks (docs/record-locks.md), as glibc's: the
 * range starts at the file's offset and covers `length` bytes (0: to the
 * end, however far the file grows; negative: the bytes before it). */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int lockf(int fd, int command, off_t length)
{
    struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_CUR, .l_start = 0, .l_len = length };
    switch (command) {
    case F_TEST:
        lock.l_type = F_RDLCK;        /* finds another process's write lock, the kind lockf makes (glibc asks so too) */
        if (fcntl(fd, F_GETLK, &lock) < 0)
            return -1;
        if (lock.l_type == F_UNLCK || lock.l_pid == getpid())
            return 0;
        errno = EACCES;
        return -1;
    case F_ULOCK:
        lock.l_type = F_UNLCK;
        return fcntl(fd, F_SETLK, &lock);
    case F_LOCK:
        return fcntl(fd, F_SETLKW, &lock);
    case F_TLOCK:
        return fcntl(fd, F_SETLK, &lock);
    default:
        errno = EINVAL;
        return -1;
    }
}

/* user/tools/bench/record_lock.c - what a file lock costs
 * (docs/record-locks.md): fcntl's F_SETLK taking a write lock on 100 bytes
 * of a file in /tmp and F_SETLK letting it go, nobody else near (the
 * same with F_OFD_SETLK, the open file's lock); F_GETLK
 * finding the lock of another process in its way; and flock's LOCK_EX and
 * LOCK_UN on the whole file. */
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "bench.h"

#define PATH "/tmp/bench_record_lock"

static int lock_range(int fd, short type, int command)
{
    struct flock lock = { .l_type = type, .l_whence = SEEK_SET, .l_start = 0, .l_len = 100 };
    return fcntl(fd, command, &lock);
}

/* `ofd`: the open file's lock (F_OFD_SETLK) rather than the process's. */
int bench_record_lock_unlock(int ofd, struct samples *samples)
{
    int command = ofd ? F_OFD_SETLK : F_SETLK;
    int fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return last_error();
    if (lock_range(fd, F_WRLCK, command) < 0 || lock_range(fd, F_UNLCK, command) < 0) {
        int error = last_error();
        close(fd);
        unlink(PATH);
        return error;                   /* -ENOSYS: a kernel without record locks (NA) */
    }
    TIME_EACH(samples, (lock_range(fd, F_WRLCK, command), lock_range(fd, F_UNLCK, command)));
    close(fd);
    unlink(PATH);
    return 0;
}

static int release_pipe[2];

/* The child: holds a write lock on the 100 bytes until the pipe closes. */
static int hold_the_lock(int unused)
{
    (void)unused;
    close(release_pipe[1]);
    int fd = open(PATH, O_RDWR);
    if (fd < 0 || lock_range(fd, F_WRLCK, F_SETLK) < 0)
        return 1;
    char byte;
    read(release_pipe[0], &byte, 1);    /* end of file: the parent is done */
    return 0;
}

int bench_record_getlk(int unused, struct samples *samples)
{
    (void)unused;
    int fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return last_error();
    if (pipe(release_pipe) < 0) {
        close(fd);
        return last_error();
    }
    pid_t child = start_child(hold_the_lock, 0);
    close(release_pipe[0]);
    struct flock lock = { .l_type = F_WRLCK };
    int status = 0;
    for (int tries = 0; tries < 1000; tries++) {       /* until the child holds it */
        lock = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 100 };
        if (fcntl(fd, F_GETLK, &lock) < 0) {
            status = last_error();
            break;
        }
        if (lock.l_type != F_UNLCK)
            break;
        usleep(1000);
    }
    if (status == 0 && lock.l_type == F_UNLCK)
        status = -EIO;
    if (status == 0)
        TIME_EACH(samples, (lock.l_type = F_WRLCK, lock.l_whence = SEEK_SET, lock.l_start = 0, lock.l_len = 100,
                            fcntl(fd, F_GETLK, &lock)));
    close(release_pipe[1]);
    close(fd);
    status = finish_child(child, status);
    unlink(PATH);
    return status;
}

int bench_flock_lock_unlock(int unused, struct samples *samples)
{
    (void)unused;
    int fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return last_error();
    if (flock(fd, LOCK_EX) < 0 || flock(fd, LOCK_UN) < 0) {
        int error = last_error();
        close(fd);
        unlink(PATH);
        return error;                   /* -ENOSYS: a kernel without file locks (NA) */
    }
    TIME_EACH(samples, (flock(fd, LOCK_EX), flock(fd, LOCK_UN)));
    close(fd);
    unlink(PATH);
    return 0;
}

/* libc/unistd/sync.c - getting changes onto the disk: fsync, fdatasync
 * and sync (fsync(2), sync(2)). The kernel keeps the blocks a program
 * writes in its buffer cache and writes them to the disk later; these
 * calls make it write them now, and wait until the disk has them. */
#include <unistd.h>

#include "../syscall.h"
#include "../thread/thread_internal.h"

/* Writes the changes of the file open as `fd`, its data and what the file
 * system keeps about it, to the disk. A cancellation point, as POSIX asks:
 * it may wait a long time for the disk. */
int fsync(int fd)
{
    return syscall_result(cancel_point_result(syscall1(cancel_point_number(SYS_fsync), fd)));
}

/* fsync: the kernel has no cheaper way that would leave the times alone. */
int fdatasync(int fd)
{
    return fsync(fd);
}

/* Writes every file system's changes to its disk. It cannot fail. */
void sync(void)
{
    syscall0(SYS_sync);
}

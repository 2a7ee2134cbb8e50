// needs: file_locks
/* tests/boot/record_locks_ofd_belong_to_the_open_file.c - fcntl's
 * F_OFD_SETLK, F_OFD_SETLKW and F_OFD_GETLK (POSIX.1-2024, Linux's open
 * file description locks): the lock belongs to the open file, not to the
 * process. So two opens of one file in one process conflict, a dup of the
 * descriptor and a forked child share the lock, closing one of several
 * descriptors of the open file keeps it (where a process's F_SETLK lock
 * would go), and the last close lets it go. An OFD lock and a process's
 * lock on the same bytes conflict, even in one process; F_GETLK says
 * l_pid -1 for an OFD lock; l_pid must be 0 (EINVAL). Two threads with
 * opens of their own wait for each other in F_OFD_SETLKW, which a
 * process's locks cannot do. The kernel's counters are back at the end. */
#define _GNU_SOURCE                   /* F_OFD_* in glibc's <fcntl.h> (tools/linux-check) */
#include <fcntl.h>
#include <pthread.h>

#include "boot_test.h"

#define TEST_NAME "record_locks_ofd_belong_to_the_open_file"
#define PATH "/tmp/ofd-locks"

static int lock(int fd, int command, short type, long start, long length)
{
    struct flock request = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = length };
    return fcntl(fd, command, &request);
}

/* What F_OFD_GETLK (or F_GETLK) through `fd` finds in the way of a write
 * lock on start..start+length-1. */
static struct flock in_the_way(int fd, int command, long start, long length)
{
    struct flock request = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = start, .l_len = length };
    if (fcntl(fd, command, &request) != 0)
        request.l_type = -1;
    return request;
}

static void two_opens_dup_and_closes(void)
{
    int first = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
    int second = open(PATH, O_RDWR);
    CHECK(first >= 0 && second >= 0, "two opens of " PATH ": %d, %d (%s)", first, second, strerror(errno));
    CHECK_EQ(0, lock(first, F_OFD_SETLK, F_WRLCK, 0, 100), "F_OFD_SETLK write lock 0..99 through the first open");
    CHECK_ERROR(lock(second, F_OFD_SETLK, F_WRLCK, 50, 10), EAGAIN);   /* same process, another open file */
    CHECK_ERROR(lock(second, F_OFD_SETLK, F_RDLCK, 0, 1), EAGAIN);
    CHECK_EQ(0, lock(second, F_OFD_SETLK, F_WRLCK, 100, 10), "F_OFD_SETLK of 100..109, past the first's lock");

    struct flock found = in_the_way(second, F_OFD_GETLK, 0, 0);
    CHECK_EQ(F_WRLCK, found.l_type, "F_OFD_GETLK through the second open: the first's lock");
    CHECK_EQ(0, found.l_start, "its l_start");
    CHECK_EQ(100, found.l_len, "its l_len");
    CHECK_EQ(-1, found.l_pid, "its l_pid (an open file's lock has none)");
    found = in_the_way(second, F_GETLK, 0, 10);
    CHECK_EQ(F_WRLCK, found.l_type, "F_GETLK (the process's kind) meets the OFD lock too");
    CHECK_EQ(-1, found.l_pid, "its l_pid");
    CHECK_ERROR(lock(second, F_SETLK, F_WRLCK, 0, 10), EAGAIN);   /* a process's lock against an open file's */
    CHECK_EQ(0, lock(second, F_SETLK, F_WRLCK, 200, 10), "F_SETLK, the process's lock, of 200..209");
    CHECK_ERROR(lock(first, F_OFD_SETLK, F_WRLCK, 205, 1), EAGAIN);  /* and the other way */

    int copy = dup(first);
    CHECK_EQ(0, lock(copy, F_OFD_SETLK, F_RDLCK, 0, 50), "F_OFD_SETLK through a dup: the same owner, no conflict");
    CHECK_EQ(F_UNLCK, in_the_way(copy, F_OFD_GETLK, 0, 100).l_type, "F_OFD_GETLK through the dup: nothing in the way");
    close(copy);                      /* a process's lock would go at any close: this one stays */
    found = in_the_way(second, F_OFD_GETLK, 60, 1);
    CHECK_EQ(F_WRLCK, found.l_type, "the first open's lock after closing its dup");
    found = in_the_way(second, F_OFD_GETLK, 10, 1);
    CHECK_EQ(F_RDLCK, found.l_type, "its bytes 0..49, read-locked through the dup");

    struct flock with_pid = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 300, .l_len = 1, .l_pid = 7 };
    CHECK_ERROR(fcntl(first, F_OFD_SETLK, &with_pid), EINVAL);
    CHECK_ERROR(fcntl(first, F_OFD_GETLK, &with_pid), EINVAL);

    close(first);                     /* the open file's last descriptor: its locks go */
    CHECK_EQ(0, lock(second, F_OFD_SETLK, F_WRLCK, 0, 100), "F_OFD_SETLK of 0..99 once the first open is closed");
    close(second);
    unlink(PATH);
}

/* A forked child shares the open file, and so its locks: it may unlock
 * what its parent locked. Its own F_SETLK lock is the child's. */
static void fork_shares_the_lock(void)
{
    int fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
    int other = open(PATH, O_RDWR);
    CHECK_EQ(0, lock(fd, F_OFD_SETLK, F_WRLCK, 0, 10), "the parent's F_OFD_SETLK of 0..9");
    pid_t child = fork();
    if (child == 0) {
        int status = 0;
        if (lock(fd, F_OFD_SETLK, F_WRLCK, 0, 10) != 0)
            status |= 1;              /* the same owner: no conflict */
        if (lock(fd, F_SETLK, F_WRLCK, 0, 10) == 0 || errno != EAGAIN)
            status |= 2;              /* the child's own kind conflicts with it */
        if (lock(fd, F_OFD_SETLK, F_UNLCK, 0, 10) != 0)
            status |= 4;
        _exit(status);
    }
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the child: expected to share the lock (1), to meet it with F_SETLK (2), to unlock it (4): status %#x", status);
    CHECK_EQ(F_UNLCK, in_the_way(other, F_OFD_GETLK, 0, 10).l_type, "bytes 0..9 after the child unlocked them");
    close(fd);
    close(other);
    unlink(PATH);
}

static int waiter_fd;
static volatile int waiter_has_it;

static void *wait_for_the_lock(void *unused)
{
    (void)unused;
    if (lock(waiter_fd, F_OFD_SETLKW, F_WRLCK, 0, 0) == 0)
        waiter_has_it = 1;
    return 0;
}

/* Threads of one process, each with its own open: F_OFD_SETLKW waits. */
static void threads_wait_for_each_other(void)
{
    int mine = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
    waiter_fd = open(PATH, O_RDWR);
    CHECK_EQ(0, lock(mine, F_OFD_SETLK, F_RDLCK, 0, 0), "the main thread's F_OFD_SETLK read lock of the file");
    pthread_t waiter;
    CHECK_EQ(0, pthread_create(&waiter, 0, wait_for_the_lock, 0), "pthread_create");
    usleep(50000);
    CHECK_EQ(0, waiter_has_it, "the other thread's F_OFD_SETLKW while the read lock is held");
    CHECK_EQ(0, lock(mine, F_OFD_SETLK, F_UNLCK, 0, 0), "F_OFD_SETLK unlock");
    pthread_join(waiter, 0);
    CHECK_EQ(1, waiter_has_it, "the other thread's F_OFD_SETLKW after the unlock");
    CHECK_ERROR(lock(mine, F_OFD_SETLK, F_RDLCK, 0, 1), EAGAIN);
    close(waiter_fd);                 /* its last descriptor: the waiter's lock goes */
    CHECK_EQ(0, lock(mine, F_OFD_SETLK, F_RDLCK, 0, 1), "F_OFD_SETLK once the other thread's open is closed");
    close(mine);
    unlink(PATH);
}

static void cases(void)
{
    two_opens_dup_and_closes();
    fork_shares_the_lock();
    threads_wait_for_each_other();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish(TEST_NAME);
}

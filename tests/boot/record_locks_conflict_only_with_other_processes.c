/* tests/boot/record_locks_conflict_only_with_other_processes.c - fcntl's
 * record locks (kernel/fs/record_lock.c, docs/record-locks.md), the rules
 * of who is in whose way, checked against a second process:
 *  - a write lock stops every other process's lock on those bytes, a read
 *    lock only their write locks (F_SETLK: EAGAIN, as Linux), and bytes
 *    next to a lock are free;
 *  - F_GETLK names the lock in the way (type, SEEK_SET start, length, 0
 *    for "to the end", the holder's pid), or says F_UNLCK and leaves the
 *    rest as it was;
 *  - a process never stops itself: its new lock replaces what it held
 *    there, splitting a range (a hole unlocked in the middle leaves two
 *    locks) or joining neighbours of one type, and turning a write lock
 *    into a read lock lets other readers in;
 *  - SEEK_CUR, SEEK_END and a negative length name the bytes as Linux
 *    does;
 *  - errors: a read lock on a descriptor not open for reading and a
 *    write lock on one not open for writing are EBADF; a bad type or
 *    whence, a start before byte 0, F_GETLK of F_UNLCK are EINVAL; a bad
 *    pointer is EFAULT; a closed descriptor EBADF; a lock may reach past
 *    the largest off_t (Linux's ranges are 64-bit, and so are this
 *    kernel's);
 *  - lockf(3): F_TLOCK, F_TEST (EACCES while another process holds it),
 *    F_ULOCK;
 *  - nothing leaks: the kernel's heap is back once the locks are gone. */
// needs: file_locks
#include <fcntl.h>
#include <sys/wait.h>

#include "boot_test.h"

#define PATH "/tmp/record_locks_conflict"

static int file;

static struct flock range(short type, short whence, long start, long length)
{
    struct flock lock = { .l_type = type, .l_whence = whence, .l_start = start, .l_len = length, .l_pid = -7 };
    return lock;
}

/* Locks or unlocks with F_SETLK: 0 or the errno. */
static int set(int fd, short type, long start, long length)
{
    struct flock lock = range(type, SEEK_SET, start, length);
    return fcntl(fd, F_SETLK, &lock) == 0 ? 0 : errno;
}

/* What another process meets: a child asks with F_GETLK (`query`) or
 * tries F_SETLK (`try`), and sends the answer back through a pipe. */
struct answer {
    struct flock lock;
    int error;
};

static struct answer from_a_child(int setting, short type, long start, long length)
{
    int channel[2];
    CHECK_EQ(0, pipe(channel), "pipe");
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        struct answer answer = { range(type, SEEK_SET, start, length), 0 };
        if (fcntl(file, setting ? F_SETLK : F_GETLK, &answer.lock) < 0)
            answer.error = errno;
        write(channel[1], &answer, sizeof answer);
        _exit(0);                       /* its locks, if it took any, go with it */
    }
    struct answer answer = { range(-1, -1, -1, -1), -1 };
    CHECK_EQ(sizeof answer, read_fully(channel[0], &answer, sizeof answer), "the child's answer");
    waitpid(child, 0, 0);
    close(channel[0]);
    close(channel[1]);
    return answer;
}

static struct answer query(short type, long start, long length)
{
    return from_a_child(0, type, start, length);
}

static int try_lock(short type, long start, long length)
{
    return from_a_child(1, type, start, length).error;
}

#define CHECK_IN_THE_WAY(got, type, start, length)                                          \
    do {                                                                                        \
        struct answer a_ = (got);                                                            \
        CHECK(a_.error == 0 && a_.lock.l_type == (type) && a_.lock.l_whence == SEEK_SET &&      \
                  a_.lock.l_start == (start) && a_.lock.l_len == (length) && a_.lock.l_pid == getpid(), \
              "F_GETLK: expected type %d %ld+%ld of pid %d, got error %d type %d whence %d %ld+%ld pid %d", \
              type, (long)(start), (long)(length), getpid(), a_.error, a_.lock.l_type, a_.lock.l_whence, \
              a_.lock.l_start, a_.lock.l_len, a_.lock.l_pid);                                   \
    } while (0)

#define CHECK_FREE(got)                                                                      \
    do {                                                                                        \
        struct answer a_ = (got);                                                            \
        CHECK(a_.error == 0 && a_.lock.l_type == F_UNLCK && a_.lock.l_pid == -7,               \
              "F_GETLK: expected F_UNLCK, the rest untouched, got error %d type %d pid %d",     \
              a_.error, a_.lock.l_type, a_.lock.l_pid);                                         \
    } while (0)

static void write_locks_stop_everyone_read_locks_only_writers(void)
{
    CHECK_EQ(0, set(file, F_WRLCK, 100, 50), "write-lock bytes 100..149");
    CHECK_EQ(EAGAIN, try_lock(F_RDLCK, 149, 1), "another process's read lock on byte 149");
    CHECK_EQ(EAGAIN, try_lock(F_WRLCK, 0, 0), "another process's write lock on the whole file");
    CHECK_EQ(0, try_lock(F_WRLCK, 150, 10), "bytes 150..159, right after the lock");
    CHECK_EQ(0, try_lock(F_WRLCK, 0, 100), "bytes 0..99, right before it");
    CHECK_IN_THE_WAY(query(F_RDLCK, 0, 0), F_WRLCK, 100, 50);

    CHECK_EQ(0, set(file, F_RDLCK, 100, 50), "the same bytes read-locked: the write lock becomes a read lock");
    CHECK_EQ(0, try_lock(F_RDLCK, 120, 10), "another reader may share them");
    CHECK_EQ(EAGAIN, try_lock(F_WRLCK, 120, 10), "a writer may not");
    CHECK_FREE(query(F_RDLCK, 0, 0));
    CHECK_IN_THE_WAY(query(F_WRLCK, 0, 0), F_RDLCK, 100, 50);
    CHECK_EQ(0, set(file, F_UNLCK, 0, 0), "unlock all");
    CHECK_FREE(query(F_WRLCK, 0, 0));
}

static void a_process_splits_and_joins_its_own_locks(void)
{
    CHECK_EQ(0, set(file, F_WRLCK, 0, 100), "write-lock 0..99");
    CHECK_EQ(0, set(file, F_WRLCK, 50, 10), "again inside: no conflict with itself");
    CHECK_EQ(0, set(file, F_UNLCK, 40, 20), "unlock a hole, 40..59");
    CHECK_IN_THE_WAY(query(F_WRLCK, 0, 0), F_WRLCK, 0, 40);
    CHECK_IN_THE_WAY(query(F_WRLCK, 40, 0), F_WRLCK, 60, 40);
    CHECK_EQ(0, try_lock(F_WRLCK, 40, 20), "the hole is free");
    CHECK_EQ(0, set(file, F_RDLCK, 70, 10), "a read lock inside the write lock 60..99");
    CHECK_IN_THE_WAY(query(F_RDLCK, 60, 0), F_WRLCK, 60, 10);
    CHECK_EQ(0, try_lock(F_RDLCK, 70, 10), "70..79 shared now");
    CHECK_IN_THE_WAY(query(F_RDLCK, 70, 0), F_WRLCK, 80, 20);
    CHECK_EQ(0, set(file, F_WRLCK, 40, 30), "fill the hole and more with a write lock, 40..69");
    CHECK_IN_THE_WAY(query(F_RDLCK, 0, 0), F_WRLCK, 0, 70);          /* joined: 0..39 + 40..69 + 60..69 */
    CHECK_EQ(0, set(file, F_WRLCK, 70, 10), "and the read lock back to a write lock");
    CHECK_IN_THE_WAY(query(F_RDLCK, 0, 0), F_WRLCK, 0, 100);         /* one lock again */
    CHECK_EQ(0, set(file, F_WRLCK, 100, 0), "touching it, to the end");
    CHECK_IN_THE_WAY(query(F_RDLCK, 0, 0), F_WRLCK, 0, 0);           /* 0 to the end, however far */
    CHECK_EQ(0, set(file, F_UNLCK, 0, 0), "unlock all");
}

static void the_range_is_counted_as_linux_counts_it(void)
{
    CHECK_EQ(0, ftruncate(file, 1000), "ftruncate to 1000");
    CHECK_EQ(300, lseek(file, 300, SEEK_SET), "lseek to 300");
    struct flock lock = range(F_WRLCK, SEEK_CUR, 10, 5);
    CHECK_EQ(0, fcntl(file, F_SETLK, &lock), "SEEK_CUR + 10, 5 bytes");
    CHECK_IN_THE_WAY(query(F_RDLCK, 0, 0), F_WRLCK, 310, 5);
    lock = range(F_WRLCK, SEEK_END, -10, 0);
    CHECK_EQ(0, fcntl(file, F_SETLK, &lock), "SEEK_END - 10, to the end");
    CHECK_IN_THE_WAY(query(F_RDLCK, 400, 0), F_WRLCK, 990, 0);
    lock = range(F_RDLCK, SEEK_SET, 500, -100);
    CHECK_EQ(0, fcntl(file, F_SETLK, &lock), "the 100 bytes before 500");
    CHECK_IN_THE_WAY(query(F_WRLCK, 320, 0), F_RDLCK, 400, 100);
    lock = range(F_RDLCK, SEEK_SET, 50, -51);
    CHECK_ERROR(fcntl(file, F_SETLK, &lock), EINVAL);                /* would start before 0 */
    CHECK_EQ(0, set(file, F_UNLCK, 0, 0), "unlock all");
    CHECK_EQ(0, ftruncate(file, 0), "ftruncate to 0");
}

static void bad_requests_get_their_errors(void)
{
    int reading = open(PATH, O_RDONLY), writing = open(PATH, O_WRONLY);
    CHECK(reading >= 0 && writing >= 0, "open twice");
    CHECK_EQ(EBADF, set(reading, F_WRLCK, 0, 1), "a write lock on a descriptor open for reading");
    CHECK_EQ(EBADF, set(writing, F_RDLCK, 0, 1), "a read lock on a descriptor open for writing");
    CHECK_EQ(0, set(reading, F_RDLCK, 0, 1), "a read lock on it");
    CHECK_EQ(0, set(writing, F_WRLCK, 1, 1), "a write lock on the other");
    CHECK_EQ(0, set(reading, F_UNLCK, 0, 1), "unlocking needs no mode");
    CHECK_EQ(0, set(writing, F_UNLCK, 1, 1), "nor on the other");
    close(reading);
    close(writing);

    CHECK_EQ(EINVAL, set(file, 7, 0, 1), "type 7");
    struct flock lock = range(F_WRLCK, 3, 0, 1);
    CHECK_ERROR(fcntl(file, F_SETLK, &lock), EINVAL);                /* whence 3 */
    CHECK_EQ(EINVAL, set(file, F_WRLCK, -1, 1), "a start before byte 0");
    lock = range(F_UNLCK, SEEK_SET, 0, 1);
    CHECK_ERROR(fcntl(file, F_GETLK, &lock), EINVAL);                /* F_GETLK asks of a lock */
    CHECK_ERROR(fcntl(file, F_SETLK, (struct flock *)16), EFAULT);
    CHECK_ERROR(fcntl(file, F_GETLK, (struct flock *)0xc0000000), EFAULT);
    lock = range(F_WRLCK, SEEK_SET, 0x7fffff00, 0x1000);
    CHECK_EQ(0, fcntl(file, F_SETLK, &lock), "a lock past the largest off_t (the kernel's ranges are 64-bit)");
    CHECK_EQ(EAGAIN, try_lock(F_RDLCK, 0x7fffffff, 1), "its last byte a struct flock can name");
    CHECK_EQ(0, set(file, F_UNLCK, 0, 0), "unlock all");
    lock = range(F_WRLCK, SEEK_SET, 0, 1);
    CHECK_ERROR(fcntl(99, F_SETLK, &lock), EBADF);
    CHECK_FREE(query(F_WRLCK, 0, 0));                                /* none of these locked anything */
}

static void lockf_is_made_of_them(void)
{
    CHECK_EQ(10, lseek(file, 10, SEEK_SET), "lseek to 10");
    CHECK_EQ(0, lockf(file, F_TLOCK, 5), "lockf F_TLOCK 10..14");
    CHECK_EQ(0, lockf(file, F_TEST, 5), "F_TEST on its own lock");
    CHECK_IN_THE_WAY(query(F_RDLCK, 0, 0), F_WRLCK, 10, 5);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        lseek(file, 12, SEEK_SET);     /* the offset is shared: set it here, then back */
        int tested = lockf(file, F_TEST, 1) < 0 ? errno : 0;
        int tried = lockf(file, F_TLOCK, 1) < 0 ? errno : 0;
        _exit(tested == EACCES && (tried == EAGAIN || tried == EACCES) ? 0 : 1);
    }
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child's F_TEST and F_TLOCK met the lock");
    CHECK_EQ(10, lseek(file, 10, SEEK_SET), "lseek back to 10");
    CHECK_EQ(0, lockf(file, F_ULOCK, 5), "lockf F_ULOCK");
    CHECK_FREE(query(F_WRLCK, 0, 0));
    CHECK_ERROR(lockf(file, 9, 5), EINVAL);
}

int main(void)
{
    file = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(file >= 0, "open %s", PATH);
    struct kinfo_counters before = read_counters();
    write_locks_stop_everyone_read_locks_only_writers();
    a_process_splits_and_joins_its_own_locks();
    the_range_is_counted_as_linux_counts_it();
    bad_requests_get_their_errors();
    lockf_is_made_of_them();
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    close(file);
    unlink(PATH);
    return test_finish("record_locks_conflict_only_with_other_processes");
}

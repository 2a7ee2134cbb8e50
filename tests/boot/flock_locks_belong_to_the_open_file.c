/* tests/boot/flock_locks_belong_to_the_open_file.c - flock(2)
 * (kernel/fs/flock.c, docs/record-locks.md): BSD's lock on a whole file,
 * held by the open file description, as Linux's:
 *  - LOCK_SH locks share, LOCK_EX excludes every other: a lock in the way
 *    is EWOULDBLOCK with LOCK_NB;
 *  - two open()s of one file are two owners even in one process, while
 *    dup and fork share one: a child's LOCK_UN lets go of its parent's
 *    lock;
 *  - closing one of two descriptors of the open file keeps the lock; the
 *    last close lets it go, and so does the holder's exit;
 *  - a change of type is not atomic: the old lock goes first, so a reader
 *    asking LOCK_EX | LOCK_NB beside another reader ends with neither;
 *  - LOCK_EX waits ("flock" in ps) until the lock in the way goes; a
 *    signal ends the wait with EINTR, or restarts it under SA_RESTART;
 *  - flock and fcntl's record locks do not see each other;
 *  - lslocks lists a flock lock as TYPE FLOCK, the whole file;
 *  - errors: EINVAL for an operation that is none of the three, EBADF
 *    for a closed descriptor; nothing leaks. */
// needs: file_locks
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>

#include "boot_test.h"
#include "boot_wait.h"

#define PATH "/tmp/flock_test"

static int open_file(void)
{
    int fd = open(PATH, O_RDWR);
    CHECK(fd >= 0, "open %s", PATH);
    return fd;
}

/* flock(fd, operation): 0 or its errno. */
static int try_flock(int fd, int operation)
{
    return flock(fd, operation) == 0 ? 0 : errno;
}

/* What flock(own descriptor, operation) gives in a new child, which opens
 * the file itself: another open file, another owner. */
static int in_another_process(int operation)
{
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        int fd = open(PATH, O_RDWR);
        _exit(fd < 0 ? 100 : try_flock(fd, operation));
    }
    int status = -1;
    waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void shared_share_and_exclusive_excludes(void)
{
    int a = open_file(), b = open_file();
    CHECK_EQ(0, try_flock(a, LOCK_SH), "LOCK_SH on the first open file");
    CHECK_EQ(0, try_flock(b, LOCK_SH | LOCK_NB), "LOCK_SH on the second: shared");
    CHECK_EQ(EWOULDBLOCK, try_flock(b, LOCK_EX | LOCK_NB), "LOCK_EX on the second, the first reading");
    CHECK_EQ(0, in_another_process(LOCK_SH | LOCK_NB), "another process's LOCK_SH");
    CHECK_EQ(0, try_flock(a, LOCK_UN), "LOCK_UN on the first");
    CHECK_EQ(0, try_flock(a, LOCK_EX | LOCK_NB), "LOCK_EX on the first, nobody else reading now");
    CHECK_EQ(EWOULDBLOCK, try_flock(b, LOCK_SH | LOCK_NB), "LOCK_SH on the second: the same process, another open file");
    CHECK_EQ(EWOULDBLOCK, in_another_process(LOCK_SH | LOCK_NB), "another process's LOCK_SH");
    CHECK_EQ(0, try_flock(a, LOCK_EX), "LOCK_EX again on the first: it has it");
    close(a);
    CHECK_EQ(0, in_another_process(LOCK_EX | LOCK_NB), "LOCK_EX once the first open file is closed");
    close(b);
}

static void dup_and_fork_share_the_lock(void)
{
    int fd = open_file();
    CHECK_EQ(0, try_flock(fd, LOCK_EX), "LOCK_EX");
    int copy = dup(fd);
    CHECK_EQ(0, try_flock(copy, LOCK_EX | LOCK_NB), "LOCK_EX on a dup: the same lock");
    close(copy);
    CHECK_EQ(EWOULDBLOCK, in_another_process(LOCK_SH | LOCK_NB), "after closing the dup, the lock stays");
    fflush(stdout);
    pid_t child = fork();
    if (child == 0)
        _exit(try_flock(fd, LOCK_EX | LOCK_NB) == 0 && try_flock(fd, LOCK_UN) == 0 ? 0 : 1);
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child took the shared open file's lock, then let it go");
    CHECK_EQ(0, in_another_process(LOCK_EX | LOCK_NB), "the child's LOCK_UN let go of its parent's lock");
    close(fd);
}

static void exit_and_conversion(void)
{
    int ready[2];
    CHECK_EQ(0, pipe(ready), "pipe");
    fflush(stdout);
    pid_t holder = fork();
    if (holder == 0) {
        int fd = open(PATH, O_RDWR);
        char byte = try_flock(fd, LOCK_SH) == 0 ? 'L' : 'x';
        write(ready[1], &byte, 1);
        pause();                                /* until SIGTERM */
        _exit(0);
    }
    char byte = 0;
    CHECK_EQ(1, read(ready[0], &byte, 1), "the holder's word");
    CHECK_EQ('L', byte, "the holder took LOCK_SH");
    int fd = open_file();
    CHECK_EQ(0, try_flock(fd, LOCK_SH), "LOCK_SH beside it");
    CHECK_EQ(EWOULDBLOCK, try_flock(fd, LOCK_EX | LOCK_NB), "LOCK_EX | LOCK_NB beside the other reader");
    CHECK_EQ(0, in_another_process(LOCK_SH | LOCK_NB), "another reader, as before");
    kill(holder, SIGTERM);
    waitpid(holder, 0, 0);
    CHECK_EQ(0, in_another_process(LOCK_EX | LOCK_NB),
             "LOCK_EX once the holder exited: the failed change of type left no LOCK_SH either (Linux)");
    close(fd);
    close(ready[0]), close(ready[1]);
}

/* A child that waits for LOCK_EX on an open file of its own and reports
 * flock's errno and the handlers that ran through `report`. It closes
 * the parent's descriptor `locked` first: a copy of it would keep the
 * parent's open file, and its lock, alive after the parent closes it. */
static pid_t start_waiter(int locked, int report, int handler_flags)
{
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        close(locked);
        if (handler_flags >= 0)
            count_sigusr1(handler_flags);
        int fd = open(PATH, O_RDWR);
        int answer[2] = { try_flock(fd, LOCK_EX), handled };
        write(report, answer, sizeof answer);
        _exit(0);
    }
    return child;
}

static void waits_end_at_unlock_or_signal(void)
{
    int fd = open_file(), report[2];
    CHECK_EQ(0, pipe(report), "pipe");
    CHECK_EQ(0, try_flock(fd, LOCK_EX), "LOCK_EX");

    pid_t child = start_waiter(fd, report[1], -1);
    CHECK(wait_until_blocked(child, "flock"), "the waiter waits in flock, as ps says");
    char output[2048];
    capture("/bin/lslocks", output, sizeof output);
    char mine[64], its[64];
    snprintf(mine, sizeof mine, "%d  FLOCK WRITE ", getpid());
    snprintf(its, sizeof its, "%d  FLOCK WRITE* ", child);
    CHECK(strstr(output, mine) && strstr(output, its) && strstr(output, "EOF"),
          "lslocks shows the FLOCK lock and its waiter:\n%s", output);
    CHECK_EQ(0, try_flock(fd, LOCK_UN), "LOCK_UN");
    int answer[2] = { -1, -1 };
    CHECK_EQ(sizeof answer, read_fully(report[0], answer, sizeof answer), "the waiter's report");
    CHECK_EQ(0, answer[0], "the waiter's LOCK_EX after the unlock");
    waitpid(child, 0, 0);

    CHECK_EQ(0, try_flock(fd, LOCK_EX), "LOCK_EX again");
    child = start_waiter(fd, report[1], 0);
    CHECK(wait_until_blocked(child, "flock"), "the waiter waits");
    kill(child, SIGUSR1);
    CHECK_EQ(sizeof answer, read_fully(report[0], answer, sizeof answer), "the waiter's report");
    CHECK(answer[0] == EINTR && answer[1] == 1, "EINTR after one handler without SA_RESTART: got %d, %d handlers",
          answer[0], answer[1]);
    waitpid(child, 0, 0);

    child = start_waiter(fd, report[1], SA_RESTART);
    CHECK(wait_until_blocked(child, "flock"), "the waiter waits");
    kill(child, SIGUSR1);
    CHECK(wait_until_blocked(child, "flock"), "the waiter waits again, restarted");
    close(fd);                                  /* the last descriptor: the lock goes */
    CHECK_EQ(sizeof answer, read_fully(report[0], answer, sizeof answer), "the waiter's report");
    CHECK(answer[0] == 0 && answer[1] == 1, "LOCK_EX under SA_RESTART after the close: got %d, %d handlers",
          answer[0], answer[1]);
    waitpid(child, 0, 0);
    close(report[0]), close(report[1]);
}

static void record_locks_and_flock_do_not_meet(void)
{
    int fd = open_file();
    CHECK_EQ(0, try_flock(fd, LOCK_EX), "LOCK_EX");
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        int own = open(PATH, O_RDWR);
        struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
        _exit(fcntl(own, F_SETLK, &lock) == 0 ? 0 : 1);
    }
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "another process's fcntl write lock beside a flock LOCK_EX");
    close(fd);
}

static void bad_operations(void)
{
    int fd = open_file();
    CHECK_ERROR(flock(fd, 0), EINVAL);
    CHECK_ERROR(flock(fd, LOCK_NB), EINVAL);
    CHECK_ERROR(flock(fd, LOCK_SH | LOCK_EX), EINVAL);
    CHECK_ERROR(flock(fd, 16), EINVAL);
    CHECK_ERROR(flock(99, LOCK_EX), EBADF);
    CHECK_EQ(0, try_flock(fd, LOCK_UN), "LOCK_UN of no lock");
    close(fd);
}

int main(void)
{
    struct kinfo_counters before = read_counters();
    int fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0, "create %s", PATH);
    close(fd);
    shared_share_and_exclusive_excludes();
    dup_and_fork_share_the_lock();
    exit_and_conversion();
    waits_end_at_unlock_or_signal();
    record_locks_and_flock_do_not_meet();
    bad_operations();
    unlink(PATH);
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("flock_locks_belong_to_the_open_file");
}

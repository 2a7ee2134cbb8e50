/* tests/boot/record_locks_go_when_any_descriptor_of_the_file_closes.c -
 * whose fcntl record locks are, and when they go (kernel/fs/record_lock.c,
 * docs/record-locks.md), POSIX's rules:
 *  - closing ANY descriptor of the file lets go of every lock the process
 *    holds on it: one opened on its own, a dup of the one locked, and the
 *    one locked itself;
 *  - a forked child holds none of its parent's locks: it meets them as
 *    any other process, and its close of the shared descriptor leaves
 *    them where they are;
 *  - a process's exit lets go of its locks;
 *  - exec keeps them, but a close-on-exec descriptor's close at exec
 *    lets them go;
 *  - the threads of a process share its locks: one thread's lock is no
 *    conflict for another. */
// needs: file_locks
#include <fcntl.h>
#include <pthread.h>
#include <sys/wait.h>

#include "boot_test.h"

#define PATH "/tmp/record_locks_close"

/* Is byte `at` of PATH write-locked by someone else than a new child of
 * the caller? Asked by that child, on a descriptor of its own (the
 * caller's locks are in its way; its own close touches nobody's). Returns
 * the holder's pid, or 0. */
static pid_t holder_of(long at)
{
    int channel[2];
    CHECK_EQ(0, pipe(channel), "pipe");
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        int fd = open(PATH, O_RDWR);
        struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = at, .l_len = 1 };
        pid_t holder = -1;
        if (fd >= 0 && fcntl(fd, F_GETLK, &lock) == 0)
            holder = lock.l_type == F_UNLCK ? 0 : lock.l_pid;
        write(channel[1], &holder, sizeof holder);
        _exit(0);
    }
    pid_t holder = -2;
    CHECK_EQ(sizeof holder, read_fully(channel[0], &holder, sizeof holder), "the child's answer");
    waitpid(child, 0, 0);
    close(channel[0]);
    close(channel[1]);
    return holder;
}

static int lock_byte(int fd, short type, long at, int command)
{
    struct flock lock = { .l_type = type, .l_whence = SEEK_SET, .l_start = at, .l_len = 1 };
    return fcntl(fd, command, &lock) == 0 ? 0 : errno;
}

static void any_close_lets_go(void)
{
    int locked = open(PATH, O_RDWR);
    CHECK_EQ(0, lock_byte(locked, F_WRLCK, 0, F_SETLK), "lock byte 0");
    CHECK_EQ(getpid(), holder_of(0), "byte 0's holder");
    int other = open(PATH, O_RDONLY);
    CHECK(other >= 0, "open the file again");
    close(other);
    CHECK_EQ(0, holder_of(0), "after closing a descriptor opened on its own");

    CHECK_EQ(0, lock_byte(locked, F_WRLCK, 0, F_SETLK), "lock byte 0 again");
    int copy = dup(locked);
    close(copy);
    CHECK_EQ(0, holder_of(0), "after closing a dup of the locked descriptor");

    CHECK_EQ(0, lock_byte(locked, F_WRLCK, 0, F_SETLK), "lock byte 0 again");
    close(locked);
    CHECK_EQ(0, holder_of(0), "after closing the locked descriptor");
}

static void a_child_has_none_of_its_parents_locks(void)
{
    int fd = open(PATH, O_RDWR);
    CHECK_EQ(0, lock_byte(fd, F_WRLCK, 1, F_SETLK), "lock byte 1");
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        int met = lock_byte(fd, F_WRLCK, 1, F_SETLK);
        close(fd);                      /* its own close: the parent's lock stays */
        _exit(met == EAGAIN ? 0 : 1);
    }
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child met its parent's lock (EAGAIN)");
    CHECK_EQ(getpid(), holder_of(1), "byte 1's holder after the child closed its copy and left");
    close(fd);
}

static void exit_lets_go(void)
{
    int ready[2], release[2];
    CHECK(pipe(ready) == 0 && pipe(release) == 0, "pipes");
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        int fd = open(PATH, O_RDWR);
        char byte = lock_byte(fd, F_WRLCK, 2, F_SETLK) == 0 ? 'L' : 'x';
        write(ready[1], &byte, 1);
        read(release[0], &byte, 1);
        _exit(0);                       /* without closing anything itself */
    }
    char byte = 0;
    CHECK_EQ(1, read(ready[0], &byte, 1), "the child's word");
    CHECK_EQ('L', byte, "the child locked byte 2");
    CHECK_EQ(child, holder_of(2), "byte 2's holder");
    write(release[1], "x", 1);
    waitpid(child, 0, 0);
    CHECK_EQ(0, holder_of(2), "byte 2 after the child's exit");
    close(ready[0]), close(ready[1]), close(release[0]), close(release[1]);
}

/* A child locks byte `at` on a descriptor opened with `flags`, then execs
 * /bin/cat reading a pipe, which waits until the pipe's writer closes. */
static pid_t lock_then_exec(long at, int flags, int *writer)
{
    int ready[2], input[2];
    CHECK(pipe(ready) == 0 && pipe(input) == 0, "pipes");
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        int fd = open(PATH, O_RDWR | flags);
        char byte = lock_byte(fd, F_WRLCK, at, F_SETLK) == 0 ? 'L' : 'x';
        dup2(input[0], 0);
        close(input[0]), close(input[1]), close(ready[0]);
        fcntl(ready[1], F_SETFD, FD_CLOEXEC);
        write(ready[1], &byte, 1);
        execl("/bin/cat", "cat", (char *)0);
        _exit(127);
    }
    close(input[0]), close(ready[1]);
    char byte = 0;
    CHECK_EQ(1, read(ready[0], &byte, 1), "the child's word");
    CHECK_EQ('L', byte, "the child locked its byte");
    CHECK_EQ(0, read(ready[0], &byte, 1), "the child's exec closed its end");
    close(ready[0]);
    *writer = input[1];
    return child;
}

static void exec_keeps_them_but_close_on_exec_lets_go(void)
{
    int writer;
    pid_t child = lock_then_exec(3, 0, &writer);
    CHECK_EQ(child, holder_of(3), "byte 3's holder, after its exec");
    close(writer);
    waitpid(child, 0, 0);
    CHECK_EQ(0, holder_of(3), "byte 3 once the program exited");

    child = lock_then_exec(4, O_CLOEXEC, &writer);
    CHECK_EQ(0, holder_of(4), "byte 4, locked on a descriptor its exec closed");
    close(writer);
    waitpid(child, 0, 0);
}

static int shared_fd;

static void *lock_from_a_thread(void *unused)
{
    (void)unused;
    return (void *)(long)lock_byte(shared_fd, F_WRLCK, 5, F_SETLK);
}

static void threads_share_the_process_locks(void)
{
    shared_fd = open(PATH, O_RDWR);
    CHECK_EQ(0, lock_byte(shared_fd, F_WRLCK, 5, F_SETLK), "the main thread locks byte 5");
    pthread_t thread;
    void *result = (void *)-1;
    CHECK_EQ(0, pthread_create(&thread, 0, lock_from_a_thread, 0), "pthread_create");
    CHECK_EQ(0, pthread_join(thread, &result), "pthread_join");
    CHECK_EQ(0, (long)result, "another thread's lock on byte 5: no conflict");
    CHECK_EQ(getpid(), holder_of(5), "byte 5's holder");
    close(shared_fd);
    CHECK_EQ(0, holder_of(5), "byte 5 after the close");
}

int main(void)
{
    int fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0, "create %s", PATH);
    close(fd);
    struct kinfo_counters before = read_counters();
    any_close_lets_go();
    a_child_has_none_of_its_parents_locks();
    exit_lets_go();
    exec_keeps_them_but_close_on_exec_lets_go();
    run_checks_in_child(threads_share_the_process_locks);   /* its thread stack stays out of the counts */
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    unlink(PATH);
    return test_finish("record_locks_go_when_any_descriptor_of_the_file_closes");
}

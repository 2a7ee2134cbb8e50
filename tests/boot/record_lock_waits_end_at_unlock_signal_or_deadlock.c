/* tests/boot/record_lock_waits_end_at_unlock_signal_or_deadlock.c -
 * fcntl's F_SETLKW (kernel/fs/record_lock.c, docs/record-locks.md):
 *  - it waits while another process holds a lock in the way ("record
 *    lock" in ps), and takes its own the moment that one goes: by an
 *    unlock, or by the holder's exit;
 *  - a signal whose handler was installed without SA_RESTART ends the
 *    wait with EINTR, after the handler; with SA_RESTART the call goes on
 *    waiting and takes the lock (Linux: signal(7));
 *  - two processes each holding a byte and each waiting for the other's:
 *    whichever asks second gets EDEADLK at once, never a hang, and the
 *    other gets its lock once the first lets go;
 *  - locks are for counting: four processes each add 1 to a number in
 *    the file 250 times, each read-and-write under a write lock; the
 *    number ends exactly 1,000 (nothing lost), and the kernel's heap is
 *    back. */
// needs: file_locks
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>

#include "boot_test.h"
#include "boot_wait.h"

#define PATH     "/tmp/record_lock_waits"
#define WORKERS  4
#define ROUNDS   250

static int lock_byte(int fd, short type, long at, int command)
{
    struct flock lock = { .l_type = type, .l_whence = SEEK_SET, .l_start = at, .l_len = 1 };
    return fcntl(fd, command, &lock) == 0 ? 0 : errno;
}

/* Waits until `pid` sleeps in F_SETLKW ("record lock", as ps shows). On
 * Linux (tools/linux-check), whose kinfo answers ENOSYS, gives it 200 ms. */
static void until_it_waits(pid_t pid)
{
    struct kinfo_counters probe;
    if (kinfo(KINFO_COUNTERS, &probe, sizeof probe) < 0) {
        usleep(200000);
        return;
    }
    CHECK(wait_until_blocked(pid, "record lock"), "pid %d waits in F_SETLKW", pid);
}

/* A child that waits for byte `at` with F_SETLKW and reports through the
 * pipe `report`: one byte when the call returns, then its errno (0:
 * locked) and how many handlers ran. */
static pid_t start_waiter(long at, int report, void (*prepare)(void))
{
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        if (prepare)
            prepare();
        int fd = open(PATH, O_RDWR);
        int answer[2];
        answer[0] = lock_byte(fd, F_WRLCK, at, F_SETLKW);
        answer[1] = handled;
        write(report, answer, sizeof answer);
        _exit(0);
    }
    return child;
}

static int nothing_reported_yet(int report)
{
    int flags = fcntl(report, F_GETFL);
    fcntl(report, F_SETFL, flags | O_NONBLOCK);
    char byte;
    int none = read(report, &byte, 1) < 0 && errno == EAGAIN;
    fcntl(report, F_SETFL, flags);
    return none;
}

static void a_wait_ends_when_the_lock_goes(void)
{
    int fd = open(PATH, O_RDWR), report[2];
    CHECK_EQ(0, pipe(report), "pipe");
    CHECK_EQ(0, lock_byte(fd, F_WRLCK, 0, F_SETLK), "lock byte 0");
    pid_t child = start_waiter(0, report[1], 0);
    until_it_waits(child);
    CHECK(nothing_reported_yet(report[0]), "the waiter is still waiting while byte 0 is locked");
    long long unlocked = monotonic_ns();
    CHECK_EQ(0, lock_byte(fd, F_UNLCK, 0, F_SETLK), "unlock byte 0");
    int answer[2] = { -1, -1 };
    CHECK_EQ(sizeof answer, read_fully(report[0], answer, sizeof answer), "the waiter's report");
    CHECK_EQ(0, answer[0], "the waiter's F_SETLKW after the unlock");
    CHECK((monotonic_ns() - unlocked) < 2000000000ll, "the waiter took the lock within 2 s of the unlock");
    waitpid(child, 0, 0);

    /* the same when the holder exits */
    int ready[2];
    CHECK_EQ(0, pipe(ready), "pipe");
    fflush(stdout);
    pid_t holder = fork();
    if (holder == 0) {
        int own = open(PATH, O_RDWR);
        char byte = lock_byte(own, F_RDLCK, 1, F_SETLK) == 0 ? 'L' : 'x';
        write(ready[1], &byte, 1);
        pause();                                  /* until SIGTERM */
        _exit(0);
    }
    char byte = 0;
    CHECK_EQ(1, read(ready[0], &byte, 1), "the holder's word");
    CHECK_EQ('L', byte, "the holder read-locked byte 1");
    child = start_waiter(1, report[1], 0);
    until_it_waits(child);
    CHECK(nothing_reported_yet(report[0]), "the writer waits behind the reader");
    kill(holder, SIGTERM);
    waitpid(holder, 0, 0);
    CHECK_EQ(sizeof answer, read_fully(report[0], answer, sizeof answer), "the waiter's report");
    CHECK_EQ(0, answer[0], "the waiter's F_SETLKW after the holder's exit");
    waitpid(child, 0, 0);
    close(fd), close(report[0]), close(report[1]), close(ready[0]), close(ready[1]);
}

static void handle_usr1_once(void)
{
    count_sigusr1(0);
}

static void handle_usr1_restarting(void)
{
    count_sigusr1(SA_RESTART);
}

static void a_signal_ends_the_wait_or_restarts_it(void)
{
    int fd = open(PATH, O_RDWR), report[2];
    CHECK_EQ(0, pipe(report), "pipe");
    CHECK_EQ(0, lock_byte(fd, F_WRLCK, 0, F_SETLK), "lock byte 0");

    pid_t child = start_waiter(0, report[1], handle_usr1_once);
    until_it_waits(child);
    kill(child, SIGUSR1);
    int answer[2] = { -1, -1 };
    CHECK_EQ(sizeof answer, read_fully(report[0], answer, sizeof answer), "the waiter's report");
    CHECK_EQ(EINTR, answer[0], "F_SETLKW under a handler without SA_RESTART");
    CHECK_EQ(1, answer[1], "handlers that ran");
    waitpid(child, 0, 0);

    child = start_waiter(0, report[1], handle_usr1_restarting);
    until_it_waits(child);
    kill(child, SIGUSR1);
    until_it_waits(child);                        /* waiting again, restarted */
    CHECK(nothing_reported_yet(report[0]), "the restarted F_SETLKW still waits");
    CHECK_EQ(0, lock_byte(fd, F_UNLCK, 0, F_SETLK), "unlock byte 0");
    CHECK_EQ(sizeof answer, read_fully(report[0], answer, sizeof answer), "the waiter's report");
    CHECK_EQ(0, answer[0], "F_SETLKW under SA_RESTART, after the unlock");
    CHECK_EQ(1, answer[1], "handlers that ran");
    waitpid(child, 0, 0);
    close(fd), close(report[0]), close(report[1]);
}

/* Parent holds byte 10 and child byte 11; then each asks for the other's
 * with F_SETLKW. Whichever asks second closes the circle. */
static void a_circle_of_waits_is_edeadlk(void)
{
    int fd = open(PATH, O_RDWR), ready[2], report[2];
    CHECK(pipe(ready) == 0 && pipe(report) == 0, "pipes");
    CHECK_EQ(0, lock_byte(fd, F_WRLCK, 10, F_SETLK), "the parent locks byte 10");
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        int own = open(PATH, O_RDWR);
        char byte = lock_byte(own, F_WRLCK, 11, F_SETLK) == 0 ? 'L' : 'x';
        write(ready[1], &byte, 1);
        int answer = lock_byte(own, F_WRLCK, 10, F_SETLKW);
        write(report[1], &answer, sizeof answer);
        _exit(0);                                 /* lets go of 11 (and 10, if it got it) */
    }
    char byte = 0;
    CHECK_EQ(1, read(ready[0], &byte, 1), "the child's word");
    CHECK_EQ('L', byte, "the child locked byte 11");
    until_it_waits(child);
    int mine = lock_byte(fd, F_WRLCK, 11, F_SETLKW);
    CHECK_EQ(EDEADLK, mine, "the parent's F_SETLKW for byte 11, which would close the circle");
    CHECK(nothing_reported_yet(report[0]), "the child still waits for byte 10");
    CHECK_EQ(0, lock_byte(fd, F_UNLCK, 10, F_SETLK), "the parent lets byte 10 go");
    int answer = -1;
    CHECK_EQ(sizeof answer, read_fully(report[0], &answer, sizeof answer), "the child's report");
    CHECK_EQ(0, answer, "the child's F_SETLKW for byte 10");
    waitpid(child, 0, 0);
    CHECK_EQ(0, lock_byte(fd, F_WRLCK, 11, F_SETLKW), "byte 11, free once the child is gone");
    CHECK_EQ(0, lock_byte(fd, F_UNLCK, 0, F_SETLK), "unlock");
    close(fd), close(ready[0]), close(ready[1]), close(report[0]), close(report[1]);
}

static void counting_under_a_lock_loses_nothing(void)
{
    int fd = open(PATH, O_RDWR);
    unsigned zero = 0;
    CHECK_EQ(sizeof zero, pwrite(fd, &zero, sizeof zero, 100), "the counter, 0");
    close(fd);
    fflush(stdout);
    for (int worker = 0; worker < WORKERS; worker++)
        if (fork() == 0) {
            int own = open(PATH, O_RDWR), failures = 0;
            struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 100, .l_len = 4 };
            for (int round = 0; round < ROUNDS; round++) {
                lock.l_type = F_WRLCK;
                if (fcntl(own, F_SETLKW, &lock) < 0)
                    failures++;
                unsigned count = 0;
                pread(own, &count, sizeof count, 100);
                if (round % 16 == worker)
                    sched_yield();                /* let the others try while it holds the lock */
                count++;
                pwrite(own, &count, sizeof count, 100);
                lock.l_type = F_UNLCK;
                if (fcntl(own, F_SETLK, &lock) < 0)
                    failures++;
            }
            _exit(failures ? 1 : 0);
        }
    expect_children_ok(WORKERS, "the counting workers");
    fd = open(PATH, O_RDONLY);
    unsigned count = 0;
    CHECK_EQ(sizeof count, pread(fd, &count, sizeof count, 100), "read the counter");
    CHECK_EQ(WORKERS * ROUNDS, count, "the counter after every worker's rounds");
    close(fd);
}

int main(void)
{
    struct kinfo_counters before = read_counters();
    int fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0, "create %s", PATH);
    close(fd);
    a_wait_ends_when_the_lock_goes();
    a_signal_ends_the_wait_or_restarts_it();
    a_circle_of_waits_is_edeadlk();
    counting_under_a_lock_loses_nothing();
    unlink(PATH);                                 /* its page of contents goes with it */
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("record_lock_waits_end_at_unlock_signal_or_deadlock");
}

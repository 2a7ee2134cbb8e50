/* tests/boot/signal_eintr_and_restart.c - a handler that interrupts a
 * blocked read, write or waitpid makes it fail with EINTR, unless the
 * handler was installed with SA_RESTART (or with signal(), which implies
 * it): then the call resumes and ends as if nothing had happened.
 * nanosleep, pause and sigsuspend always end with EINTR after a handler,
 * SA_RESTART or not (nanosleep telling the time left).
 *
 * Each case runs in a child that blocks; the parent waits until the kernel
 * shows the child blocked (kinfo's wait reason), then sends SIGUSR1. The
 * child's exit code says what its call returned. */
#include <fcntl.h>
#include <signal.h>
#include <time.h>

#include "boot_test.h"
#include "boot_wait.h"

enum { RESTART = 1, NO_RESTART = 0 };
enum { CHILD_OK = 0, CHILD_NO_HANDLER = 10, CHILD_WRONG_RESULT = 11, CHILD_WRONG_ERRNO = 12,
       CHILD_WRONG_DATA = 13, CHILD_WRONG_TIME_LEFT = 14, CHILD_GOT_EINTR = 15 };

/* Counts SIGUSR1 in `handled`, under SA_RESTART if `restart`. */
static void install(int restart)
{
    count_sigusr1(restart ? SA_RESTART : 0);
}

static const char *describe(int code)
{
    switch (code) {
    case CHILD_OK: return "the expected result";
    case CHILD_NO_HANDLER: return "the handler did not run";
    case CHILD_WRONG_RESULT: return "a wrong return value";
    case CHILD_WRONG_ERRNO: return "a wrong errno";
    case CHILD_WRONG_DATA: return "wrong data";
    case CHILD_WRONG_TIME_LEFT: return "a wrong time left";
    case CHILD_GOT_EINTR: return "the call failed with EINTR";
    default: return "an unexpected exit";
    }
}

static void check_status(int status, const char *what)
{
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == CHILD_OK,
          "%s: status 0x%x (exit %d: %s), expected exit 0", what, status,
          WIFEXITED(status) ? WEXITSTATUS(status) : -1,
          WIFEXITED(status) ? describe(WEXITSTATUS(status)) : "killed");
}

/* Waits for `child` and checks that its verdict (its exit code) is CHILD_OK. */
static void expect_child_verdict_ok(pid_t child, const char *what)
{
    int status = 0;
    CHECK_EQ(child, waitpid(child, &status, 0), what);
    check_status(status, what);
}

/* The child's verdict on a call that should fail with EINTR after one handler. */
static int eintr_verdict(long result, int error)
{
    if (handled != 1)
        return CHILD_NO_HANDLER;
    if (result != -1)
        return CHILD_WRONG_RESULT;
    return error == EINTR ? CHILD_OK : CHILD_WRONG_ERRNO;
}

/* ---- read and write on a pipe ------------------------------------------- */

static void pipe_read_fails_with_eintr_without_sa_restart(void)
{
    int fds[2];
    pipe(fds);
    pid_t child = fork();
    if (child == 0) {
        install(NO_RESTART);
        char c;
        long result = read(fds[0], &c, 1);
        _exit(eintr_verdict(result, errno));
    }
    CHECK(wait_until_blocked(child, "pipe read"), "the child never blocked in read");
    kill(child, SIGUSR1);
    expect_child_verdict_ok(child, "read of an empty pipe interrupted without SA_RESTART");
    close(fds[0]);
    close(fds[1]);
}

static void pipe_read_resumes_under_sa_restart(int use_signal_function)
{
    int fds[2];
    pipe(fds);
    pid_t child = fork();
    if (child == 0) {
        count_sigusr1_restarting(use_signal_function);
        char data[8] = { 0 };
        long result = read(fds[0], data, sizeof data);
        if (handled != 1)
            _exit(CHILD_NO_HANDLER);
        if (result != 4)
            _exit(CHILD_WRONG_RESULT);
        _exit(memcmp(data, "data", 4) ? CHILD_WRONG_DATA : CHILD_OK);
    }
    const char *what = use_signal_function ? "read interrupted under signal() resumes"
                                           : "read interrupted under SA_RESTART resumes";
    CHECK(wait_until_blocked(child, "pipe read"), "%s: the child never blocked in read", what);
    kill(child, SIGUSR1);
    usleep(5000);                            /* the handler runs, read goes back to waiting */
    CHECK(wait_until_blocked(child, "pipe read"), "%s: the child is not back in read", what);
    write(fds[1], "data", 4);
    expect_child_verdict_ok(child, what);
    close(fds[0]);
    close(fds[1]);
}

/* Fills the pipe so that the next write must wait. */
static void fill(int fd)
{
    static char block[4096];
    int flags = fcntl(fd, F_GETFL);
    fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    while (write(fd, block, sizeof block) > 0)
        ;
    while (write(fd, block, 1) > 0)
        ;
    fcntl(fd, F_SETFL, flags);
}

static void pipe_write_fails_with_eintr_or_resumes(int restart)
{
    int fds[2];
    pipe(fds);
    pid_t child = fork();
    if (child == 0) {
        install(restart);
        fill(fds[1]);
        long result = write(fds[1], "0123456789", 10);
        if (!restart)
            _exit(eintr_verdict(result, errno));
        if (handled != 1)
            _exit(CHILD_NO_HANDLER);
        _exit(result == 10 ? CHILD_OK : CHILD_WRONG_RESULT);
    }
    const char *what = restart ? "write to a full pipe interrupted under SA_RESTART resumes"
                               : "write to a full pipe interrupted without SA_RESTART";
    CHECK(wait_until_blocked(child, "pipe write"), "%s: the child never blocked in write", what);
    kill(child, SIGUSR1);
    if (!restart) {
        expect_child_verdict_ok(child, what);
    } else {
        usleep(5000);
        CHECK(wait_until_blocked(child, "pipe write"), "%s: the child is not back in write", what);
        /* drain the pipe until the resumed write is done and the child exits */
        static char drain[4096];
        fcntl(fds[0], F_SETFL, O_NONBLOCK);
        int status = 0;
        pid_t ended = 0;
        for (int i = 0; i < 2000 && ended == 0; i++) {
            while (read(fds[0], drain, sizeof drain) > 0)
                ;
            ended = waitpid(child, &status, WNOHANG);
            if (ended == 0)
                usleep(1000);
        }
        CHECK_EQ(child, ended, what);
        check_status(status, what);
    }
    close(fds[0]);
    close(fds[1]);
}

/* ---- console reads -------------------------------------------------------- */

static void console_read_fails_with_eintr_or_resumes(int restart)
{
    if (!isatty(0)) {
        printf("(standard input is not the console: console reads not tested)\n");
        return;
    }
    pid_t child = fork();
    if (child == 0) {
        install(restart);
        char line[16];
        long result = read(0, line, sizeof line);
        int error = errno;
        if (restart)
            _exit(result == -1 && error == EINTR ? CHILD_GOT_EINTR : CHILD_WRONG_RESULT);
        _exit(eintr_verdict(result, error));
    }
    const char *what = restart ? "console read interrupted under SA_RESTART resumes"
                               : "console read interrupted without SA_RESTART";
    char reason[32] = "";
    CHECK(wait_until_reading_terminal(child, reason), "%s: the child never blocked in read", what);
    kill(child, SIGUSR1);
    if (restart) {
        /* nobody types: the resumed read waits on; its return would end the child */
        usleep(20000);
        int status = 0;
        pid_t ended = waitpid(child, &status, WNOHANG);
        CHECK(ended == 0 && is_blocked(child, reason),
              "%s: expected the child back in \"%s\", but %s%s", what, reason,
              ended == child ? "read returned: " : "it is not blocked in read",
              ended == child && WIFEXITED(status) ? describe(WEXITSTATUS(status)) : "");
        kill(child, SIGKILL);
        waitpid(child, NULL, 0);
    } else {
        expect_child_verdict_ok(child, what);
    }
}

/* ---- waitpid ---------------------------------------------------------------- */

/* The child of the test waits for a grandchild that exits with 5 once it
 * reads a byte from `release`. */
static void waitpid_fails_with_eintr_or_resumes(int restart)
{
    int release[2];
    pipe(release);
    pid_t child = fork();
    if (child == 0) {
        install(restart);
        pid_t grandchild = fork_child_exiting_5_when_released(release[0]);
        int status = 0;
        long result = waitpid(grandchild, &status, 0);
        if (!restart) {
            int verdict = eintr_verdict(result, errno);
            write(release[1], "x", 1);
            waitpid(grandchild, NULL, 0);
            _exit(verdict);
        }
        if (handled != 1)
            _exit(CHILD_NO_HANDLER);
        if (result != grandchild)
            _exit(CHILD_WRONG_RESULT);
        _exit(WIFEXITED(status) && WEXITSTATUS(status) == 5 ? CHILD_OK : CHILD_WRONG_DATA);
    }
    const char *what = restart ? "waitpid interrupted under SA_RESTART resumes"
                               : "waitpid interrupted without SA_RESTART";
    CHECK(wait_until_blocked(child, "waitpid"), "%s: the child never blocked in waitpid", what);
    kill(child, SIGUSR1);
    if (restart) {
        usleep(5000);
        CHECK(wait_until_blocked(child, "waitpid"), "%s: the child is not back in waitpid", what);
        write(release[1], "x", 1);
    }
    expect_child_verdict_ok(child, what);
    close(release[0]);
    close(release[1]);
}

/* ---- calls that are never restarted ------------------------------------------ */

static void nanosleep_fails_with_eintr_and_the_time_left(int restart)
{
    pid_t child = fork();
    if (child == 0) {
        install(restart);
        struct timespec request = { 10, 0 }, left = { -1, -1 };
        long result = nanosleep(&request, &left);
        int verdict = eintr_verdict(result, errno);
        if (verdict != CHILD_OK)
            _exit(verdict);
        /* the signal came within the first second of ten: more than 9 s
         * left, and never more than was asked */
        if (left.tv_nsec < 0 || left.tv_nsec >= 1000000000 || left.tv_sec < 9 ||
            (left.tv_sec == 10 && left.tv_nsec != 0) || left.tv_sec > 10)
            _exit(CHILD_WRONG_TIME_LEFT);
        _exit(CHILD_OK);
    }
    const char *what = restart ? "nanosleep interrupted under SA_RESTART"
                               : "nanosleep interrupted without SA_RESTART";
    CHECK(wait_until_blocked(child, "nanosleep"), "%s: the child never blocked in nanosleep", what);
    kill(child, SIGUSR1);
    expect_child_verdict_ok(child, what);
}

static void pause_fails_with_eintr_after_a_handler(int restart)
{
    pid_t child = fork();
    if (child == 0) {
        install(restart);
        long result = pause();
        _exit(eintr_verdict(result, errno));
    }
    const char *what = restart ? "pause ended by a handler under SA_RESTART"
                               : "pause ended by a handler";
    CHECK(wait_until_blocked(child, "pause"), "%s: the child never blocked in pause", what);
    kill(child, SIGUSR1);
    expect_child_verdict_ok(child, what);
}

int main(void)
{
    /* warm up: the first fork and kinfo grow this process's stack and data */
    warm_up_copy_on_write();
    is_blocked(getpid(), "");                /* kinfo's table: its pages touched once */
    usleep(20000);                           /* the cleaner frees the warm-up's task */
    struct kinfo_counters before = settled_counters(read_counters().tasks);

    pipe_read_fails_with_eintr_without_sa_restart();
    pipe_read_resumes_under_sa_restart(0);
    pipe_read_resumes_under_sa_restart(1);
    pipe_write_fails_with_eintr_or_resumes(NO_RESTART);
    pipe_write_fails_with_eintr_or_resumes(RESTART);
    waitpid_fails_with_eintr_or_resumes(NO_RESTART);
    waitpid_fails_with_eintr_or_resumes(RESTART);
    nanosleep_fails_with_eintr_and_the_time_left(NO_RESTART);
    nanosleep_fails_with_eintr_and_the_time_left(RESTART);
    pause_fails_with_eintr_after_a_handler(NO_RESTART);
    pause_fails_with_eintr_after_a_handler(RESTART);
    console_read_fails_with_eintr_or_resumes(NO_RESTART);
    console_read_fails_with_eintr_or_resumes(RESTART);

    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("signal_eintr_and_restart");
}

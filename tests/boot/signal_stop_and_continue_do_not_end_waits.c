/* tests/boot/signal_stop_and_continue_do_not_end_waits.c - being stopped
 * (SIGSTOP, Ctrl-Z) and continued (SIGCONT, fg) runs no handler, so a
 * process waiting in a system call cannot tell: POSIX ends pause,
 * sigsuspend and nanosleep early only for a signal that runs a handler or
 * terminates, and a read or waitpid goes on waiting (Linux restarts them
 * all). This is what lets `sleep 10`, Ctrl-Z, `fg` sleep the whole 10 s and
 * a shell's read of the console survive a stop. */
#include <fcntl.h>
#include <signal.h>
#include <time.h>

#include "boot_test.h"
#include "boot_wait.h"

enum { CHILD_OK = 0, CHILD_RETURNED_EINTR = 20, CHILD_RETURNED_EARLY = 21, CHILD_NO_HANDLER = 22,
       CHILD_WRONG_RESULT = 23 };

static const char *describe(int code)
{
    switch (code) {
    case CHILD_OK: return "as expected";
    case CHILD_RETURNED_EINTR: return "the call failed with EINTR";
    case CHILD_RETURNED_EARLY: return "the call returned early";
    case CHILD_NO_HANDLER: return "the handler did not run";
    case CHILD_WRONG_RESULT: return "a wrong result";
    default: return "an unexpected exit";
    }
}

/* Stops `child` (blocked for `reason`) and continues it; then it must be
 * waiting for `reason` again, not returned from its call. */
static int stop_and_continue(pid_t child, const char *reason, const char *what)
{
    if (!wait_until_blocked(child, reason)) {
        CHECK(0, "%s: the child never blocked in %s", what, reason);
        return 0;
    }
    kill(child, SIGSTOP);
    int status = 0;
    waitpid(child, &status, WUNTRACED);
    CHECK(WIFSTOPPED(status), "%s: status 0x%x, expected stopped", what, status);
    kill(child, SIGCONT);
    usleep(5000);
    pid_t ended = waitpid(child, &status, WNOHANG);
    if (ended == child) {
        CHECK(0, "%s: after stop and continue the call returned (%s); expected it to wait on",
              what, WIFEXITED(status) ? describe(WEXITSTATUS(status)) : "killed");
        return 0;
    }
    CHECK(is_blocked(child, reason), "%s: after stop and continue the child is not waiting in %s",
          what, reason);
    return 1;
}

/* Ends a child whose call misbehaved (it may be gone already). */
static void give_up(pid_t child)
{
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
}

static void expect_exit_ok(pid_t child, const char *what)
{
    int status = 0;
    CHECK_EQ(child, waitpid(child, &status, 0), what);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == CHILD_OK, "%s: status 0x%x (%s), expected exit 0",
          what, status, WIFEXITED(status) ? describe(WEXITSTATUS(status)) : "killed");
}

static void pause_waits_on(void)
{
    pid_t child = fork();
    if (child == 0) {
        signal(SIGUSR1, count_signal);
        int result = pause();
        if (handled != 1)
            _exit(CHILD_NO_HANDLER);
        _exit(result == -1 && errno == EINTR ? CHILD_OK : CHILD_WRONG_RESULT);
    }
    const char *what = "pause stopped and continued";
    if (stop_and_continue(child, "pause", what)) {
        kill(child, SIGUSR1);                /* now a handler ends it */
        expect_exit_ok(child, what);
    } else {
        give_up(child);
    }
}

static void sigsuspend_waits_on(void)
{
    pid_t child = fork();
    if (child == 0) {
        signal(SIGUSR1, count_signal);
        sigset_t none;
        sigemptyset(&none);
        int result = sigsuspend(&none);
        if (handled != 1)
            _exit(CHILD_NO_HANDLER);
        _exit(result == -1 && errno == EINTR ? CHILD_OK : CHILD_WRONG_RESULT);
    }
    const char *what = "sigsuspend stopped and continued";
    if (stop_and_continue(child, "pause", what)) {
        kill(child, SIGUSR1);
        expect_exit_ok(child, what);
    } else {
        give_up(child);
    }
}

static void nanosleep_sleeps_the_whole_time(void)
{
    pid_t child = fork();
    if (child == 0) {
        long long start = monotonic_ns();
        struct timespec request = { 0, 200 * 1000 * 1000 };   /* 200 ms */
        int result = nanosleep(&request, NULL);
        if (result == -1 && errno == EINTR)
            _exit(CHILD_RETURNED_EINTR);
        _exit(monotonic_ns() - start >= 200 * 1000 * 1000 ? CHILD_OK : CHILD_RETURNED_EARLY);
    }
    const char *what = "nanosleep(200 ms) stopped and continued";
    if (stop_and_continue(child, "nanosleep", what))
        expect_exit_ok(child, what);
    else
        give_up(child);
}

static void pipe_read_waits_on(void)
{
    int fds[2];
    pipe(fds);
    pid_t child = fork();
    if (child == 0) {
        char data[4];
        long result = read(fds[0], data, sizeof data);
        if (result == -1 && errno == EINTR)
            _exit(CHILD_RETURNED_EINTR);
        _exit(result == 4 && !memcmp(data, "data", 4) ? CHILD_OK : CHILD_WRONG_RESULT);
    }
    const char *what = "read of an empty pipe stopped and continued";
    if (stop_and_continue(child, "pipe read", what)) {
        write(fds[1], "data", 4);
        expect_exit_ok(child, what);
    } else {
        give_up(child);
    }
    close(fds[0]);
    close(fds[1]);
}

static void waitpid_waits_on(void)
{
    int release[2];
    pipe(release);
    pid_t child = fork();
    if (child == 0) {
        pid_t grandchild = fork_child_exiting_5_when_released(release[0]);
        int status = 0;
        long result = waitpid(grandchild, &status, 0);
        if (result == -1 && errno == EINTR) {
            write(release[1], "x", 1);
            _exit(CHILD_RETURNED_EINTR);
        }
        _exit(result == grandchild && WEXITSTATUS(status) == 5 ? CHILD_OK : CHILD_WRONG_RESULT);
    }
    const char *what = "waitpid stopped and continued";
    int waited_on = stop_and_continue(child, "waitpid", what);
    write(release[1], "x", 1);
    if (waited_on)
        expect_exit_ok(child, what);
    else
        give_up(child);
    close(release[0]);
    close(release[1]);
}

static void console_read_waits_on(void)
{
    if (!isatty(0)) {
        printf("(standard input is not the console: console reads not tested)\n");
        return;
    }
    pid_t child = fork();
    if (child == 0) {
        char line[16];
        long result = read(0, line, sizeof line);
        _exit(result == -1 && errno == EINTR ? CHILD_RETURNED_EINTR : CHILD_WRONG_RESULT);
    }
    char reason[32] = "";
    wait_until_reading_terminal(child, reason);
    stop_and_continue(child, reason[0] ? reason : "console read", "console read stopped and continued");
    kill(child, SIGKILL);                    /* nobody types */
    waitpid(child, NULL, 0);
}

int main(void)
{
    warm_up_copy_on_write();                     /* grows our stack and data first */
    is_blocked(getpid(), "");                /* kinfo's table: its pages touched once */
    usleep(20000);
    struct kinfo_counters before = settled_counters(read_counters().tasks);

    pipe_read_waits_on();
    waitpid_waits_on();
    console_read_waits_on();
    pause_waits_on();
    sigsuspend_waits_on();
    nanosleep_sleeps_the_whole_time();

    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("signal_stop_and_continue_do_not_end_waits");
}

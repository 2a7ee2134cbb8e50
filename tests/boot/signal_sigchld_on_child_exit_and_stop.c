/* tests/boot/signal_sigchld_on_child_exit_and_stop.c - a parent gets
 * SIGCHLD when a child exits, is killed, stops, or is continued from a
 * stop by SIGCONT (as on Linux); with SA_NOCLDSTOP, not when it stops or
 * continues. The handler has run by the time waitpid returns with the
 * change (it runs on the way out of that very call), and after a continue
 * by the time the parent's kill returns. */
#include <signal.h>

#include "boot_test.h"
#include "boot_wait.h"

static volatile sig_atomic_t sigchld_count, last_signal;

static void count(int signal)
{
    last_signal = signal;
    sigchld_count++;
}

static void sigchld_when_a_child_exits_or_is_killed(void)
{
    install_handler(SIGCHLD, count, SA_RESTART);
    sigchld_count = 0;
    for (int i = 1; i <= 3; i++) {
        pid_t child = fork();
        if (child == 0)
            _exit(i);
        int status;
        CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
        CHECK_EQ(i, sigchld_count, "SIGCHLD count after children exited");
    }
    CHECK_EQ(SIGCHLD, last_signal, "the handler's argument");

    pid_t child = fork();
    if (child == 0)
        for (;;)
            pause();
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    CHECK_EQ(4, sigchld_count, "SIGCHLD count after a child was killed");
}

/* A child that stops itself, then exits with 9 once continued and let
 * go (let_go): on several CPUs it would otherwise exit at once, beside
 * the parent's count of the SIGCHLD of its continue. */
static int go_on[2];

static pid_t stopping_child(void)
{
    pipe(go_on);
    pid_t child = fork();
    if (child == 0) {
        close(go_on[1]);
        raise(SIGSTOP);
        char c;
        read(go_on[0], &c, 1);
        _exit(9);
    }
    close(go_on[0]);
    return child;
}

static void let_go(void)
{
    close(go_on[1]);                         /* end of file: the child's read returns */
}

static void sigchld_when_a_child_stops_unless_sa_nocldstop(void)
{
    install_handler(SIGCHLD, count, SA_RESTART);
    sigchld_count = 0;
    pid_t child = stopping_child();
    int status = 0;
    waitpid(child, &status, WUNTRACED);
    CHECK(WIFSTOPPED(status), "status 0x%x, expected stopped", status);
    CHECK_EQ(1, sigchld_count, "SIGCHLD count after a child stopped");
    kill(child, SIGCONT);
    CHECK_EQ(2, sigchld_count, "SIGCHLD count after it stopped and was continued");
    let_go();
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 9, "status 0x%x, expected exit 9", status);
    CHECK_EQ(3, sigchld_count, "SIGCHLD count after it stopped, was continued and exited");

    install_handler(SIGCHLD, count, SA_RESTART | SA_NOCLDSTOP);
    sigchld_count = 0;
    child = stopping_child();
    waitpid(child, &status, WUNTRACED);
    CHECK(WIFSTOPPED(status), "status 0x%x, expected stopped", status);
    usleep(5000);
    CHECK_EQ(0, sigchld_count, "SIGCHLD count after a child stopped, under SA_NOCLDSTOP");
    kill(child, SIGCONT);
    let_go();
    waitpid(child, &status, 0);
    CHECK_EQ(1, sigchld_count, "SIGCHLD count after it exited, under SA_NOCLDSTOP");
}

static void a_sigchld_handler_without_sa_restart_interrupts_a_read(void)
{
    install_handler(SIGCHLD, count, 0);
    sigchld_count = 0;
    int fds[2];
    pipe(fds);
    pid_t child = fork();
    if (child == 0) {
        usleep(10000);
        _exit(0);
    }
    char c;
    errno = 0;
    long result = read(fds[0], &c, 1);       /* nobody writes: only SIGCHLD ends it */
    CHECK(result == -1 && errno == EINTR, "read ended by SIGCHLD: expected -1 with EINTR, got %ld with errno %d",
          result, errno);
    CHECK_EQ(1, sigchld_count, "SIGCHLD count");
    waitpid(child, NULL, 0);
    close(fds[0]);
    close(fds[1]);
}

int main(void)
{
    warm_up_copy_on_write();                     /* grows our stack and data first */
    usleep(20000);
    struct kinfo_counters before = settled_counters(read_counters().tasks);

    sigchld_when_a_child_exits_or_is_killed();
    sigchld_when_a_child_stops_unless_sa_nocldstop();
    a_sigchld_handler_without_sa_restart_interrupts_a_read();

    signal(SIGCHLD, SIG_DFL);
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("signal_sigchld_on_child_exit_and_stop");
}

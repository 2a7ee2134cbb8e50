/* tests/boot/process_waitpid_wcontinued_reports_a_continue_once.c -
 * waitpid with WCONTINUED reports a stopped child that SIGCONT continued,
 * once, with the status 0xffff (WIFCONTINUED), as on Linux; without
 * WCONTINUED a continue is never reported. A waitpid blocked in
 * WCONTINUED wakes when someone else continues the child; a stop that
 * follows hides the continue before it; the parent gets SIGCHLD for a
 * continue, unless SA_NOCLDSTOP. */
#include <signal.h>

#include "boot_test.h"
#include "boot_wait.h"

static volatile sig_atomic_t sigchld_count;

static void count_sigchld(int signal)
{
    (void)signal;
    sigchld_count++;
}

/* A child that does nothing but wait for signals. */
static pid_t idle_child(void)
{
    pid_t child = fork();
    if (child == 0)
        for (;;)
            pause();
    return child;
}

/* Stops `child` and collects the stop. */
static void stop(pid_t child)
{
    int status = 0;
    kill(child, SIGSTOP);
    CHECK(waitpid(child, &status, WUNTRACED) == child && WIFSTOPPED(status), "stop: status 0x%x", status);
}

static void end(pid_t child)
{
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
}

static void a_continue_is_reported_once_with_0xffff(void)
{
    pid_t child = idle_child();
    stop(child);
    int status = 0;
    CHECK_EQ(0, waitpid(child, &status, WCONTINUED | WNOHANG), "waitpid(WCONTINUED) before any continue");
    kill(child, SIGCONT);
    CHECK_EQ(child, waitpid(child, &status, WCONTINUED), "waitpid(WCONTINUED) after SIGCONT");
    CHECK(status == 0xffff && WIFCONTINUED(status), "status 0x%x, expected 0xffff", status);
    CHECK(!WIFEXITED(status) && !WIFSIGNALED(status) && !WIFSTOPPED(status),
          "0xffff reads as exited %d, signaled %d, stopped %d", WIFEXITED(status), WIFSIGNALED(status),
          WIFSTOPPED(status));
    CHECK_EQ(0, waitpid(child, &status, WCONTINUED | WNOHANG), "a second waitpid(WCONTINUED): told once");
    end(child);
}

static void without_wcontinued_a_continue_is_not_reported(void)
{
    pid_t child = idle_child();
    stop(child);
    kill(child, SIGCONT);
    usleep(5000);
    int status = 0;
    CHECK_EQ(0, waitpid(child, &status, WUNTRACED | WNOHANG), "waitpid(WUNTRACED) after SIGCONT");
    CHECK_EQ(0, waitpid(-1, &status, WNOHANG), "waitpid(-1, 0) after SIGCONT");
    end(child);
}

static void a_blocked_waitpid_wakes_when_another_process_continues_the_child(void)
{
    pid_t child = idle_child();
    stop(child);
    pid_t helper = fork();
    if (helper == 0) {
        usleep(20000);                     /* the parent is asleep in waitpid by now */
        _exit(kill(child, SIGCONT) == 0 ? 0 : 1);
    }
    int status = 0;
    CHECK_EQ(child, waitpid(child, &status, WCONTINUED), "waitpid(child, WCONTINUED) while a helper continues it");
    CHECK(WIFCONTINUED(status), "status 0x%x, expected 0xffff", status);
    expect_child_success(helper, "helper");
    end(child);
}

static void a_later_stop_hides_the_continue(void)
{
    pid_t child = idle_child();
    stop(child);
    kill(child, SIGCONT);
    stop(child);
    int status = 0;
    CHECK_EQ(0, waitpid(child, &status, WCONTINUED | WNOHANG), "waitpid(WCONTINUED) once stopped again");
    kill(child, SIGCONT);
    CHECK(waitpid(child, &status, WCONTINUED) == child && WIFCONTINUED(status), "the next continue: 0x%x",
          status);
    end(child);
}

static void a_continue_sends_sigchld_unless_sa_nocldstop(void)
{
    pid_t child = idle_child();
    stop(child);
    install_handler(SIGCHLD, count_sigchld, SA_RESTART);
    sigchld_count = 0;
    kill(child, SIGCONT);
    waitpid(child, NULL, WCONTINUED);
    CHECK_EQ(1, sigchld_count, "SIGCHLD for a continue");

    signal(SIGCHLD, SIG_DFL);
    stop(child);
    install_handler(SIGCHLD, count_sigchld, SA_RESTART | SA_NOCLDSTOP);
    sigchld_count = 0;
    kill(child, SIGCONT);
    waitpid(child, NULL, WCONTINUED);
    CHECK_EQ(0, sigchld_count, "SIGCHLD for a continue under SA_NOCLDSTOP");
    signal(SIGCHLD, SIG_DFL);
    end(child);
}

int main(void)
{
    warm_up_copy_on_write();
    struct kinfo_counters before = settled_counters(read_counters().tasks);
    a_continue_is_reported_once_with_0xffff();
    without_wcontinued_a_continue_is_not_reported();
    a_blocked_waitpid_wakes_when_another_process_continues_the_child();
    a_later_stop_hides_the_continue();
    a_continue_sends_sigchld_unless_sa_nocldstop();
    CHECK_ERROR(waitpid(-1, NULL, 0x40), EINVAL);
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("process_waitpid_wcontinued_reports_a_continue_once");
}

/* tests/boot/waitid_reports_exit_stop_and_continue.c - waitid as POSIX
 * and Linux have it: it fills si_signo SIGCHLD, si_pid, si_uid, si_code
 * (CLD_EXITED, CLD_KILLED, CLD_STOPPED, CLD_CONTINUED) and si_status;
 * WNOWAIT leaves the child waitable; WNOHANG with nothing to tell returns
 * 0 with si_pid 0; P_PGID chooses by group; ECHILD and EINVAL; and every
 * child is gone for good once told (nothing leaks). */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "boot_test.h"

static void check_info(const siginfo_t *info, pid_t pid, int code, int status, const char *what)
{
    CHECK_EQ(SIGCHLD, info->si_signo, what);
    CHECK_EQ(pid, info->si_pid, what);
    CHECK_EQ(getuid(), info->si_uid, what);
    CHECK_EQ(code, info->si_code, what);
    CHECK_EQ(status, info->si_status, what);
}

static pid_t child_exiting(int code)
{
    pid_t child = fork();
    if (child == 0)
        _exit(code);
    return child;
}

static void exit_and_nowait(void)
{
    siginfo_t info;
    pid_t child = child_exiting(7);
    memset(&info, 0x55, sizeof info);
    CHECK_EQ(0, waitid(P_PID, child, &info, WEXITED | WNOWAIT), "waitid WNOWAIT");
    check_info(&info, child, CLD_EXITED, 7, "an exit, WNOWAIT");
    memset(&info, 0x55, sizeof info);
    CHECK_EQ(0, waitid(P_ALL, 0, &info, WEXITED), "waitid P_ALL");
    check_info(&info, child, CLD_EXITED, 7, "the same exit again, now reaped");
    CHECK_ERROR(waitpid(child, 0, WNOHANG), ECHILD);
}

static void killed(void)
{
    siginfo_t info;
    pid_t child = fork();
    if (child == 0) {
        for (;;)
            pause();
    }
    kill(child, SIGKILL);
    CHECK_EQ(0, waitid(P_PID, child, &info, WEXITED), "waitid for a killed child");
    check_info(&info, child, CLD_KILLED, SIGKILL, "a SIGKILL");
}

static void stop_continue_and_nohang(void)
{
    siginfo_t info;
    pid_t child = fork();
    if (child == 0) {
        for (;;)
            pause();
    }
    memset(&info, 0x55, sizeof info);
    CHECK_EQ(0, waitid(P_PID, child, &info, WEXITED | WSTOPPED | WNOHANG), "waitid WNOHANG, nothing yet");
    CHECK_EQ(0, info.si_pid, "si_pid under WNOHANG with nothing to tell");
    CHECK_EQ(0, info.si_signo, "si_signo under WNOHANG with nothing to tell");

    kill(child, SIGSTOP);
    CHECK_EQ(0, waitid(P_PID, child, &info, WSTOPPED), "waitid WSTOPPED");
    check_info(&info, child, CLD_STOPPED, SIGSTOP, "a stop");
    memset(&info, 0x55, sizeof info);
    CHECK_EQ(0, waitid(P_PID, child, &info, WSTOPPED | WNOHANG), "waitid WSTOPPED again");
    CHECK_EQ(0, info.si_pid, "a stop is told once");

    kill(child, SIGCONT);
    CHECK_EQ(0, waitid(P_PID, child, &info, WCONTINUED), "waitid WCONTINUED");
    check_info(&info, child, CLD_CONTINUED, SIGCONT, "a continue");

    kill(child, SIGTERM);
    CHECK_EQ(0, waitid(P_PID, child, &info, WEXITED), "waitid for the end");
    check_info(&info, child, CLD_KILLED, SIGTERM, "a SIGTERM");
}

static void by_group(void)
{
    siginfo_t info;
    int release[2];
    CHECK_EQ(0, pipe(release), "pipe");
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        char byte;
        setpgid(0, 0);
        read(release[0], &byte, 1);
        _exit(3);
    }
    setpgid(child, child);                       /* as the child does: no race */
    pid_t other = child_exiting(4);              /* in our group, not the child's */
    write(release[1], "x", 1);
    CHECK_EQ(0, waitid(P_PGID, child, &info, WEXITED), "waitid P_PGID");
    check_info(&info, child, CLD_EXITED, 3, "the child of the group");
    CHECK_EQ(0, waitid(P_PGID, 0, &info, WEXITED), "waitid P_PGID 0: the caller's group");
    check_info(&info, other, CLD_EXITED, 4, "the child of our group");
    close(release[0]);
    close(release[1]);
}

static void errors(void)
{
    siginfo_t info;
    CHECK_ERROR(waitid(P_ALL, 0, &info, WEXITED), ECHILD);
    CHECK_ERROR(waitid(P_PID, 30000, &info, WEXITED | WNOHANG), ECHILD);
    CHECK_ERROR(waitid(P_ALL, 0, &info, 0), EINVAL);             /* no event asked for */
    CHECK_ERROR(waitid(P_ALL, 0, &info, WNOHANG), EINVAL);
    CHECK_ERROR(waitid(P_ALL, 0, &info, WEXITED | 0x4000), EINVAL);
    CHECK_ERROR(waitid((idtype_t)42, 0, &info, WEXITED), EINVAL);
    CHECK_ERROR(waitid(P_PID, 0, &info, WEXITED), EINVAL);
    pid_t child = child_exiting(0);
    CHECK_ERROR(waitid(P_PID, child, (siginfo_t *)1, WEXITED | WNOWAIT), EFAULT);
    waitpid(child, 0, 0);
}

int main(void)
{
    use_the_stack_before_counting();
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_warm_up(tasks);
    exit_and_nowait();
    killed();
    stop_continue_and_nohang();
    by_group();
    errors();
    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("waitid_reports_exit_stop_and_continue");
}

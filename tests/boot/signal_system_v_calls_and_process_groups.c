/* tests/boot/signal_system_v_calls_and_process_groups.c - the older
 * calls POSIX keeps (XSH sighold, sigset, siginterrupt, killpg, setpgrp):
 *  - sighold() adds the signal to the mask, sigrelse() removes it;
 *  - sigignore() sets SIG_IGN, which drops a pending one;
 *  - sigset(sig, handler) installs the handler and removes sig from the
 *    mask, and returns the previous disposition, or SIG_HOLD "if the
 *    signal had been blocked"; sigset(sig, SIG_HOLD) adds it to the mask;
 *  - sigpause(sig) removes sig from the mask and waits; it returns -1 with
 *    EINTR after the handler, with the mask as it was before;
 *  - "sig is an illegal signal number": EINVAL, from each of them;
 *  - siginterrupt(sig, 1): a call the signal interrupts fails with EINTR;
 *    siginterrupt(sig, 0): it is restarted;
 *  - killpg(pgrp, sig) sends to every process of the group and no other;
 *    a negative pgrp is EINVAL;
 *  - setpgrp() makes the caller the leader of a new group. */
#include <signal.h>

#include "boot_test.h"

static volatile int handler_runs;

static void count_it(int signal)
{
    (void)signal;
    handler_runs++;
}

static void other_handler(int signal)
{
    (void)signal;
}

static int is_blocked(int signal)
{
    sigset_t mask;
    sigprocmask(SIG_BLOCK, 0, &mask);
    return sigismember(&mask, signal);
}

static int is_pending(int signal)
{
    sigset_t pending;
    sigpending(&pending);
    return sigismember(&pending, signal);
}

static sighandler_t disposition(int signal)
{
    struct sigaction old;
    sigaction(signal, 0, &old);
    return old.sa_handler;
}

static void sighold_sigrelse_and_sigignore(void)
{
    CHECK_EQ(0, sighold(SIGUSR1), "sighold(SIGUSR1)");
    CHECK(is_blocked(SIGUSR1), "SIGUSR1 is not in the mask after sighold");
    CHECK_EQ(0, sigrelse(SIGUSR1), "sigrelse(SIGUSR1)");
    CHECK(!is_blocked(SIGUSR1), "SIGUSR1 is still in the mask after sigrelse");

    sighold(SIGUSR2);
    signal(SIGUSR2, count_it);
    raise(SIGUSR2);
    CHECK(is_pending(SIGUSR2), "SIGUSR2 pending while held");
    CHECK_EQ(0, sigignore(SIGUSR2), "sigignore(SIGUSR2)");
    CHECK(disposition(SIGUSR2) == SIG_IGN, "the disposition after sigignore is not SIG_IGN");
    CHECK(!is_pending(SIGUSR2), "a pending SIGUSR2 survived sigignore");
    handler_runs = 0;
    sigrelse(SIGUSR2);
    raise(SIGUSR2);
    CHECK_EQ(0, handler_runs, "handler runs after sigignore");
    signal(SIGUSR2, SIG_DFL);
}

static void sigset_installs_or_holds(void)
{
    signal(SIGUSR1, other_handler);
    CHECK(sigset(SIGUSR1, count_it) == other_handler, "sigset gives back the previous handler");
    CHECK(disposition(SIGUSR1) == count_it, "sigset did not install the handler");

    CHECK(sigset(SIGUSR1, SIG_HOLD) == count_it, "sigset(SIG_HOLD) of an unblocked signal gives its handler");
    CHECK(is_blocked(SIGUSR1), "SIGUSR1 not blocked after sigset(SIG_HOLD)");
    CHECK(disposition(SIGUSR1) == count_it, "sigset(SIG_HOLD) changed the disposition");
    CHECK(sigset(SIGUSR1, SIG_HOLD) == SIG_HOLD, "sigset(SIG_HOLD) of a blocked signal gives SIG_HOLD");

    handler_runs = 0;
    raise(SIGUSR1);
    CHECK_EQ(0, handler_runs, "handler runs while held");
    CHECK(sigset(SIGUSR1, count_it) == SIG_HOLD, "sigset of a blocked signal gives SIG_HOLD");
    CHECK(!is_blocked(SIGUSR1), "sigset(handler) left SIGUSR1 blocked");
    CHECK_EQ(1, handler_runs, "the held signal's handler runs once sigset unblocks it");
    CHECK(sigset(SIGUSR1, SIG_DFL) == count_it, "sigset(SIG_DFL) gives the handler back");
}

static void sigpause_waits_with_the_signal_unblocked(void)
{
    signal(SIGUSR1, count_it);
    sighold(SIGUSR1);
    handler_runs = 0;
    pid_t parent = getpid(), child = fork();
    if (child == 0) {
        usleep(20000);
        kill(parent, SIGUSR1);
        _exit(0);
    }
    CHECK_ERROR(sigpause(SIGUSR1), EINTR);
    CHECK_EQ(1, handler_runs, "the handler ran during sigpause");
    CHECK(is_blocked(SIGUSR1), "the mask after sigpause no longer blocks SIGUSR1");
    waitpid(child, 0, 0);
    sigrelse(SIGUSR1);
    signal(SIGUSR1, SIG_DFL);
}

static void bad_signals_get_einval(void)
{
    CHECK_ERROR(sighold(0), EINVAL);
    CHECK_ERROR(sighold(NSIG), EINVAL);
    CHECK_ERROR(sigrelse(-1), EINVAL);
    CHECK_ERROR(sigignore(NSIG), EINVAL);
    CHECK_ERROR(sigignore(SIGKILL), EINVAL);
    CHECK_ERROR(sigpause(0), EINVAL);
    errno = 0;
    CHECK(sigset(0, count_it) == SIG_ERR && errno == EINVAL, "sigset(0): errno %d, expected SIG_ERR EINVAL",
          errno);
    errno = 0;
    CHECK(sigset(SIGKILL, count_it) == SIG_ERR && errno == EINVAL,
          "sigset(SIGKILL, handler): errno %d, expected SIG_ERR EINVAL", errno);
    CHECK_ERROR(siginterrupt(NSIG, 1), EINVAL);
}

/* A child that sends SIGALRM to its parent after 20 ms, then (if `byte`)
 * writes it to `fd` 20 ms later. */
static pid_t signal_then_write(int fd, char byte)
{
    pid_t parent = getpid(), child = fork();
    if (child == 0) {
        usleep(20000);
        kill(parent, SIGALRM);
        if (byte) {
            usleep(20000);
            write(fd, &byte, 1);
        }
        _exit(0);
    }
    return child;
}

static void siginterrupt_chooses_eintr_or_restart(void)
{
    int fds[2];
    pipe(fds);
    signal(SIGALRM, count_it);                /* SA_RESTART, as signal() does */

    CHECK_EQ(0, siginterrupt(SIGALRM, 1), "siginterrupt(SIGALRM, 1)");
    handler_runs = 0;
    pid_t child = signal_then_write(fds[1], 0);
    char byte = 0;
    CHECK_ERROR(read(fds[0], &byte, 1), EINTR);
    CHECK_EQ(1, handler_runs, "the handler ran before the read failed");
    waitpid(child, 0, 0);

    CHECK_EQ(0, siginterrupt(SIGALRM, 0), "siginterrupt(SIGALRM, 0)");
    handler_runs = 0;
    child = signal_then_write(fds[1], 'x');
    CHECK_EQ(1, read(fds[0], &byte, 1), "a read restarted after the handler");
    CHECK_EQ('x', byte, "the byte the restarted read got");
    CHECK_EQ(1, handler_runs, "the handler ran during the restarted read");
    waitpid(child, 0, 0);

    signal(SIGALRM, SIG_DFL);
    close(fds[0]);
    close(fds[1]);
}

/* A child in group `group` (0: a group of its own) that pauses until a
 * signal ends it. */
static pid_t pausing_child(pid_t group)
{
    pid_t child = fork();
    if (child == 0) {
        setpgid(0, group);
        for (;;)
            pause();
    }
    setpgid(child, group ? group : child);     /* both sides, so it holds before either goes on */
    return child;
}

static void killpg_reaches_the_group_and_no_other(void)
{
    pid_t leader = pausing_child(0);
    pid_t member = pausing_child(leader);
    pid_t outsider = pausing_child(0);
    CHECK_EQ(0, killpg(leader, SIGTERM), "killpg(group, SIGTERM)");
    int status = -1;
    waitpid(leader, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "the group's leader: status 0x%x", status);
    waitpid(member, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "the group's member: status 0x%x", status);
    CHECK_EQ(0, waitpid(outsider, &status, WNOHANG), "waitpid(WNOHANG) of the process outside the group");
    kill(outsider, SIGKILL);
    waitpid(outsider, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the outsider ends by our SIGKILL: 0x%x", status);

    CHECK_ERROR(killpg(-1, SIGTERM), EINVAL);
    CHECK_ERROR(killpg(leader, SIGTERM), ESRCH);   /* the group is empty now */
}

static void setpgrp_makes_a_group_leader(void)
{
    pid_t child = fork();
    if (child == 0) {
        pid_t result = setpgrp();
        _exit(result == getpid() && getpgrp() == getpid() ? 0 : 1);
    }
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "a child's setpgrp() did not make it the leader of its own group: status 0x%x", status);
}

static void cases(void)
{
    sighold_sigrelse_and_sigignore();
    sigset_installs_or_holds();
    sigpause_waits_with_the_signal_unblocked();
    bad_signals_get_einval();
    siginterrupt_chooses_eintr_or_restart();
    killpg_reaches_the_group_and_no_other();
    setpgrp_makes_a_group_leader();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("signal_system_v_calls_and_process_groups");
}

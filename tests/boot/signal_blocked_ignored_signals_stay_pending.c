/* tests/boot/signal_blocked_ignored_signals_stay_pending.c - the rule for
 * ignored signals at generation, as POSIX (XSH 2.4.1) and Linux's
 * sig_ignored() have it: a signal whose action is to ignore it (SIG_IGN,
 * or SIG_DFL of SIGCHLD, SIGURG, SIGWINCH, SIGCONT) is discarded when it
 * is generated only if it is not blocked. A blocked one stays pending:
 *  - sigpending shows it, and sigwait, sigwaitinfo and sigtimedwait take
 *    it (also when it arrives while they wait, the set blocked before);
 *  - unblocked while still ignored, it is discarded, and nothing runs;
 *  - a handler installed before the unblock runs for it;
 *  - setting SIG_IGN, or SIG_DFL for a default-ignored signal, discards
 *    a pending one (POSIX sigaction);
 *  - a child's exit with SIGCHLD blocked leaves SIGCHLD pending.
 * Nothing leaks. */
#include <signal.h>

#include "boot_test.h"

static volatile int handler_runs;

static void count_it(int signal)
{
    (void)signal;
    handler_runs++;
}

static sigset_t set_of(int signal)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, signal);
    return set;
}

static void set_disposition(int signal, void (*handler)(int))
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    CHECK_EQ(0, sigaction(signal, &action, NULL), "sigaction");
}

static void block(int signal)
{
    sigset_t set = set_of(signal);
    CHECK_EQ(0, sigprocmask(SIG_BLOCK, &set, NULL), "sigprocmask(SIG_BLOCK)");
}

static void unblock(int signal)
{
    sigset_t set = set_of(signal);
    CHECK_EQ(0, sigprocmask(SIG_UNBLOCK, &set, NULL), "sigprocmask(SIG_UNBLOCK)");
}

static int is_pending(int signal)
{
    sigset_t pending;
    sigemptyset(&pending);
    CHECK_EQ(0, sigpending(&pending), "sigpending");
    return sigismember(&pending, signal) == 1;
}

static const int default_ignored[] = { SIGCHLD, SIGURG, SIGWINCH, SIGCONT };
#define DEFAULT_IGNORED_COUNT (int)(sizeof default_ignored / sizeof default_ignored[0])

/* Blocked with SIG_DFL: pending, then taken by sigwait, then by
 * sigwaitinfo, then by sigtimedwait. */
static void blocked_default_ignored_signals_are_taken_by_sigwait(void)
{
    for (int i = 0; i < DEFAULT_IGNORED_COUNT; i++) {
        int signal = default_ignored[i];
        set_disposition(signal, SIG_DFL);
        block(signal);
        sigset_t set = set_of(signal);

        CHECK_EQ(0, kill(getpid(), signal), "kill");
        CHECK(is_pending(signal), "signal %d blocked at SIG_DFL: expected pending, it was discarded", signal);
        int taken = 0;
        CHECK_EQ(0, sigwait(&set, &taken), "sigwait");
        CHECK_EQ(signal, taken, "the signal sigwait took");
        CHECK(!is_pending(signal), "signal %d still pending after sigwait took it", signal);

        CHECK_EQ(0, raise(signal), "raise");
        siginfo_t info;
        memset(&info, 0, sizeof info);
        CHECK_EQ(signal, sigwaitinfo(&set, &info), "sigwaitinfo");
        CHECK_EQ(signal, info.si_signo, "si_signo");

        CHECK_EQ(0, kill(getpid(), signal), "kill");
        struct timespec zero = { 0, 0 };
        CHECK_EQ(signal, sigtimedwait(&set, NULL, &zero), "sigtimedwait");
        CHECK_ERROR(sigtimedwait(&set, NULL, &zero), EAGAIN);   /* once only */
        unblock(signal);
    }
}

/* Unblocked while still default-ignored: discarded, the process lives on. */
static void unblocking_discards_what_is_still_ignored(void)
{
    for (int i = 0; i < DEFAULT_IGNORED_COUNT; i++) {
        int signal = default_ignored[i];
        set_disposition(signal, SIG_DFL);
        block(signal);
        CHECK_EQ(0, kill(getpid(), signal), "kill");
        CHECK(is_pending(signal), "signal %d: expected pending while blocked", signal);
        unblock(signal);
        CHECK(!is_pending(signal), "signal %d: expected discarded once unblocked", signal);
        block(signal);
        CHECK(!is_pending(signal), "signal %d: expected nothing pending after blocking again", signal);
        unblock(signal);
    }
}

/* SIG_IGN and blocked: not ignored at generation either (Linux: "blocked
 * signals are never ignored, since the signal handler may change by the
 * time it is unblocked"). A handler installed meanwhile runs. */
static void blocked_sig_ign_signals_stay_pending_for_a_later_handler(void)
{
    set_disposition(SIGUSR1, SIG_IGN);
    block(SIGUSR1);
    CHECK_EQ(0, kill(getpid(), SIGUSR1), "kill");
    CHECK(is_pending(SIGUSR1), "SIGUSR1 blocked at SIG_IGN: expected pending");
    sigset_t set = set_of(SIGUSR1);
    struct timespec zero = { 0, 0 };
    CHECK_EQ(SIGUSR1, sigtimedwait(&set, NULL, &zero), "sigtimedwait of a blocked SIG_IGN signal");

    /* pending at SIG_IGN, then a handler: it runs at the unblock */
    CHECK_EQ(0, raise(SIGUSR1), "raise");
    set_disposition(SIGWINCH, SIG_DFL);  /* (another signal's change leaves it) */
    CHECK(is_pending(SIGUSR1), "SIGUSR1 pending before the handler is installed");
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = count_it;
    sigemptyset(&action.sa_mask);
    handler_runs = 0;
    CHECK_EQ(0, sigaction(SIGUSR1, &action, NULL), "sigaction(handler)");
    CHECK(is_pending(SIGUSR1), "installing a handler keeps SIGUSR1 pending");
    unblock(SIGUSR1);
    CHECK_EQ(1, handler_runs, "handler runs once at the unblock");

    /* same for a default-ignored signal */
    set_disposition(SIGCHLD, SIG_DFL);
    block(SIGCHLD);
    CHECK_EQ(0, raise(SIGCHLD), "raise(SIGCHLD)");
    handler_runs = 0;
    set_disposition(SIGCHLD, count_it);
    unblock(SIGCHLD);
    CHECK_EQ(1, handler_runs, "SIGCHLD handler installed while it was pending runs once");
    set_disposition(SIGCHLD, SIG_DFL);
    set_disposition(SIGUSR1, SIG_DFL);
}

/* Setting an ignoring action discards a pending signal, blocked or not. */
static void setting_an_ignoring_action_discards_the_pending_signal(void)
{
    block(SIGUSR2);
    set_disposition(SIGUSR2, count_it);
    CHECK_EQ(0, raise(SIGUSR2), "raise");
    CHECK(is_pending(SIGUSR2), "SIGUSR2 pending while blocked");
    set_disposition(SIGUSR2, SIG_IGN);
    CHECK(!is_pending(SIGUSR2), "SIG_IGN discards a pending SIGUSR2");
    unblock(SIGUSR2);
    set_disposition(SIGUSR2, SIG_DFL);

    block(SIGURG);
    set_disposition(SIGURG, count_it);
    CHECK_EQ(0, raise(SIGURG), "raise");
    CHECK(is_pending(SIGURG), "SIGURG pending while blocked");
    set_disposition(SIGURG, SIG_DFL);
    CHECK(!is_pending(SIGURG), "SIG_DFL of SIGURG (default: ignore) discards a pending one");
    unblock(SIGURG);
}

/* A child's exit, SIGCHLD blocked at SIG_DFL: pending; and a sigwait
 * already waiting when the child exits gets it. */
static void a_child_exit_leaves_sigchld_pending(void)
{
    set_disposition(SIGCHLD, SIG_DFL);
    block(SIGCHLD);
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    CHECK(child > 0, "fork");
    int status;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
    CHECK(is_pending(SIGCHLD), "SIGCHLD of an exited child: expected pending while blocked");
    sigset_t set = set_of(SIGCHLD);
    siginfo_t info;
    memset(&info, 0, sizeof info);
    CHECK_EQ(SIGCHLD, sigwaitinfo(&set, &info), "sigwaitinfo(SIGCHLD)");
    CHECK_EQ(child, info.si_pid, "si_pid of SIGCHLD");
    CHECK_EQ(CLD_EXITED, info.si_code, "si_code of SIGCHLD");

    child = fork();
    if (child == 0) {
        usleep(50 * 1000);          /* the parent is in sigwaitinfo by now */
        _exit(3);
    }
    memset(&info, 0, sizeof info);
    struct timespec five_seconds = { 5, 0 };
    CHECK_EQ(SIGCHLD, sigtimedwait(&set, &info, &five_seconds), "sigtimedwait waiting for SIGCHLD");
    CHECK_EQ(child, info.si_pid, "si_pid of the SIGCHLD waited for");
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
    unblock(SIGCHLD);
}

static void cases(void)
{
    blocked_default_ignored_signals_are_taken_by_sigwait();
    unblocking_discards_what_is_still_ignored();
    blocked_sig_ign_signals_stay_pending_for_a_later_handler();
    setting_an_ignoring_action_discards_the_pending_signal();
    a_child_exit_leaves_sigchld_pending();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("signal_blocked_ignored_signals_stay_pending");
}

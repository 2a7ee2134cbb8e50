/* tests/boot/signal_sigsuspend_atomic_wait.c - sigsuspend swaps in a
 * temporary mask and waits in one step, so a signal that is blocked until
 * then cannot slip by: it ends the wait (at once, if already pending). It
 * returns -1 with EINTR after the handler ran, and the old mask is back.
 * While the handler runs, the mask is sigsuspend's plus the handler's. */
#include <signal.h>

#include "boot_test.h"
#include "boot_wait.h"

static volatile sig_atomic_t usr1_handled, usr2_handled;
static volatile unsigned long mask_inside_handler;

static void on_usr1(int signal)
{
    (void)signal;
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    mask_inside_handler = now;
    usr1_handled++;
}

static void on_usr2(int signal)
{
    (void)signal;
    usr2_handled++;
}

static sigset_t set_of(int a, int b)
{
    sigset_t set;
    sigemptyset(&set);
    if (a) sigaddset(&set, a);
    if (b) sigaddset(&set, b);
    return set;
}

static sigset_t current_mask(void)
{
    sigset_t mask;
    sigprocmask(SIG_BLOCK, NULL, &mask);
    return mask;
}

/* A child that sends `signal` to us once we wait in sigsuspend ("pause"). */
static pid_t send_when_waiting(int signal)
{
    pid_t parent = getpid();
    pid_t child = fork();
    if (child == 0) {
        if (!wait_until_blocked(parent, "pause"))
            _exit(1);                        /* the parent never waited */
        kill(parent, signal);
        _exit(0);
    }
    return child;
}

static void expect_sender_done(pid_t sender)
{
    int status;
    waitpid(sender, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the sender never saw the parent wait in sigsuspend (status 0x%x)", status);
}

static void a_signal_sent_during_the_wait_ends_it(void)
{
    sigset_t usr1_term = set_of(SIGUSR1, SIGTERM), empty = set_of(0, 0);
    sigprocmask(SIG_SETMASK, &usr1_term, NULL);
    usr1_handled = 0;
    pid_t sender = send_when_waiting(SIGUSR1);

    errno = 0;
    int result = sigsuspend(&empty);
    CHECK(result == -1 && errno == EINTR, "sigsuspend: expected -1 with EINTR, got %d with errno %d",
          result, errno);
    CHECK_EQ(1, usr1_handled, "SIGUSR1 handler calls when sigsuspend returned");
    CHECK_EQ(usr1_term, current_mask(), "the mask after sigsuspend (the old one)");

    /* inside the handler: sigsuspend's (empty) mask, its sa_mask (SIGUSR2)
     * and the signal itself; not the old mask's SIGTERM */
    CHECK_EQ(set_of(SIGUSR1, SIGUSR2), mask_inside_handler, "the mask inside the handler");
    expect_sender_done(sender);
    sigprocmask(SIG_SETMASK, &empty, NULL);
}

static void a_signal_pending_before_the_wait_ends_it_at_once(void)
{
    sigset_t usr1 = set_of(SIGUSR1, 0), empty = set_of(0, 0);
    sigprocmask(SIG_SETMASK, &usr1, NULL);
    usr1_handled = 0;
    raise(SIGUSR1);                          /* blocked: pending */
    CHECK_EQ(0, usr1_handled, "handler calls while SIGUSR1 is blocked");
    errno = 0;
    int result = sigsuspend(&empty);         /* must not wait: no one else will send it */
    CHECK(result == -1 && errno == EINTR, "sigsuspend with SIGUSR1 pending: expected -1 with EINTR, "
          "got %d with errno %d", result, errno);
    CHECK_EQ(1, usr1_handled, "SIGUSR1 handler calls");
    CHECK_EQ(usr1, current_mask(), "the mask after sigsuspend");
    sigprocmask(SIG_SETMASK, &empty, NULL);
}

static void a_signal_the_temporary_mask_blocks_stays_pending(void)
{
    sigset_t usr1 = set_of(SIGUSR1, 0), empty = set_of(0, 0);
    sigprocmask(SIG_SETMASK, &usr1, NULL);
    usr1_handled = usr2_handled = 0;
    raise(SIGUSR1);
    pid_t sender = send_when_waiting(SIGUSR2);
    errno = 0;
    int result = sigsuspend(&usr1);          /* SIGUSR1 stays blocked: wait for SIGUSR2 */
    CHECK(result == -1 && errno == EINTR, "sigsuspend: expected -1 with EINTR, got %d with errno %d",
          result, errno);
    CHECK_EQ(1, usr2_handled, "SIGUSR2 handler calls");
    CHECK_EQ(0, usr1_handled, "SIGUSR1 handler calls while the temporary mask blocks it");
    sigset_t pending;
    sigpending(&pending);
    CHECK_EQ(1, sigismember(&pending, SIGUSR1), "SIGUSR1 still pending after sigsuspend");
    expect_sender_done(sender);

    sigprocmask(SIG_SETMASK, &empty, NULL);
    CHECK_EQ(1, usr1_handled, "SIGUSR1 handler calls once unblocked");
}

/* A pending signal whose action is to ignore it runs no handler: it does
 * not end the wait (POSIX: sigsuspend returns after a handler ran). */
static void an_ignored_pending_signal_does_not_end_the_wait(void)
{
    sigset_t chld = set_of(SIGCHLD, 0), empty = set_of(0, 0);
    sigprocmask(SIG_SETMASK, &chld, NULL);
    raise(SIGCHLD);                          /* default action: ignore; kept pending while blocked */
    usr2_handled = 0;
    pid_t sender = send_when_waiting(SIGUSR2);
    errno = 0;
    int result = sigsuspend(&empty);
    CHECK(result == -1 && errno == EINTR, "sigsuspend: expected -1 with EINTR, got %d with errno %d",
          result, errno);
    CHECK_EQ(1, usr2_handled, "SIGUSR2 handler calls when sigsuspend returned (the ignored SIGCHLD "
             "must not have ended it)");
    if (usr2_handled == 0) {                 /* let the sender finish anyway */
        pause();
    }
    expect_sender_done(sender);
    sigprocmask(SIG_SETMASK, &empty, NULL);
}

int main(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_usr1;
    action.sa_mask = set_of(SIGUSR2, 0);
    sigaction(SIGUSR1, &action, NULL);
    signal(SIGUSR2, on_usr2);

    warm_up_copy_on_write();                     /* grows our stack and data first */
    usleep(20000);
    struct kinfo_counters before = settled_counters(read_counters().tasks);

    a_signal_sent_during_the_wait_ends_it();
    a_signal_pending_before_the_wait_ends_it_at_once();
    a_signal_the_temporary_mask_blocks_stays_pending();
    an_ignored_pending_signal_does_not_end_the_wait();

    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("signal_sigsuspend_atomic_wait");
}

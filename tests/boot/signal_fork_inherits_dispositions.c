/* tests/boot/signal_fork_inherits_dispositions.c - a child made by fork has
 * its parent's handlers, ignored signals and mask, but nothing pending and
 * no alarm: those were the parent's. */
#include <signal.h>

#include "boot_test.h"

enum {
    CHILD_HANDLER_NOT_INHERITED = 1,
    CHILD_IGNORE_NOT_INHERITED = 2,
    CHILD_MASK_NOT_INHERITED = 4,
    CHILD_PENDING_INHERITED = 8,
    CHILD_ALARM_INHERITED = 16,
};

static volatile sig_atomic_t handled, last_signal;

static void record(int signal)
{
    last_signal = signal;
    handled++;
}

static int child_checks(void)
{
    int failures = 0;
    /* the parent's handler runs here too */
    handled = 0;
    raise(SIGUSR1);
    if (handled != 1 || last_signal != SIGUSR1)
        failures |= CHILD_HANDLER_NOT_INHERITED;
    /* the parent's SIG_IGN too: this must not kill us */
    struct sigaction action;
    sigaction(SIGTERM, NULL, &action);
    if (action.sa_handler != SIG_IGN)
        failures |= CHILD_IGNORE_NOT_INHERITED;
    raise(SIGTERM);
    /* the mask: SIGUSR2 blocked */
    sigset_t mask, pending;
    sigprocmask(SIG_BLOCK, NULL, &mask);
    if (sigismember(&mask, SIGUSR2) != 1)
        failures |= CHILD_MASK_NOT_INHERITED;
    /* but not the parent's pending SIGUSR2 */
    sigpending(&pending);
    if (sigismember(&pending, SIGUSR2) != 0)
        failures |= CHILD_PENDING_INHERITED;
    /* nor its alarm: nothing to cancel */
    if (alarm(0) != 0)
        failures |= CHILD_ALARM_INHERITED;
    return failures;
}

int main(void)
{
    warm_up_copy_on_write();                     /* grows our stack and data first */
    usleep(20000);
    struct kinfo_counters before = settled_counters(read_counters().tasks);

    signal(SIGUSR1, record);
    signal(SIGUSR2, record);
    signal(SIGTERM, SIG_IGN);
    sigset_t usr2;
    sigemptyset(&usr2);
    sigaddset(&usr2, SIGUSR2);
    sigprocmask(SIG_BLOCK, &usr2, NULL);
    raise(SIGUSR2);                          /* pending in the parent */
    alarm(100);

    pid_t child = fork();
    if (child == 0)
        _exit(child_checks());
    int status = 0;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
    int failures = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    CHECK(failures == 0, "in the child (status 0x%x):%s%s%s%s%s%s", status,
          failures < 0 ? " it died" : "",
          failures > 0 && (failures & CHILD_HANDLER_NOT_INHERITED) ? " the handler did not run;" : "",
          failures > 0 && (failures & CHILD_IGNORE_NOT_INHERITED) ? " SIGTERM is not ignored;" : "",
          failures > 0 && (failures & CHILD_MASK_NOT_INHERITED) ? " SIGUSR2 is not blocked;" : "",
          failures > 0 && (failures & CHILD_PENDING_INHERITED) ? " the parent's pending SIGUSR2 is pending;" : "",
          failures > 0 && (failures & CHILD_ALARM_INHERITED) ? " the parent's alarm is armed;" : "");

    /* the parent keeps its own pending signal and alarm */
    sigset_t pending;
    sigpending(&pending);
    CHECK_EQ(1, sigismember(&pending, SIGUSR2), "SIGUSR2 pending in the parent after fork");
    unsigned left = alarm(0);
    CHECK(left >= 99 && left <= 100, "the parent's alarm: %u s left, expected 99 or 100", left);
    handled = 0;
    sigprocmask(SIG_UNBLOCK, &usr2, NULL);
    CHECK_EQ(1, handled, "the parent's SIGUSR2 delivered once unblocked");
    CHECK_EQ(SIGUSR2, last_signal, "the signal the parent's handler got");

    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("signal_fork_inherits_dispositions");
}

/* tests/boot/signal_mask_pending_and_unblock.c - a blocked signal stays
 * pending (sigpending shows it) and is delivered as soon as it is unblocked,
 * the lowest number first; a standard signal pending several times is
 * delivered once; a handler runs with its own signal and sa_mask blocked
 * (unless SA_NODEFER), and SA_RESETHAND puts the default back after one
 * delivery. SIGKILL and SIGSTOP cannot be blocked. */
#include <signal.h>

#include "boot_test.h"

#define MAX_RECORDED 16

static volatile int order[MAX_RECORDED];
static volatile int recorded;
static volatile unsigned long mask_inside_handler;
static volatile int depth, deepest;

static void record_order(int signal)
{
    if (recorded < MAX_RECORDED)
        order[recorded] = signal;
    recorded++;
}

static void record_mask(int signal)
{
    (void)signal;
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    mask_inside_handler = now;
    recorded++;
}

/* Raises its own signal once from inside: nested with SA_NODEFER,
 * after this handler returns without it. */
static void raise_again_once(int signal)
{
    depth++;
    if (depth > deepest)
        deepest = depth;
    recorded++;
    if (recorded == 1)
        raise(signal);
    depth--;
}

static void install(int signal, void (*handler)(int), sigset_t mask, int flags)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    action.sa_mask = mask;
    action.sa_flags = flags;
    CHECK_EQ(0, sigaction(signal, &action, NULL), "sigaction");
}

static sigset_t set_of(int a, int b, int c)
{
    sigset_t set;
    sigemptyset(&set);
    if (a) sigaddset(&set, a);
    if (b) sigaddset(&set, b);
    if (c) sigaddset(&set, c);
    return set;
}

static sigset_t pending_now(void)
{
    sigset_t pending;
    sigemptyset(&pending);
    CHECK_EQ(0, sigpending(&pending), "sigpending");
    return pending;
}

static void a_blocked_signal_waits_until_unblocked(void)
{
    sigset_t none = set_of(0, 0, 0), usr1 = set_of(SIGUSR1, 0, 0);
    install(SIGUSR1, record_order, none, 0);
    recorded = 0;
    CHECK_EQ(0, sigprocmask(SIG_BLOCK, &usr1, NULL), "sigprocmask(SIG_BLOCK)");
    raise(SIGUSR1);
    CHECK_EQ(0, recorded, "handler calls while SIGUSR1 is blocked");
    sigset_t pending = pending_now();
    CHECK_EQ(1, sigismember(&pending, SIGUSR1), "SIGUSR1 in sigpending's set while blocked");

    CHECK_EQ(0, sigprocmask(SIG_UNBLOCK, &usr1, NULL), "sigprocmask(SIG_UNBLOCK)");
    CHECK_EQ(1, recorded, "handler calls once sigprocmask unblocked it");
    pending = pending_now();
    CHECK_EQ(0, sigismember(&pending, SIGUSR1), "SIGUSR1 in sigpending's set after delivery");

    /* sigpending shows only blocked signals, and sigprocmask's old mask is right */
    sigset_t old;
    sigprocmask(SIG_BLOCK, &usr1, NULL);
    CHECK_EQ(0, sigprocmask(SIG_SETMASK, &none, &old), "sigprocmask(SIG_SETMASK)");
    CHECK_EQ(usr1, old, "the old mask sigprocmask reports");
    CHECK_ERROR(sigprocmask(42, &usr1, NULL), EINVAL);
}

static void the_lowest_number_is_delivered_first(void)
{
    sigset_t three = set_of(SIGUSR1, SIGUSR2, SIGTERM);
    /* each handler blocks the other two: an interrupt at a handler's
     * first instruction (a timer, another CPU's message) would otherwise
     * deliver the next signal on top of it, whose handler then records
     * first (as on Linux) */
    install(SIGUSR1, record_order, three, 0);
    install(SIGUSR2, record_order, three, 0);
    install(SIGTERM, record_order, three, 0);
    recorded = 0;
    sigprocmask(SIG_BLOCK, &three, NULL);
    /* sent to the process: raise() would make them the thread's own,
     * pending apart from the process's (as on Linux) */
    kill(getpid(), SIGTERM);                 /* 15 */
    kill(getpid(), SIGUSR2);                 /* 12 */
    kill(getpid(), SIGUSR1);                 /* 10 */
    CHECK_EQ(0, recorded, "handler calls while all three are blocked");
    sigset_t pending = pending_now();
    CHECK_EQ(three, pending, "sigpending with SIGUSR1, SIGUSR2, SIGTERM blocked and raised");
    sigprocmask(SIG_UNBLOCK, &three, NULL);
    CHECK_EQ(3, recorded, "handler calls after unblocking three signals");
    CHECK(order[0] == SIGUSR1 && order[1] == SIGUSR2 && order[2] == SIGTERM,
          "delivery order %d, %d, %d; expected %d, %d, %d (lowest number first)",
          order[0], order[1], order[2], SIGUSR1, SIGUSR2, SIGTERM);
    signal(SIGTERM, SIG_DFL);
}

static void standard_signals_do_not_queue(void)
{
    sigset_t none = set_of(0, 0, 0), usr1 = set_of(SIGUSR1, 0, 0);
    install(SIGUSR1, record_order, none, 0);
    recorded = 0;
    sigprocmask(SIG_BLOCK, &usr1, NULL);
    kill(getpid(), SIGUSR1);                 /* to the process, all three: raise() would */
    kill(getpid(), SIGUSR1);                 /* pend on the thread, a set of its own */
    kill(getpid(), SIGUSR1);
    sigprocmask(SIG_UNBLOCK, &usr1, NULL);
    CHECK_EQ(1, recorded, "handler calls for SIGUSR1 sent three times while blocked");
}

static void the_handler_runs_with_its_signal_and_sa_mask_blocked(void)
{
    sigset_t none = set_of(0, 0, 0);
    install(SIGUSR1, record_mask, set_of(SIGUSR2, SIGHUP, 0), 0);
    recorded = 0;
    raise(SIGUSR1);
    CHECK_EQ(1, recorded, "handler calls");
    sigset_t expected = set_of(SIGUSR1, SIGUSR2, SIGHUP);
    CHECK_EQ(expected, mask_inside_handler, "the mask inside the handler (its signal and sa_mask)");
    sigset_t after;
    sigprocmask(SIG_BLOCK, NULL, &after);
    CHECK_EQ(none, after, "the mask after the handler returned");

    /* SA_NODEFER: only sa_mask */
    install(SIGUSR1, record_mask, set_of(SIGUSR2, 0, 0), SA_NODEFER);
    raise(SIGUSR1);
    CHECK_EQ(set_of(SIGUSR2, 0, 0), mask_inside_handler, "the mask inside an SA_NODEFER handler");
}

static void its_own_signal_waits_for_the_handler_unless_sa_nodefer(void)
{
    sigset_t none = set_of(0, 0, 0);
    install(SIGUSR2, raise_again_once, none, 0);
    recorded = depth = deepest = 0;
    raise(SIGUSR2);
    CHECK_EQ(2, recorded, "handler calls when the handler raises its own signal");
    CHECK_EQ(1, deepest, "handler nesting depth without SA_NODEFER");

    install(SIGUSR2, raise_again_once, none, SA_NODEFER);
    recorded = depth = deepest = 0;
    raise(SIGUSR2);
    CHECK_EQ(2, recorded, "handler calls with SA_NODEFER");
    CHECK_EQ(2, deepest, "handler nesting depth with SA_NODEFER");
}

static void sa_resethand_restores_the_default_after_one_delivery(void)
{
    sigset_t none = set_of(0, 0, 0);
    install(SIGUSR1, record_order, none, SA_RESETHAND);
    recorded = 0;
    raise(SIGUSR1);
    CHECK_EQ(1, recorded, "handler calls with SA_RESETHAND");
    struct sigaction now;
    sigaction(SIGUSR1, NULL, &now);
    CHECK(now.sa_handler == SIG_DFL, "after one delivery the action is %p, expected SIG_DFL",
          (void *)now.sa_handler);

    /* so the second SIGUSR1 takes the default action: death */
    install(SIGUSR1, record_order, none, SA_RESETHAND);
    pid_t child = fork();
    if (child == 0) {
        raise(SIGUSR1);
        if (recorded != 2)
            _exit(1);
        raise(SIGUSR1);
        _exit(2);                            /* should not get here */
    }
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR1,
          "child raising SIGUSR1 twice under SA_RESETHAND: status 0x%x, expected death by SIGUSR1", status);
}

static void ignoring_a_pending_signal_discards_it(void)
{
    sigset_t none = set_of(0, 0, 0), usr1 = set_of(SIGUSR1, 0, 0);
    install(SIGUSR1, record_order, none, 0);
    sigprocmask(SIG_BLOCK, &usr1, NULL);
    raise(SIGUSR1);
    signal(SIGUSR1, SIG_IGN);
    sigset_t pending = pending_now();
    CHECK_EQ(0, sigismember(&pending, SIGUSR1), "SIGUSR1 pending after its action became SIG_IGN");
    recorded = 0;
    install(SIGUSR1, record_order, none, 0);
    sigprocmask(SIG_UNBLOCK, &usr1, NULL);
    CHECK_EQ(0, recorded, "handler calls for a signal discarded while ignored");
}

static void kill_and_stop_cannot_be_blocked(void)
{
    sigset_t all, now;
    sigfillset(&all);
    CHECK_EQ(0, sigprocmask(SIG_SETMASK, &all, NULL), "sigprocmask(SIG_SETMASK, everything)");
    sigprocmask(SIG_BLOCK, NULL, &now);
    CHECK_EQ(0, sigismember(&now, SIGKILL), "SIGKILL in the mask after blocking everything");
    CHECK_EQ(0, sigismember(&now, SIGSTOP), "SIGSTOP in the mask after blocking everything");
    CHECK_EQ(1, sigismember(&now, SIGTERM), "SIGTERM in the mask after blocking everything");
    sigset_t none = set_of(0, 0, 0);
    sigprocmask(SIG_SETMASK, &none, NULL);

    /* a handler's sa_mask cannot smuggle them in either */
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = record_mask;
    sigfillset(&action.sa_mask);
    sigaction(SIGUSR1, &action, NULL);
    raise(SIGUSR1);
    CHECK((mask_inside_handler & set_of(SIGKILL, SIGSTOP, 0)) == 0,
          "mask inside a handler whose sa_mask is full: 0x%lx includes SIGKILL or SIGSTOP",
          mask_inside_handler);
}

int main(void)
{
    a_blocked_signal_waits_until_unblocked();
    the_lowest_number_is_delivered_first();
    standard_signals_do_not_queue();
    the_handler_runs_with_its_signal_and_sa_mask_blocked();
    its_own_signal_waits_for_the_handler_unless_sa_nodefer();
    struct kinfo_counters before = settled_counters(read_counters().tasks);
    sa_resethand_restores_the_default_after_one_delivery();
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    ignoring_a_pending_signal_discards_it();
    kill_and_stop_cannot_be_blocked();
    return test_finish("signal_mask_pending_and_unblock");
}

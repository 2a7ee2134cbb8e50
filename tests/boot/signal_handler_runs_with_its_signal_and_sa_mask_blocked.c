/* tests/boot/signal_handler_runs_with_its_signal_and_sa_mask_blocked.c -
 * while a handler runs, the thread's mask is the mask it had plus the
 * handler's own signal plus the action's sa_mask (POSIX sigaction); a
 * signal so blocked that arrives meanwhile waits until the handler
 * returns; and the handler's return (sigreturn) puts back exactly the mask
 * of before. Each case runs in a child, so that a kernel that kills
 * instead of running the handler fails the case, not the whole test. */
#include "boot_signal.h"

static volatile sig_atomic_t calls, depth, deepest, usr2_calls, usr2_seen_inside;
static sigset_t mask_inside;

static sigset_t set_of(int a, int b, int c)
{
    sigset_t set;
    sigemptyset(&set);
    if (a) sigaddset(&set, a);
    if (b) sigaddset(&set, b);
    if (c) sigaddset(&set, c);
    return set;
}

static int same_set(const sigset_t *a, const sigset_t *b)
{
    for (int signal = 1; signal < 32; signal++)
        if (sigismember(a, signal) != sigismember(b, signal))
            return 0;
    return 1;
}

static void record_mask(int signal)
{
    (void)signal;
    sigprocmask(SIG_BLOCK, NULL, &mask_inside);
    calls++;
}

/* Raises its own signal and SIGUSR2 (in sa_mask) from inside: both must
 * wait until it returns. */
static void raise_both_from_inside(int signal)
{
    depth++;
    if (depth > deepest)
        deepest = depth;
    calls++;
    if (calls == 1) {
        raise(signal);
        raise(SIGUSR2);
        usr2_seen_inside = usr2_calls;
    }
    depth--;
}

static void count_usr2(int signal)
{
    (void)signal;
    usr2_calls++;
}

static void install(int signal, void (*handler)(int), sigset_t mask)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    action.sa_mask = mask;
    if (sigaction(signal, &action, NULL) != 0)
        _exit(90);
}

/* Exit 1: the handler did not run; 2: the mask inside was wrong; 3: the
 * mask after was not the one of before. */
static int mask_inside_is_its_signal_and_sa_mask(void)
{
    install(SIGUSR1, record_mask, set_of(SIGUSR2, SIGTERM, 0));
    sigset_t before = set_of(SIGHUP, 0, 0), after;
    sigprocmask(SIG_SETMASK, &before, NULL);
    raise(SIGUSR1);
    if (calls != 1)
        return 1;
    sigset_t expected = set_of(SIGHUP, SIGUSR1, SIGUSR2);
    sigaddset(&expected, SIGTERM);
    if (!same_set(&expected, &mask_inside))
        return 2;
    sigprocmask(SIG_BLOCK, NULL, &after);
    return same_set(&before, &after) ? 0 : 3;
}

/* Exit 1: the handler nested in itself; 2: SIGUSR2's handler ran inside;
 * 3: the signals held back were not delivered once it returned. */
static int blocked_signals_wait_until_the_handler_returns(void)
{
    install(SIGUSR2, count_usr2, set_of(0, 0, 0));
    install(SIGUSR1, raise_both_from_inside, set_of(SIGUSR2, 0, 0));
    raise(SIGUSR1);
    if (deepest != 1)
        return 1;
    if (usr2_seen_inside != 0)
        return 2;
    return calls == 2 && usr2_calls == 1 ? 0 : 3;
}

int main(void)
{
    run_case_in_a_child(mask_inside_is_its_signal_and_sa_mask,
                        "the mask inside a handler is the old mask + its signal + sa_mask, and the old one after");
    run_case_in_a_child(blocked_signals_wait_until_the_handler_returns,
                        "its signal and sa_mask raised inside a handler wait until it returns, then are delivered");
    return test_finish("signal_handler_runs_with_its_signal_and_sa_mask_blocked");
}

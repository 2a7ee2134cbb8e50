/* tests/boot/signal_sa_nodefer_lets_a_handler_interrupt_itself.c - under
 * SA_NODEFER a handler's own signal is not added to the mask while it
 * runs (POSIX sigaction): only sa_mask is, and the signal raised inside
 * the handler runs a second, nested call at once. The mask of before comes
 * back when both return. Each case runs in a child, so that a kernel that
 * kills instead of running the handler fails the case, not the test. */
#include "boot_signal.h"

static volatile sig_atomic_t calls, depth, deepest;
static sigset_t mask_inside;

static void record_mask(int signal)
{
    (void)signal;
    sigprocmask(SIG_BLOCK, NULL, &mask_inside);
    calls++;
}

static void raise_again_once(int signal)
{
    depth++;
    if (depth > deepest)
        deepest = depth;
    calls++;
    if (calls == 1)
        raise(signal);                   /* nests at once under SA_NODEFER */
    depth--;
}

static void install(void (*handler)(int), int also_blocked)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    if (also_blocked)
        sigaddset(&action.sa_mask, also_blocked);
    action.sa_flags = SA_NODEFER;
    if (sigaction(SIGUSR1, &action, NULL) != 0)
        _exit(90);
}

/* Exit 1: no handler call; 2: its own signal was blocked inside; 3:
 * sa_mask was not; 4: the mask after is not the empty one of before. */
static int only_sa_mask_is_blocked(void)
{
    install(record_mask, SIGUSR2);
    raise(SIGUSR1);
    if (calls != 1)
        return 1;
    if (sigismember(&mask_inside, SIGUSR1))
        return 2;
    if (!sigismember(&mask_inside, SIGUSR2))
        return 3;
    sigset_t after;
    sigprocmask(SIG_BLOCK, NULL, &after);
    return sigismember(&after, SIGUSR1) || sigismember(&after, SIGUSR2) ? 4 : 0;
}

/* Exit 1: not two calls; 2: the second did not nest in the first. */
static int its_own_signal_nests(void)
{
    install(raise_again_once, 0);
    raise(SIGUSR1);
    if (calls != 2)
        return 1;
    return deepest == 2 ? 0 : 2;
}

int main(void)
{
    run_case_in_a_child(only_sa_mask_is_blocked,
                        "an SA_NODEFER handler runs with sa_mask blocked, not its own signal");
    run_case_in_a_child(its_own_signal_nests, "an SA_NODEFER handler raising its own signal nests a second call");
    return test_finish("signal_sa_nodefer_lets_a_handler_interrupt_itself");
}

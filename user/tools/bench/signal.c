/* user/tools/bench/signal.c - signals as a means of communication: SIGUSR1 to
 * the child, SIGUSR2 back, each caught by a handler while its receiver waits
 * in sigsuspend.
 *
 * Both signals stay blocked except inside sigsuspend, so a signal that
 * arrives early waits (pending) instead of being lost between the check
 * and the wait: sigsuspend unblocks it and waits in one step. A round trip
 * costs two kill()s, two sigsuspend()s, and two deliveries, each building
 * a frame on the user stack, running the handler, and sigreturn. */
#include <errno.h>
#include <signal.h>
#include <unistd.h>

#include "bench.h"

static volatile sig_atomic_t signals_caught;
static sigset_t wait_for_usr1, wait_for_usr2;   /* the masks during sigsuspend */

static void catch_signal(int signal)
{
    (void)signal;
    signals_caught++;
}

/* The child: waits for SIGUSR1, answers with SIGUSR2, ROUNDS times. */
static int answer_signals(int parent)
{
    for (int round = 0; round < ROUNDS; round++) {
        sigsuspend(&wait_for_usr1);     /* returns once the handler has run */
        if (kill(parent, SIGUSR2) < 0)
            return -1;
    }
    return 0;
}

static inline int signal_round_trip(pid_t child)
{
    int ok = kill(child, SIGUSR1) == 0;
    sigsuspend(&wait_for_usr2);
    return ok;
}

int bench_signal_round_trip(int unused, struct samples *samples)
{
    (void)unused;
    sigset_t both, before;
    sigemptyset(&both);
    sigaddset(&both, SIGUSR1);
    sigaddset(&both, SIGUSR2);
    struct sigaction action = { .sa_handler = catch_signal };
    sigemptyset(&action.sa_mask);
    if (sigprocmask(SIG_BLOCK, &both, &before) < 0 ||
        sigaction(SIGUSR1, &action, 0) < 0 || sigaction(SIGUSR2, &action, 0) < 0)
        return last_error();
    wait_for_usr1 = wait_for_usr2 = before;   /* what was blocked before, */
    sigaddset(&wait_for_usr1, SIGUSR2);       /* the other signal, */
    sigdelset(&wait_for_usr1, SIGUSR1);       /* but not the one awaited */
    sigaddset(&wait_for_usr2, SIGUSR1);
    sigdelset(&wait_for_usr2, SIGUSR2);

    int failures = 0;
    pid_t child = start_child(answer_signals, getpid());
    if (child > 0)
        TIME_EACH(samples, failures += !signal_round_trip(child));
    int status = finish_child(child, failures ? -EIO : 0);
    action.sa_handler = SIG_DFL;
    sigaction(SIGUSR1, &action, 0);
    sigaction(SIGUSR2, &action, 0);
    sigprocmask(SIG_SETMASK, &before, 0);
    return status;
}

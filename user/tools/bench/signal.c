/* user/tools/bench/signal.c - signals as a means of communication.
 *
 * signal_round_trip: SIGUSR1 to the child, SIGUSR2 back, each caught by a
 * handler while its receiver waits in sigsuspend. Both signals stay
 * blocked except inside sigsuspend, so a signal that arrives early waits
 * (pending) instead of being lost between the check and the wait:
 * sigsuspend unblocks it and waits in one step. A round trip costs two
 * kill()s, two sigsuspend()s, and two deliveries, each building a frame on
 * the user stack, running the handler, and sigreturn.
 *
 * sigqueue_round_trip and sigwaitinfo_round_trip: the same exchange with
 * no handler at all, each side taking its signal with sigwaitinfo;
 * real-time signals carrying a value (sigqueue), or SIGUSR1/SIGUSR2 (kill).
 * sigqueue_handler_round_trip: sigqueue to SA_SIGINFO handlers. */
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

/* Blocks `first` and `second`, catches them with `action` (if any), and
 * makes the sigsuspend masks: wait_for_usr1 lets only `first` in,
 * wait_for_usr2 only `second`. */
static int prepare_pair(int first, int second, struct sigaction *action, sigset_t *before)
{
    sigset_t both;
    sigemptyset(&both);
    sigaddset(&both, first);
    sigaddset(&both, second);
    if (sigprocmask(SIG_BLOCK, &both, before) < 0)
        return -1;
    if (action) {
        sigemptyset(&action->sa_mask);
        if (sigaction(first, action, 0) < 0 || sigaction(second, action, 0) < 0)
            return -1;
    }
    wait_for_usr1 = wait_for_usr2 = *before;
    sigaddset(&wait_for_usr1, second);
    sigdelset(&wait_for_usr1, first);
    sigaddset(&wait_for_usr2, first);
    sigdelset(&wait_for_usr2, second);
    return 0;
}

static void restore_pair(int first, int second, const sigset_t *before)
{
    struct sigaction action = { .sa_handler = SIG_DFL };
    sigaction(first, &action, 0);
    sigaction(second, &action, 0);
    sigprocmask(SIG_SETMASK, before, 0);
}

int bench_signal_round_trip(int unused, struct samples *samples)
{
    (void)unused;
    sigset_t before;
    struct sigaction action = { .sa_handler = catch_signal };
    if (prepare_pair(SIGUSR1, SIGUSR2, &action, &before) < 0)
        return last_error();
    int failures = 0;
    pid_t child = start_child(answer_signals, getpid());
    if (child > 0)
        TIME_EACH(samples, failures += !signal_round_trip(child));
    int status = finish_child(child, failures ? -EIO : 0);
    restore_pair(SIGUSR1, SIGUSR2, &before);
    return status;
}

/* ---- queued signals: sigqueue and sigwaitinfo --------------------------- */

/* Queued signals as messages: each side blocks both and takes its own
 * with sigwaitinfo, no handler runs. `queue`: real-time signals sent by
 * sigqueue with the round's number as the value, which the receiver
 * checks and sends back; else SIGUSR1/SIGUSR2 sent by kill. */
static int queued_first, queued_second, queued_by_sigqueue;
static sigset_t only_first, only_second;

static int send_pair_signal(pid_t to, int signal, int value)
{
    if (!queued_by_sigqueue)
        return kill(to, signal);
    union sigval sigval = { .sival_int = value };
    return sigqueue(to, signal, sigval);
}

static int answer_sigwaitinfo(int parent)
{
    siginfo_t info;
    for (int round = 0; round < ROUNDS; round++) {
        if (sigwaitinfo(&only_first, &info) != queued_first ||
            send_pair_signal(parent, queued_second, info.si_value.sival_int) < 0)
            return -1;
    }
    return 0;
}

static int sigwaitinfo_round = 0;

static inline int sigwaitinfo_round_trip(pid_t child)
{
    siginfo_t info;
    int ok = send_pair_signal(child, queued_first, ++sigwaitinfo_round) == 0;
    ok = ok && sigwaitinfo(&only_second, &info) == queued_second && info.si_pid == child;
    return ok && (!queued_by_sigqueue || info.si_value.sival_int == sigwaitinfo_round);
}

static int run_sigwaitinfo_pair(int first, int second, int by_sigqueue, struct samples *samples)
{
    sigset_t before;
    queued_first = first, queued_second = second, queued_by_sigqueue = by_sigqueue;
    sigemptyset(&only_first);
    sigaddset(&only_first, first);
    sigemptyset(&only_second);
    sigaddset(&only_second, second);
    if (prepare_pair(first, second, 0, &before) < 0)
        return last_error();
    int failures = 0;
    pid_t child = start_child(answer_sigwaitinfo, getpid());
    if (child > 0)
        TIME_EACH(samples, failures += !sigwaitinfo_round_trip(child));
    int status = finish_child(child, failures ? -EIO : 0);
    sigprocmask(SIG_SETMASK, &before, 0);
    return status;
}

int bench_sigqueue_round_trip(int unused, struct samples *samples)
{
    (void)unused;
    return run_sigwaitinfo_pair(SIGRTMIN, SIGRTMIN + 1, 1, samples);
}

int bench_sigwaitinfo_round_trip(int unused, struct samples *samples)
{
    (void)unused;
    return run_sigwaitinfo_pair(SIGUSR1, SIGUSR2, 0, samples);
}

/* The handler form of the sigqueue round trip: SA_SIGINFO handlers,
 * each checking the value, while the receiver waits in sigsuspend (as
 * signal_round_trip, plus the siginfo_t in the frame and the queue). */
static volatile int last_value;

static void catch_queued(int signal, siginfo_t *info, void *context)
{
    (void)signal, (void)context;
    last_value = info->si_value.sival_int;
    signals_caught++;
}

static int answer_queued(int parent)
{
    for (int round = 0; round < ROUNDS; round++) {
        sigsuspend(&wait_for_usr1);
        union sigval value = { .sival_int = last_value };
        if (sigqueue(parent, SIGRTMIN + 1, value) < 0)
            return -1;
    }
    return 0;
}

static int queued_round = 0;

static inline int sigqueue_handler_round_trip(pid_t child)
{
    union sigval value = { .sival_int = ++queued_round };
    int ok = sigqueue(child, SIGRTMIN, value) == 0;
    sigsuspend(&wait_for_usr2);
    return ok && last_value == queued_round;
}

int bench_sigqueue_handler_round_trip(int unused, struct samples *samples)
{
    (void)unused;
    sigset_t before;
    struct sigaction action = { .sa_sigaction = catch_queued, .sa_flags = SA_SIGINFO };
    if (prepare_pair(SIGRTMIN, SIGRTMIN + 1, &action, &before) < 0)
        return last_error();
    int failures = 0;
    pid_t child = start_child(answer_queued, getpid());
    if (child > 0)
        TIME_EACH(samples, failures += !sigqueue_handler_round_trip(child));
    int status = finish_child(child, failures ? -EIO : 0);
    restore_pair(SIGRTMIN, SIGRTMIN + 1, &before);
    return status;
}

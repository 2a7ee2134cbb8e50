/* tests/trace/realtime_signals_tour.c - real-time signals queue, for the
 * trace picture of docs/signals.md
 * (`make trace-view PROG=tests/trace/realtime_signals_tour.c`):
 *
 *   1. the parent blocks SIGUSR1, SIGRTMIN and SIGRTMIN+1 and starts a
 *      child, which sends it, out of order, SIGRTMIN+1 (value 1), SIGRTMIN
 *      (value 2), SIGRTMIN+1 (value 3), SIGRTMIN (value 4) with sigqueue,
 *      then SIGUSR1 twice with kill, and exits;
 *   2. the parent unblocks them all at once: on its way out of
 *      sigprocmask it takes SIGUSR1 once (a standard signal: the second
 *      was merged), then SIGRTMIN's two in the order sent, then
 *      SIGRTMIN+1's two: the lowest number first, each signal in order.
 *
 * It prints what its SA_SIGINFO handler saw, in the order it ran. */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int count;
static struct { int signal, value, code; } seen[8];

static void record(int signal, siginfo_t *info, void *context)
{
    (void)context;
    if (count < 8) {
        seen[count].signal = signal;
        seen[count].value = info->si_value.sival_int;
        seen[count].code = info->si_code;
    }
    count++;
}

static void send(pid_t to, int signal, int value)
{
    union sigval sigval = { .sival_int = value };
    sigqueue(to, signal, sigval);
}

int main(void)
{
    struct sigaction action = { .sa_sigaction = record, .sa_flags = SA_SIGINFO };
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGRTMIN);
    sigaddset(&set, SIGRTMIN + 1);
    action.sa_mask = set;                     /* one handler at a time: the record stays in order */
    sigaction(SIGUSR1, &action, 0);
    sigaction(SIGRTMIN, &action, 0);
    sigaction(SIGRTMIN + 1, &action, 0);
    sigprocmask(SIG_BLOCK, &set, 0);

    pid_t parent = getpid(), child = fork();
    if (child == 0) {
        send(parent, SIGRTMIN + 1, 1);
        send(parent, SIGRTMIN, 2);
        send(parent, SIGRTMIN + 1, 3);
        send(parent, SIGRTMIN, 4);
        kill(parent, SIGUSR1);
        kill(parent, SIGUSR1);
        _exit(0);
    }
    waitpid(child, 0, 0);
    sigprocmask(SIG_UNBLOCK, &set, 0);

    for (int i = 0; i < count && i < 8; i++) {
        char name[SIG2STR_MAX];
        sig2str(seen[i].signal, name);
        printf("%d. SIG%-8s si_code %-2d si_value %d\n", i + 1, name, seen[i].code, seen[i].value);
    }
    return count == 5 ? 0 : 1;
}

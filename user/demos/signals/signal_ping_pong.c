/* user/demos/signals/signal_ping_pong.c [ROUNDS] - a parent and its child
 * bounce two signals back and forth: the parent sends SIGUSR1 ("ping"), the
 * child answers SIGUSR2 ("pong"), ROUNDS times (default 5).
 *
 *     parent                          child
 *       | -------- SIGUSR1 (ping 1) ---> |  sigsuspend wakes, prints
 *       | <------- SIGUSR2 (pong 1) ---- |
 *       | -------- SIGUSR1 (ping 2) ---> |
 *      ...                              ...
 *
 * Things to watch for:
 *  - waiting for a signal has a trap. "if (!got_signal) pause();" is wrong:
 *    the signal may come between the test and pause(), and then pause
 *    waits forever for a signal that has already been handled. The cure:
 *    keep the signals BLOCKED (they stay pending), test the flag, and wait
 *    with sigsuspend(mask), which unblocks them and sleeps in one step;
 *  - the signals are blocked before fork, so the child cannot miss a ping
 *    that arrives before it is ready: it stays pending until its first
 *    sigsuspend;
 *  - standard signals do not queue: two pings sent before the child looks
 *    would count as one. The ping-pong rhythm (never send again before the
 *    answer) is what makes every signal count. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t pings, pongs;

static void on_ping(int signal) { (void)signal; pings++; }
static void on_pong(int signal) { (void)signal; pongs++; }

static void install(int signal, void (*handler)(int))
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    sigaction(signal, &action, NULL);
}

/* Waits until *counter reaches `target`, taking signals only inside sigsuspend. */
static void wait_for(volatile sig_atomic_t *counter, int target)
{
    sigset_t everything_allowed;
    sigemptyset(&everything_allowed);
    while (*counter < target)
        sigsuspend(&everything_allowed);     /* returns after a handler ran */
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 5;
    if (rounds < 1)
        rounds = 1;

    install(SIGUSR1, on_ping);
    install(SIGUSR2, on_pong);
    sigset_t both;
    sigemptyset(&both);
    sigaddset(&both, SIGUSR1);
    sigaddset(&both, SIGUSR2);
    sigprocmask(SIG_BLOCK, &both, NULL);     /* from now on, signals wait for sigsuspend */

    pid_t parent = getpid();
    pid_t child = fork();
    if (child < 0) {
        perror("fork");
        return 1;
    }
    if (child == 0) {
        for (int round = 1; round <= rounds; round++) {
            wait_for(&pings, round);
            printf("    child  %d: got ping %d, sending pong %d\n", getpid(), round, round);
            fflush(stdout);
            kill(parent, SIGUSR2);
        }
        _exit(0);
    }

    for (int round = 1; round <= rounds; round++) {
        printf("parent %d: sending ping %d\n", parent, round);
        fflush(stdout);
        kill(child, SIGUSR1);
        wait_for(&pongs, round);
        printf("parent %d: got pong %d\n", parent, round);
        fflush(stdout);
    }
    int status;
    waitpid(child, &status, 0);
    printf("%d pings sent, %d pongs came back; the child exited with %d\n", rounds, (int)pongs,
           WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return 0;
}

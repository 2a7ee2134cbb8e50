/* user/demos/signals/signal_ctrl_c.c - catching Ctrl-C. Run it and press
 * Ctrl-C: instead of ending, the program counts. After the third press, or
 * after 30 seconds, it ends by itself.
 *
 *     $ signal_ctrl_c
 *     pid 7: press Ctrl-C three times (or: kill -INT 7) ...
 *     ^C Ctrl-C number 1 - caught, still running
 *
 * Ctrl-C makes the console send SIGINT to the foreground program; `kill
 * -INT PID` from elsewhere (run this one with `&`) sends the same signal.
 *
 * Things to watch for:
 *  - sigaction installs the handler; without it SIGINT's default action
 *    would end the program at the first press;
 *  - the handler only counts. printf is not safe inside a handler: the
 *    signal may arrive while main is in the middle of printf itself, with
 *    stdout's buffer half updated. So the handler sets a variable of type
 *    volatile sig_atomic_t, and main does the printing;
 *  - nanosleep is cut short by the signal: it returns -1 with errno EINTR
 *    and says how much time was left, so main can go back to sleep for
 *    just the rest of the 30 seconds. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PRESSES_TO_QUIT 3
#define SECONDS_TO_WAIT 30

static volatile sig_atomic_t presses;      /* written by the handler, read by main */

static void on_sigint(int signal)
{
    (void)signal;
    presses++;
}

int main(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_sigint;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;                   /* no SA_RESTART: let nanosleep be interrupted */
    if (sigaction(SIGINT, &action, NULL) != 0) {
        perror("sigaction");
        return 1;
    }

    printf("pid %d: press Ctrl-C %d times (or: kill -INT %d) - I give up after %d s\n",
           getpid(), PRESSES_TO_QUIT, getpid(), SECONDS_TO_WAIT);
    fflush(stdout);

    struct timespec left = { SECONDS_TO_WAIT, 0 };
    int reported = 0;
    while (presses < PRESSES_TO_QUIT) {
        struct timespec request = left;
        if (nanosleep(&request, &left) == 0) {
            printf("%d seconds passed with %d Ctrl-C: giving up\n", SECONDS_TO_WAIT, (int)presses);
            return 0;
        }
        if (errno != EINTR) {
            perror("nanosleep");
            return 1;
        }
        /* a signal woke us: report every press not reported yet */
        while (reported < presses) {
            reported++;
            printf(" Ctrl-C number %d - caught, still running (%ld s left)\n", reported, (long)left.tv_sec);
        }
        fflush(stdout);
    }
    printf("%d presses: bye\n", PRESSES_TO_QUIT);
    return 0;
}

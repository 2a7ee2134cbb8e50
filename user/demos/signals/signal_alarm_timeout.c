/* user/demos/signals/signal_alarm_timeout.c [SECONDS] - reads one line from
 * standard input, but waits at most SECONDS (default 5): alarm() sends SIGALRM
 * when the time is up, and the signal interrupts the waiting read().
 *
 *     $ signal_alarm_timeout
 *     type a line within 5 seconds: hello
 *     you typed "hello" with 3 s to spare
 *     $ signal_alarm_timeout
 *     type a line within 5 seconds:
 *     timed out: read() failed with EINTR after SIGALRM
 *
 * Things to watch for:
 *  - without a handler SIGALRM would end the program; with an empty handler
 *    it only interrupts what the program is waiting in;
 *  - the handler is installed with sigaction WITHOUT SA_RESTART. With
 *    SA_RESTART (which signal() sets, as on Linux) the kernel would run the
 *    handler and then put read() back to waiting: no timeout at all;
 *  - alarm(0) cancels the alarm once the line has come, and returns the
 *    seconds it had left. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t alarm_rang;

static void on_alarm(int signal)
{
    (void)signal;
    alarm_rang = 1;
}

int main(int argc, char **argv)
{
    unsigned seconds = argc > 1 ? (unsigned)atoi(argv[1]) : 5;
    if (seconds == 0)
        seconds = 5;

    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_alarm;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;                     /* no SA_RESTART: the read must give up */
    sigaction(SIGALRM, &action, NULL);

    printf("type a line within %u seconds: ", seconds);
    fflush(stdout);

    char line[128];
    alarm(seconds);
    ssize_t count = read(STDIN_FILENO, line, sizeof line - 1);
    unsigned left = alarm(0);                /* cancel it, if it has not rung */

    if (count < 0 && errno == EINTR) {
        printf("\ntimed out: read() failed with EINTR after SIGALRM%s\n",
               alarm_rang ? "" : " (but the handler did not run?)");
        return 1;
    }
    if (count < 0) {
        perror("read");
        return 2;
    }
    if (count > 0 && line[count - 1] == '\n')
        count--;
    line[count] = '\0';
    printf("you typed \"%s\" with %u s to spare\n", line, left);
    return 0;
}

/* user/demos/multiplexing/sigio_readers.c - one process reads three pipes
 * without poll or select: the kernel tells it which pipe has something,
 * by a signal (signal-driven I/O, docs/multiplexing.md).
 *
 *   sigio_readers [LINES]            (default 4 lines from each writer)
 *
 * Three children write LINES lines each into a pipe of their own, child
 * 1 every 30 ms, child 2 every 50 ms, child 3 every 70 ms. The parent
 * makes itself the owner of each read end (F_SETOWN), asks for SIGRTMIN
 * instead of SIGIO (F_SETSIG) and turns O_ASYNC on. Each write then
 * queues one SIGRTMIN whose si_fd says which pipe; the parent takes them
 * with sigwaitinfo, reads that pipe until it is empty, and stops once
 * each pipe has reached its end (si_code POLL_HUP, or a read of 0). Were
 * the queue of real-time signals full, a plain SIGIO would come instead,
 * naming no descriptor: then every pipe is read. Exit status 0 when every
 * line arrived. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WRITERS 3

static int read_ends[WRITERS];
static int ended[WRITERS];
static int lines_received;

static void writer(int number, int write_end, int lines)
{
    struct timespec pause = { 0, (10 + 20 * number) * 1000000L };
    for (int line = 1; line <= lines; line++) {
        nanosleep(&pause, NULL);
        char text[64];
        int length = snprintf(text, sizeof text, "line %d of writer %d\n", line, number);
        write(write_end, text, (size_t)length);
    }
    close(write_end);
    _exit(0);
}

/* Reads pipe `which` until it is empty (its read end does not wait). */
static void drain(int which)
{
    char buffer[256];
    ssize_t got;
    while ((got = read(read_ends[which], buffer, sizeof buffer)) > 0) {
        for (ssize_t i = 0; i < got; i++)
            lines_received += buffer[i] == '\n';
        printf("  fd %d: %.*s", read_ends[which], (int)got, buffer);
    }
    if (got == 0 && !ended[which]) {
        ended[which] = 1;
        printf("  fd %d: end of file\n", read_ends[which]);
    }
}

static int index_of(int fd)
{
    for (int i = 0; i < WRITERS; i++)
        if (read_ends[i] == fd)
            return i;
    return -1;
}

int main(int argc, char **argv)
{
    int lines = argc > 1 ? atoi(argv[1]) : 4;
    if (lines < 1 || lines > 100) {
        fprintf(stderr, "usage: sigio_readers [LINES (1 to 100)]\n");
        return 2;
    }
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGRTMIN);
    sigaddset(&signals, SIGIO);
    sigprocmask(SIG_BLOCK, &signals, NULL);   /* taken by sigwaitinfo, never by a handler */

    for (int i = 0; i < WRITERS; i++) {
        int ends[2];
        if (pipe(ends) < 0) {
            perror("pipe");
            return 1;
        }
        if (fork() == 0) {
            close(ends[0]);
            writer(i + 1, ends[1], lines);
        }
        close(ends[1]);
        read_ends[i] = ends[0];
        if (fcntl(ends[0], F_SETOWN, getpid()) < 0 || fcntl(ends[0], F_SETSIG, SIGRTMIN) < 0 ||
            fcntl(ends[0], F_SETFL, O_NONBLOCK | O_ASYNC) < 0) {
            perror("fcntl");
            return 1;
        }
        drain(i);                               /* what came before O_ASYNC was on */
    }

    int signals_taken = 0, ends_seen = 0;
    while (ends_seen < WRITERS) {
        siginfo_t info;
        if (sigwaitinfo(&signals, &info) < 0)
            continue;
        signals_taken++;
        int which = info.si_signo == SIGRTMIN ? index_of(info.si_fd) : -1;
        if (which < 0) {
            printf("SIGIO (no descriptor named): reading every pipe\n");
            for (int i = 0; i < WRITERS; i++)
                drain(i);
        } else {
            printf("SIGRTMIN: fd %d, %s\n", info.si_fd,
                   info.si_code == POLL_IN ? "POLL_IN" : info.si_code == POLL_HUP ? "POLL_HUP" : "other");
            drain(which);
        }
        ends_seen = 0;
        for (int i = 0; i < WRITERS; i++)
            ends_seen += ended[i];
    }
    for (int i = 0; i < WRITERS; i++)
        wait(NULL);
    printf("%d signals taken, %d of %d lines received\n", signals_taken, lines_received, WRITERS * lines);
    return lines_received == WRITERS * lines ? 0 : 1;
}

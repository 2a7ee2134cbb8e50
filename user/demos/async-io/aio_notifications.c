/* user/demos/async-io/aio_notifications.c - four asynchronous reads of a
 * pipe, each told its end in another way (docs/async-io.md, aio(7)).
 *
 * A child writes a line into a pipe every 300 ms. Meanwhile the parent
 * queues four aio_reads of one line each, and goes on with its own work:
 *
 *     A  told by a signal: SIGRTMIN, si_code SI_ASYNCIO, si_value "A"
 *     B  told by a thread the library starts: notified(B) runs in it
 *     C  told nobody: the parent sleeps in aio_suspend until it is done
 *     D  cancelled by aio_cancel while it waits behind the others
 *
 * One file's requests go one at a time, in the order queued, so A gets
 * the first line, B the second and C the third; D never reads (its
 * aio_error is ECANCELED). The library's worker thread does the reading;
 * the parent's main thread only queues, asks and waits.
 *
 * Usage: aio_notifications */
#include <aio.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define LINES 4
#define LINE_BYTES 7                  /* "line 1\n" */
#define WRITE_EVERY_US 300000

static char buffers[LINES][LINE_BYTES + 1];
static struct aiocb requests[LINES];
static volatile sig_atomic_t signal_came;

/* A line without its newline, for printing. */
static const char *text_of(int request)
{
    char *newline = strchr(buffers[request], '\n');
    if (newline)
        *newline = 0;
    return buffers[request];
}

/* A's notification. printf is not safe in a handler: write is. */
static void on_sigrtmin(int signal, siginfo_t *info, void *context)
{
    (void)signal, (void)context;
    char message[96] = "handler: SIGRTMIN, si_code ";
    strcat(message, info->si_code == SI_ASYNCIO ? "SI_ASYNCIO" : "not SI_ASYNCIO");
    strcat(message, ", si_value \"");
    strcat(message, (const char *)info->si_value.sival_ptr);
    strcat(message, "\": request A is done\n");
    write(STDOUT_FILENO, message, strlen(message));
    signal_came = 1;
}

/* B's notification, in a thread of its own. */
static void notified(union sigval value)
{
    printf("thread: notified(\"%s\") runs in a new thread: request B read \"%s\"\n",
           (const char *)value.sival_ptr, text_of(1));
    fflush(stdout);
}

static void writer(int pipe_end)
{
    char line[LINE_BYTES + 1];
    for (int i = 1; i <= LINES; i++) {
        usleep(WRITE_EVERY_US);
        snprintf(line, sizeof line, "line %d\n", i);
        write(pipe_end, line, LINE_BYTES);
    }
    _exit(0);
}

static const char *error_name(int error)
{
    return error == EINPROGRESS ? "EINPROGRESS" : error == ECANCELED ? "ECANCELED" : error == 0 ? "0" : "?";
}

int main(void)
{
    setvbuf(stdout, 0, _IONBF, 0);
    int ends[2];
    if (pipe(ends) < 0) {
        perror("pipe");
        return 1;
    }
    if (fork() == 0) {
        close(ends[0]);
        writer(ends[1]);
    }
    close(ends[1]);

    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_sigrtmin;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(SIGRTMIN, &action, 0);

    for (int i = 0; i < LINES; i++) {
        memset(&requests[i], 0, sizeof requests[i]);
        requests[i].aio_fildes = ends[0];
        requests[i].aio_buf = buffers[i];
        requests[i].aio_nbytes = LINE_BYTES;
        requests[i].aio_sigevent.sigev_notify = SIGEV_NONE;
    }
    requests[0].aio_sigevent.sigev_notify = SIGEV_SIGNAL;
    requests[0].aio_sigevent.sigev_signo = SIGRTMIN;
    requests[0].aio_sigevent.sigev_value.sival_ptr = "A";
    requests[1].aio_sigevent.sigev_notify = SIGEV_THREAD;
    requests[1].aio_sigevent.sigev_notify_function = notified;
    requests[1].aio_sigevent.sigev_value.sival_ptr = "B";
    for (int i = 0; i < LINES; i++)
        if (aio_read(&requests[i]) < 0) {
            perror("aio_read");
            return 1;
        }
    printf("main: queued A (signal), B (thread), C (aio_suspend), D (to cancel): four reads of the pipe\n");

    int cancelled = aio_cancel(ends[0], &requests[3]);
    printf("main: aio_cancel(D) = %s; aio_error(D) = %s\n",
           cancelled == AIO_CANCELED ? "AIO_CANCELED" : cancelled == AIO_NOTCANCELED ? "AIO_NOTCANCELED" : "AIO_ALLDONE",
           error_name(aio_error(&requests[3])));
    aio_return(&requests[3]);

    const struct aiocb *wait_list[1] = { &requests[2] };
    struct timespec quarter = { 0, 250 * 1000 * 1000 };
    int rounds = 0;
    while (aio_error(&requests[2]) == EINPROGRESS) {
        if (aio_suspend(wait_list, 1, &quarter) < 0 && errno == EAGAIN)
            printf("main: 250 ms more of my own work; A %s, B %s, C %s\n", error_name(aio_error(&requests[0])),
                   error_name(aio_error(&requests[1])), error_name(aio_error(&requests[2])));
        rounds++;
    }
    printf("main: aio_suspend says C is done: request C read \"%s\"\n", text_of(2));

    ssize_t counts[3];
    for (int i = 0; i < 3; i++)
        counts[i] = aio_return(&requests[i]);
    printf("main: aio_return: A %zd, B %zd, C %zd bytes; A read \"%s\"; a signal came: %s\n", counts[0], counts[1],
           counts[2], text_of(0), signal_came ? "yes" : "no");
    char rest[LINE_BYTES + 1] = "";
    ssize_t got = read(ends[0], rest, LINE_BYTES);    /* D's line was left for whoever reads next */
    if (got > 0) {
        rest[got - 1] = 0;
        printf("main: the line D would have read is still in the pipe: \"%s\"\n", rest);
    }
    wait(0);
    return 0;
}

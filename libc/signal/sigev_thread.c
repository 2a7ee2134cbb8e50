/* libc/signal/sigev_thread.c - SIGEV_THREAD, built in the library as glibc
 * builds it on Linux (there with a netlink socket or a signal, here with a
 * pipe), for mq_notify and timer_create:
 *
 *   1. pipe(): the kernel will write into one end, a thread reads the other
 *   2. a new thread, with the caller's attributes, waits in read() on it
 *   3. the caller registers with the kernel (SYS_mq_notify, SYS_timer_create)
 *      giving the write end in sigev_signo: the kernel takes its own
 *      reference, and the caller closes its, so the kernel holds the only one
 *   the event: the kernel writes sigev_value into the pipe; the thread reads
 *     it and runs the function (once, or again for each value: `repeat`)
 *   the registration goes (mq_notify(NULL), close, timer_delete, exit, or
 *     step 3 failed): the kernel drops the write end; the thread reads end
 *     of file and exits
 *
 * The thread is made before the registration, so nothing can fire before
 * someone reads. It is detached: nobody joins it. It waits with every
 * signal blocked (a signal for the process is not for it), and runs the
 * function under the mask it started with, the caller's. */
#include "sigev_thread.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

/* What the waiting thread needs; it frees it. */
struct sigev_thread {
    int pipe;                                 /* the read end */
    int repeat;
    void (*function)(union sigval);
};

/* Reads one value; 0 at end of file (or a short read: the kernel writes
 * whole values). */
static int read_value(int pipe, union sigval *value)
{
    ssize_t got;
    do
        got = read(pipe, value, sizeof *value);
    while (got < 0 && errno == EINTR);
    return got == (ssize_t)sizeof *value;
}

/* The waiting thread: values and the function, until end of file. */
static void *wait_for_values(void *argument)
{
    struct sigev_thread *thread = argument;
    sigset_t every_signal, caller_mask;
    sigfillset(&every_signal);
    pthread_sigmask(SIG_SETMASK, &every_signal, &caller_mask);
    union sigval value;
    int more = 1;
    while (more && read_value(thread->pipe, &value)) {
        more = thread->repeat;
        pthread_sigmask(SIG_SETMASK, &caller_mask, 0);
        thread->function(value);
        pthread_sigmask(SIG_SETMASK, &every_signal, 0);
    }
    close(thread->pipe);
    free(thread);
    return 0;
}

int sigev_thread_start(const struct sigevent *event, int repeat, int *write_end)
{
    int ends[2];
    if (pipe(ends) < 0)
        return -1;
    fcntl(ends[0], F_SETFD, FD_CLOEXEC);      /* a program exec'd later knows nothing of them */
    fcntl(ends[1], F_SETFD, FD_CLOEXEC);
    struct sigev_thread *thread = malloc(sizeof *thread);
    pthread_attr_t detached;
    pthread_attr_init(&detached);
    pthread_attr_setdetachstate(&detached, PTHREAD_CREATE_DETACHED);
    const pthread_attr_t *attributes = event->sigev_notify_attributes ?
        (const pthread_attr_t *)event->sigev_notify_attributes : &detached;
    int error = thread ? 0 : ENOMEM;
    pthread_t id;
    if (thread) {
        thread->pipe = ends[0];
        thread->repeat = repeat;
        thread->function = event->sigev_notify_function;
        error = pthread_create(&id, attributes, wait_for_values, thread);
    }
    if (error) {
        free(thread);
        close(ends[0]);
        close(ends[1]);
        errno = error;
        return -1;
    }
    int state = PTHREAD_CREATE_DETACHED;
    pthread_attr_getdetachstate(attributes, &state);
    if (state != PTHREAD_CREATE_DETACHED)
        pthread_detach(id);
    *write_end = ends[1];
    return 0;
}

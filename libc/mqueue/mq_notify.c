/* libc/mqueue/mq_notify.c - mq_notify. SIGEV_SIGNAL and SIGEV_NONE are the
 * kernel's alone; SIGEV_THREAD is built here, as glibc builds it on Linux
 * (there with a netlink socket, here with a pipe):
 *
 *   mq_notify(queue, SIGEV_THREAD, f, v, attributes)
 *     1. pipe(): the kernel will write into one end, a thread reads the other
 *     2. a new thread, with the caller's attributes, waits in read() on it
 *     3. SYS_mq_notify(queue, { v, write end, SIGEV_THREAD }): the kernel's
 *        registration takes its own reference to the write end, and we
 *        close ours, so that the kernel holds the only one
 *   a message into the empty queue: the kernel writes v into the pipe and
 *     drops the write end; the thread reads v, and runs f(v) (once)
 *   the registration goes otherwise (mq_notify(queue, NULL), close, exit,
 *     or step 3 failed): the kernel drops the write end without writing;
 *     the thread reads end of file and exits without running f
 *
 * The thread is made before the registration, so nothing can fire before
 * someone reads. It is detached: nobody joins it. It waits with every
 * signal blocked (a signal for the process is not for it), and runs f under
 * the mask it started with, the caller's. */
#include <mqueue.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "../syscall.h"

_Static_assert(sizeof(struct sigevent) == sizeof(struct kernel_sigevent) && sizeof(struct sigevent) == 64,
               "struct sigevent is Linux's 64 bytes, as the kernel reads it");

/* What the waiting thread needs; it frees it. */
struct notification_thread {
    int pipe;                                 /* the read end */
    void (*function)(union sigval);
};

/* The waiting thread: the value or end of file, then the function or not. */
static void *wait_for_notification(void *argument)
{
    struct notification_thread *thread = argument;
    sigset_t every_signal, caller_mask;
    sigfillset(&every_signal);
    pthread_sigmask(SIG_SETMASK, &every_signal, &caller_mask);
    union sigval value;
    ssize_t got;
    do
        got = read(thread->pipe, &value, sizeof value);
    while (got < 0 && errno == EINTR);
    close(thread->pipe);
    void (*function)(union sigval) = thread->function;
    free(thread);
    if (got != (ssize_t)sizeof value)
        return 0;                             /* the registration went: nothing to run */
    pthread_sigmask(SIG_SETMASK, &caller_mask, 0);
    function(value);
    return 0;
}

/* Starts the waiting thread on a new pipe; the write end in *write_end.
 * 0, or -1 with errno (EMFILE, ENOMEM, EAGAIN). */
static int start_notification_thread(const struct sigevent *notification, int *write_end)
{
    int ends[2];
    if (pipe(ends) < 0)
        return -1;
    fcntl(ends[0], F_SETFD, FD_CLOEXEC);      /* a program exec'd later knows nothing of them */
    fcntl(ends[1], F_SETFD, FD_CLOEXEC);
    struct notification_thread *thread = malloc(sizeof *thread);
    pthread_attr_t detached;
    pthread_attr_init(&detached);
    pthread_attr_setdetachstate(&detached, PTHREAD_CREATE_DETACHED);
    const pthread_attr_t *attributes = notification->sigev_notify_attributes ?
        (const pthread_attr_t *)notification->sigev_notify_attributes : &detached;
    int error = thread ? 0 : ENOMEM;
    pthread_t id;
    if (thread) {
        thread->pipe = ends[0];
        thread->function = notification->sigev_notify_function;
        error = pthread_create(&id, attributes, wait_for_notification, thread);
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

int mq_notify(mqd_t queue, const struct sigevent *notification)
{
    if (!notification || notification->sigev_notify != SIGEV_THREAD)
        return syscall_result(syscall2(SYS_mq_notify, queue, (long)notification));
    int write_end;
    if (start_notification_thread(notification, &write_end) < 0)
        return -1;
    struct kernel_sigevent request = {
        .value.sival_ptr = (unsigned long)notification->sigev_value.sival_ptr,
        .signo = write_end,
        .notify = SIGEV_THREAD,
    };
    long result = syscall2(SYS_mq_notify, queue, (long)&request);
    close(write_end);                         /* the kernel's registration holds its own */
    return syscall_result(result);
}

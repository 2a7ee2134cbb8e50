/* libc/aio/aio_notify.c - telling a process that its asynchronous I/O
 * is done, as its struct sigevent asks (sigevent(7)):
 *
 *   SIGEV_NONE    nothing: the caller asks aio_error, or sleeps in aio_suspend
 *   SIGEV_SIGNAL  sigev_signo to the process, with si_code SI_ASYNCIO and
 *                 si_value sigev_value (sigqueue(2)'s fourth argument)
 *   SIGEV_THREAD  sigev_notify_function(sigev_value) in a new thread made
 *                 with sigev_notify_attributes, as glibc does
 *
 * The request is marked done before its notification goes: a handler that
 * asks aio_error finds the answer. */
#include "aio_internal.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "../syscall.h"

#define QUEUE_FULL_RETRY_NS 10000000L   /* 10 ms */

struct notification {
    void (*function)(union sigval);
    union sigval value;
};

static void *run_notification(void *argument)
{
    struct notification notification = *(struct notification *)argument;
    free(argument);
    notification.function(notification.value);
    return 0;
}

/* The function in a thread of its own; in the calling worker if no thread
 * can be made, so that it runs all the same. */
static void notify_by_thread(const struct sigevent *event)
{
    pthread_attr_t attributes;
    if (event->sigev_notify_attributes)
        attributes = *(const pthread_attr_t *)event->sigev_notify_attributes;
    else
        pthread_attr_init(&attributes);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);   /* nobody joins it */
    struct notification *notification = malloc(sizeof *notification);
    pthread_t id;
    if (notification) {
        notification->function = event->sigev_notify_function;
        notification->value = event->sigev_value;
        if (pthread_create(&id, &attributes, run_notification, notification) == 0)
            return;
        free(notification);
    }
    event->sigev_notify_function(event->sigev_value);
}

/* The signal, queued to the process. A real-time signal finds its queue
 * full (EAGAIN) only while the process leaves 128 signals untaken: the
 * worker waits for room rather than lose the notification. */
static void notify_by_signal(const struct sigevent *event)
{
    if (event->sigev_signo <= 0 || event->sigev_signo >= NSIG)
        return;
    struct timespec pause = { 0, QUEUE_FULL_RETRY_NS };
    while (syscall4(SYS_sigqueue, getpid(), event->sigev_signo, event->sigev_value.sival_int, SI_ASYNCIO) == -EAGAIN)
        nanosleep(&pause, 0);
}

void aio_notify(const struct sigevent *event)
{
    if (event->sigev_notify == SIGEV_SIGNAL)
        notify_by_signal(event);
    else if (event->sigev_notify == SIGEV_THREAD && event->sigev_notify_function)
        notify_by_thread(event);
}

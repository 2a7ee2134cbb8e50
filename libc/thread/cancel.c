/* libc/thread/cancel.c - pthread_cancel: deferred cancellation at the
 * cancellation points, and the cleanup handlers.
 *
 * pthread_cancel marks the target's control block (for pthread_testcancel)
 * and tells the kernel (thread_cancel(2)), which ends the target's
 * cancellation point with -ECANCELED, or the next one it enters; the
 * wrapper then calls __thread_act_on_cancel. The wrappers that are
 * cancellation points: read, write, open, waitpid/wait, nanosleep and the
 * sleeps, pause, sigsuspend, msgsnd, msgrcv, semop, mq_send, mq_receive
 * and their timed forms, sem_wait, sem_timedwait, pthread_cond_wait and
 * timedwait, pthread_join, accept, connect, send/sendto, recv/recvfrom,
 * msg_recv, msg_call, mbox_send, mbox_recv, and pthread_testcancel.
 * Asynchronous cancellation is not provided (pthread_setcanceltype). */
#include <errno.h>
#include <pthread.h>

#include "thread_internal.h"

void __thread_update_cancel_mark(struct __pthread *self)
{
    self->cancel_mark = __libc_threaded && !self->cancel_disabled ? SYSCALL_CANCEL_POINT : 0;
}

int pthread_cancel(pthread_t thread)
{
    thread->cancel_requested = 1;
    if (!__libc_threaded) {              /* a thread cancelling itself, the only one */
        __libc_threaded = 1;
        __thread_update_cancel_mark(thread_self());
    }
    long result = syscall1(SYS_thread_cancel, thread_tid(thread));
    /* ESRCH: it has ended, not yet joined; POSIX lets that succeed */
    return result == -ESRCH ? 0 : (int)-result;
}

int pthread_setcancelstate(int state, int *old_state)
{
    if (state != PTHREAD_CANCEL_ENABLE && state != PTHREAD_CANCEL_DISABLE)
        return EINVAL;
    struct __pthread *self = thread_self();
    if (old_state)
        *old_state = self->cancel_disabled ? PTHREAD_CANCEL_DISABLE : PTHREAD_CANCEL_ENABLE;
    self->cancel_disabled = state == PTHREAD_CANCEL_DISABLE;
    __thread_update_cancel_mark(self);
    return 0;
}

int pthread_setcanceltype(int type, int *old_type)
{
    if (type != PTHREAD_CANCEL_DEFERRED && type != PTHREAD_CANCEL_ASYNCHRONOUS)
        return EINVAL;
    if (old_type)
        *old_type = PTHREAD_CANCEL_DEFERRED;
    return type == PTHREAD_CANCEL_DEFERRED ? 0 : ENOTSUP;   /* asynchronous: not provided */
}

void pthread_testcancel(void)
{
    struct __pthread *self = thread_self();
    if (self->cancel_requested && !self->cancel_disabled)
        __thread_act_on_cancel();
}

void __thread_act_on_cancel(void)
{
    struct __pthread *self = thread_self();
    self->cancel_disabled = 1;           /* the cleanup handlers' own calls go on */
    __thread_update_cancel_mark(self);
    pthread_exit(PTHREAD_CANCELED);
}

void __pthread_cleanup_push(struct __pthread_cleanup *handler, void (*routine)(void *), void *argument)
{
    struct __pthread *self = thread_self();
    handler->routine = routine;
    handler->argument = argument;
    handler->previous = self->cleanup;
    self->cleanup = handler;
}

void __pthread_cleanup_pop(struct __pthread_cleanup *handler, int execute)
{
    thread_self()->cleanup = handler->previous;
    if (execute)
        handler->routine(handler->argument);
}

void __thread_run_cleanup_handlers(struct __pthread *self)
{
    while (self->cleanup) {
        struct __pthread_cleanup *handler = self->cleanup;
        self->cleanup = handler->previous;
        handler->routine(handler->argument);
    }
}

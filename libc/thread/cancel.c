/* libc/thread/cancel.c - pthread_cancel: deferred cancellation at the
 * cancellation points, asynchronous cancellation, and the cleanup
 * handlers.
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
 *
 * Asynchronous cancellation is the kernel's too: while a thread's type is
 * PTHREAD_CANCEL_ASYNCHRONOUS and its cancellation enabled, the kernel
 * knows it (thread_cancel(0, THREAD_CANCEL_ASYNCHRONOUS, entry)), and a
 * request sends the thread, wherever it is, into cancel_entry below as if
 * it had called it (thread_cancel(2)). The kernel is told only when that
 * pair changes, and in an order that never lets it act on a thread whose
 * cancellation is disabled. */
#include <errno.h>
#include <pthread.h>

#include "thread_internal.h"

void __thread_update_cancel_mark(struct __pthread *self)
{
    self->cancel_mark = __libc_threaded && !self->cancel_disabled ? SYSCALL_CANCEL_POINT : 0;
}

/* Where the kernel sends a thread cancelled asynchronously, on its own
 * stack, the interrupted address as the return address. The kernel has
 * put the thread back to deferred as it did so. */
static void __attribute__((noreturn, used)) cancel_entry(void)
{
    thread_self()->cancel_async_in_kernel = 0;
    __thread_act_on_cancel();
}

/* Sets the calling thread's cancellation state and type, telling the
 * kernel when "asynchronous and enabled" changes: before the new state is
 * written when it stops (the kernel must not act once the thread says it
 * is disabled), after when it starts (a request that waited is acted on
 * as this call returns: it does not return then). */
static void set_state_and_type(struct __pthread *self, int disabled, int asynchronous)
{
    int acts_at_once = asynchronous && !disabled;
    if (!acts_at_once && self->cancel_async_in_kernel) {
        syscall3(SYS_thread_cancel, 0, THREAD_CANCEL_DEFERRED, 0);
        self->cancel_async_in_kernel = 0;
    }
    self->cancel_disabled = disabled;
    self->cancel_asynchronous = asynchronous;
    __thread_update_cancel_mark(self);
    if (acts_at_once && !self->cancel_async_in_kernel) {
        self->cancel_async_in_kernel = 1;
        syscall3(SYS_thread_cancel, 0, THREAD_CANCEL_ASYNCHRONOUS, (long)cancel_entry);
    }
}

int pthread_cancel(pthread_t thread)
{
    thread->cancel_requested = 1;
    if (!__libc_threaded) {              /* a thread cancelling itself, the only one */
        __libc_threaded = 1;
        __thread_update_cancel_mark(thread_self());
    }
    long result = syscall3(SYS_thread_cancel, thread_tid(thread), THREAD_CANCEL_REQUEST, 0);
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
    set_state_and_type(self, state == PTHREAD_CANCEL_DISABLE, self->cancel_asynchronous);
    return 0;
}

int pthread_setcanceltype(int type, int *old_type)
{
    if (type != PTHREAD_CANCEL_DEFERRED && type != PTHREAD_CANCEL_ASYNCHRONOUS)
        return EINVAL;
    struct __pthread *self = thread_self();
    if (old_type)
        *old_type = self->cancel_asynchronous ? PTHREAD_CANCEL_ASYNCHRONOUS : PTHREAD_CANCEL_DEFERRED;
    set_state_and_type(self, self->cancel_disabled, type == PTHREAD_CANCEL_ASYNCHRONOUS);
    return 0;
}

void pthread_testcancel(void)
{
    struct __pthread *self = thread_self();
    if (self->cancel_requested && !self->cancel_disabled)
        __thread_act_on_cancel();
}

void __thread_act_on_cancel(void)
{
    pthread_exit(PTHREAD_CANCELED);
}

void __thread_cancel_exiting(struct __pthread *self)
{
    set_state_and_type(self, 1, self->cancel_asynchronous);
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

/* libc/thread/signal.c - signals and threads: pthread_kill sends to one
 * thread (the kernel's tkill); pthread_sigmask sets the calling thread's
 * mask, which is what sigprocmask does here too (masks are per thread). */
#include <errno.h>
#include <pthread.h>
#include <signal.h>

#include "thread_internal.h"

/* A thread that has ended but is not yet joined still has a valid id
 * (POSIX): the call succeeds and sends nothing, whatever the signal, as
 * glibc does since 2.34 (its tid may already be another thread's). */
int pthread_kill(pthread_t thread, int signal)
{
    if (!thread->alive)
        return 0;
    long result = syscall2(SYS_tkill, thread_tid(thread), signal);
    return result < 0 ? (int)-result : 0;
}

int pthread_sigmask(int how, const sigset_t *set, sigset_t *old)
{
    return sigprocmask(how, set, old) < 0 ? errno : 0;
}

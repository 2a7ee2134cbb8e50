/* libc/thread/signal.c - signals and threads: pthread_kill sends to one
 * thread (the kernel's tkill); pthread_sigmask sets the calling thread's
 * mask, which is what sigprocmask does here too (masks are per thread). */
#include <errno.h>
#include <pthread.h>
#include <signal.h>

#include "thread_internal.h"

int pthread_kill(pthread_t thread, int signal)
{
    long result = syscall2(SYS_tkill, thread_tid(thread), signal);
    return result < 0 ? (int)-result : 0;
}

int pthread_sigmask(int how, const sigset_t *set, sigset_t *old)
{
    return sigprocmask(how, set, old) < 0 ? errno : 0;
}

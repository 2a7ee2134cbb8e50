/* libc/signal/kill.c - sending signals. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include "../syscall.h"

/* Sends `signal` to process `pid` (> 0), to process group -pid (< -1), to
 * this process's group (0), or to every process that may receive it (-1). */
int kill(pid_t pid, int signal)
{
    return syscall_result(syscall2(SYS_kill, pid, signal));
}

/* Sends `signal` to every process of group `process_group` (> 1). */
int killpg(pid_t process_group, int signal)
{
    if (process_group < 0) {
        errno = EINVAL;
        return -1;
    }
    return kill(-process_group, signal);
}

/* Sends `signal` with `value` to process `pid`: queued if it is a
 * real-time signal, and what a SA_SIGINFO handler or sigwaitinfo sees as
 * si_value, with si_code SI_QUEUE. EAGAIN when the receiver has as many
 * queued as it may hold. */
int sigqueue(pid_t pid, int signal, const union sigval value)
{
    return syscall_result(syscall4(SYS_sigqueue, pid, signal, value.sival_int, SI_QUEUE));
}

/* Sends `signal` to the calling thread (as Linux's raise does, through
 * pthread_kill, so another thread never takes it); a handler it runs has
 * returned when raise does. 0, or -1 with EINVAL for a bad signal. */
int raise(int signal)
{
    int error = pthread_kill(pthread_self(), signal);
    if (error) {
        errno = error;
        return -1;
    }
    return 0;
}

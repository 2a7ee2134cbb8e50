/* libc/signal/sigset.c - sets of signals: one bit each. */
#include <errno.h>
#include <signal.h>

static int bad_signal(int signal)
{
    if (signal > 0 && signal < NSIG)
        return 0;
    errno = EINVAL;
    return 1;
}

int sigemptyset(sigset_t *set)
{
    *set = 0;
    return 0;
}

int sigfillset(sigset_t *set)
{
    *set = ~0ull;
    return 0;
}

int sigaddset(sigset_t *set, int signal)
{
    if (bad_signal(signal))
        return -1;
    *set |= 1ull << (signal - 1);
    return 0;
}

int sigdelset(sigset_t *set, int signal)
{
    if (bad_signal(signal))
        return -1;
    *set &= ~(1ull << (signal - 1));
    return 0;
}

int sigismember(const sigset_t *set, int signal)
{
    if (bad_signal(signal))
        return -1;
    return (int)((*set >> (signal - 1)) & 1);
}

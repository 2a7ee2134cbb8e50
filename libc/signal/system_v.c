/* libc/signal/system_v.c - System V's signal calls, on sigaction and
 * sigprocmask: sigset (signal() that may also hold a signal), sighold,
 * sigrelse, sigignore, sigpause. POSIX describes them (obsolescent). */
#include <errno.h>
#include <signal.h>

static int change_mask(int how, int signal)
{
    sigset_t set;
    sigemptyset(&set);
    if (sigaddset(&set, signal) < 0)
        return -1;
    return sigprocmask(how, &set, 0);
}

int sighold(int signal)
{
    return change_mask(SIG_BLOCK, signal);
}

int sigrelse(int signal)
{
    return change_mask(SIG_UNBLOCK, signal);
}

int sigignore(int signal)
{
    struct sigaction action = { .sa_handler = SIG_IGN };
    return sigaction(signal, &action, 0);
}

/* Waits for a signal with `signal` unblocked; -1 with EINTR, as
 * sigsuspend. */
int sigpause(int signal)
{
    sigset_t mask;
    if (sigprocmask(SIG_BLOCK, 0, &mask) < 0 || sigdelset(&mask, signal) < 0)
        return -1;
    return sigsuspend(&mask);
}

/* SIG_HOLD adds `signal` to the mask and leaves its disposition; any
 * other handler is installed and `signal` unblocked. Returns SIG_HOLD if
 * it was blocked before, else its previous disposition; SIG_ERR on error. */
sighandler_t sigset(int signal, sighandler_t handler)
{
    sigset_t set, old_mask;
    struct sigaction old;
    sigemptyset(&set);
    if (sigaddset(&set, signal) < 0 || handler == SIG_ERR || sigaction(signal, 0, &old) < 0) {
        errno = EINVAL;
        return SIG_ERR;
    }
    if (handler == SIG_HOLD) {
        if (sigprocmask(SIG_BLOCK, &set, &old_mask) < 0)
            return SIG_ERR;
    } else {
        struct sigaction action = { .sa_handler = handler };
        if (sigaction(signal, &action, 0) < 0 || sigprocmask(SIG_UNBLOCK, &set, &old_mask) < 0)
            return SIG_ERR;
    }
    return sigismember(&old_mask, signal) ? SIG_HOLD : old.sa_handler;
}

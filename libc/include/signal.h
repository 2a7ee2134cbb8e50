/* libc/include/signal.h - signals: numbers (kernel/uapi/signal.h), sending,
 * catching, blocking and waiting. */
#ifndef LIBC_INCLUDE_SIGNAL_H
#define LIBC_INCLUDE_SIGNAL_H

#include <sys/types.h>
#include <uapi/signal.h>

typedef int sig_atomic_t;             /* read and written by one instruction */
typedef unsigned long sigset_t;       /* bit N-1 stands for signal N */
typedef void (*sighandler_t)(int);

#define SIG_DFL ((sighandler_t)SIG_DFL_VALUE)
#define SIG_IGN ((sighandler_t)SIG_IGN_VALUE)
#define SIG_ERR ((sighandler_t)-1)

struct sigaction {
    sighandler_t sa_handler;
    sigset_t sa_mask;                 /* also blocked while the handler runs */
    int sa_flags;                     /* SA_RESTART, SA_NODEFER, SA_RESETHAND, SA_NOCLDSTOP */
};

int kill(pid_t pid, int signal);
int raise(int signal);
sighandler_t signal(int signal, sighandler_t handler);
int sigaction(int signal, const struct sigaction *action, struct sigaction *old);
int sigprocmask(int how, const sigset_t *set, sigset_t *old);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int signal);
int sigdelset(sigset_t *set, int signal);
int sigismember(const sigset_t *set, int signal);

/* Signal names without "SIG" ("SEGV" <-> 11), as POSIX.1-2024 has them;
 * strsignal (<string.h>) gives the description ("Segmentation fault"). */
#define SIG2STR_MAX 32                /* bytes sig2str may write, the NUL included */
int sig2str(int signal, char *name);
int str2sig(const char *name, int *signal);

#endif

/* libc/include/signal.h - signals: numbers (kernel/uapi/signal.h), sending,
 * catching, blocking and waiting; real-time signals with a value; the
 * alternate stack; and the old System V calls (sigset, sighold, ...). */
#ifndef LIBC_INCLUDE_SIGNAL_H
#define LIBC_INCLUDE_SIGNAL_H

#include <stddef.h>
#include <sys/types.h>
#include <time.h>
#include <uapi/signal.h>

typedef int sig_atomic_t;             /* read and written by one instruction */
typedef unsigned long long sigset_t;  /* bit N-1 stands for signal N (1 .. 64) */
typedef void (*sighandler_t)(int);

#define SIG_DFL  ((sighandler_t)SIG_DFL_VALUE)
#define SIG_IGN  ((sighandler_t)SIG_IGN_VALUE)
#define SIG_ERR  ((sighandler_t)-1)
#define SIG_HOLD ((sighandler_t)2)    /* sigset: block the signal instead */

/* What sigqueue, mq_notify and timers attach to a signal (union sigval),
 * and how an event asks for a signal (struct sigevent, SIGEV_*). */
#include <bits/sigevent.h>

/* What a signal carries (SA_SIGINFO handlers, sigwaitinfo): the same
 * bytes as the kernel's struct kernel_siginfo (Linux's layout). */
typedef struct {
    int si_signo;
    int si_errno;
    int si_code;                      /* SI_USER, SI_QUEUE, SI_MESGQ, CLD_EXITED, SEGV_MAPERR, ... */
    union {
        struct {
            pid_t pid;
            uid_t uid;
            union sigval value;
        } sender;                     /* kill, sigqueue, mq_notify */
        struct {
            int timerid;
            int overrun;
            union sigval value;
        } timer;                      /* SI_TIMER: a POSIX timer's */
        struct {
            pid_t pid;
            uid_t uid;
            int status;
        } child;                      /* SIGCHLD */
        struct {
            void *address;
        } fault;                      /* SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP */
        struct {
            long band;
            int fd;
        } poll;                       /* SIGPOLL */
        int pad[29];
    } si_fields;
} siginfo_t;
#define si_pid    si_fields.sender.pid
#define si_uid    si_fields.sender.uid
#define si_value  si_fields.sender.value
#define si_int    si_fields.sender.value.sival_int
#define si_ptr    si_fields.sender.value.sival_ptr
#define si_status si_fields.child.status
#define si_timerid si_fields.timer.timerid
#define si_overrun si_fields.timer.overrun
#define si_addr   si_fields.fault.address
#define si_band   si_fields.poll.band
#define si_fd     si_fields.poll.fd

struct sigaction {
    union {
        void (*handler)(int);
        void (*action)(int, siginfo_t *, void *);   /* with SA_SIGINFO */
    } sa_handler_or_action;
    sigset_t sa_mask;                 /* also blocked while the handler runs */
    int sa_flags;                     /* SA_SIGINFO, SA_RESTART, SA_ONSTACK, SA_NODEFER, ... */
};
#define sa_handler   sa_handler_or_action.handler
#define sa_sigaction sa_handler_or_action.action

/* An alternate signal stack (sigaltstack). */
typedef struct {
    void *ss_sp;
    int ss_flags;                     /* SS_ONSTACK, SS_DISABLE */
    size_t ss_size;
} stack_t;

/* The interrupted state a handler's third argument points to
 * (ucontext_t): gregs[REG_EIP] is where the program resumes. */
typedef int greg_t;
#define NGREG 19
typedef greg_t gregset_t[NGREG];
enum {
    REG_GS, REG_FS, REG_ES, REG_DS, REG_EDI, REG_ESI, REG_EBP, REG_ESP, REG_EBX, REG_EDX,
    REG_ECX, REG_EAX, REG_TRAPNO, REG_ERR, REG_EIP, REG_CS, REG_EFL, REG_UESP, REG_SS,
};
typedef void *fpregset_t;
typedef struct {
    gregset_t gregs;
    fpregset_t fpregs;
    unsigned long oldmask;
    unsigned long cr2;
} mcontext_t;
typedef struct ucontext_t {
    unsigned long uc_flags;
    struct ucontext_t *uc_link;
    stack_t uc_stack;
    mcontext_t uc_mcontext;
    sigset_t uc_sigmask;
} ucontext_t;

int kill(pid_t pid, int signal);
int killpg(pid_t process_group, int signal);
int raise(int signal);
int sigqueue(pid_t pid, int signal, const union sigval value);
sighandler_t signal(int signal, sighandler_t handler);
int sigaction(int signal, const struct sigaction *action, struct sigaction *old);
int sigprocmask(int how, const sigset_t *set, sigset_t *old);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);
int sigwait(const sigset_t *set, int *signal);
int sigwaitinfo(const sigset_t *set, siginfo_t *info);
int sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout);
int sigaltstack(const stack_t *stack, stack_t *old);
int siginterrupt(int signal, int interrupt);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int signal);
int sigdelset(sigset_t *set, int signal);
int sigismember(const sigset_t *set, int signal);

/* System V's older interface (POSIX marks it obsolescent; programs still
 * use it): sigset is signal() that can also hold a signal, sighold and
 * sigrelse block and unblock one, sigignore ignores one, sigpause waits
 * with one unblocked. */
sighandler_t sigset(int signal, sighandler_t handler);
int sighold(int signal);
int sigrelse(int signal);
int sigignore(int signal);
int sigpause(int signal);

/* Signal names without "SIG" ("SEGV" <-> 11, "RTMIN+1" <-> 35), as
 * POSIX.1-2024 has them; strsignal (<string.h>) gives the description
 * ("Segmentation fault"); psignal and psiginfo print it. */
#define SIG2STR_MAX 32                /* bytes sig2str may write, the NUL included */
int sig2str(int signal, char *name);
int str2sig(const char *name, int *signal);
void psignal(int signal, const char *message);
void psiginfo(const siginfo_t *info, const char *message);

#endif

/* kernel/uapi/signal.h - signal numbers (Linux i386, signal(7)). */
#ifndef KERNEL_UAPI_SIGNAL_H
#define KERNEL_UAPI_SIGNAL_H

#define SIGHUP     1
#define SIGINT     2
#define SIGQUIT    3
#define SIGILL     4
#define SIGTRAP    5
#define SIGABRT    6
#define SIGIOT     6
#define SIGBUS     7
#define SIGFPE     8
#define SIGKILL    9
#define SIGUSR1   10
#define SIGSEGV   11
#define SIGUSR2   12
#define SIGPIPE   13
#define SIGALRM   14
#define SIGTERM   15
#define SIGSTKFLT 16
#define SIGCHLD   17
#define SIGCONT   18
#define SIGSTOP   19
#define SIGTSTP   20
#define SIGTTIN   21
#define SIGTTOU   22
#define SIGURG    23
#define SIGXCPU   24
#define SIGXFSZ   25
#define SIGVTALRM 26
#define SIGPROF   27
#define SIGWINCH  28
#define SIGIO     29
#define SIGPWR    30
#define SIGSYS    31
#define NSIG      32   /* signals are 1 .. NSIG-1 */

/* sigprocmask's `how` */
#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* sa_flags (Linux's values) */
#define SA_NOCLDSTOP 0x00000001   /* no SIGCHLD when a child stops */
#define SA_RESTART   0x10000000   /* restart system calls the signal interrupted */
#define SA_NODEFER   0x40000000   /* do not mask the signal while its handler runs */
#define SA_RESETHAND 0x80000000   /* back to SIG_DFL once delivered */

/* dispositions */
#define SIG_DFL_VALUE 0u
#define SIG_IGN_VALUE 1u

/* What SYS_sigaction takes and gives. A set of signals is one 32-bit word:
 * bit (N-1) stands for signal N. */
struct kernel_sigaction {
    unsigned long handler;     /* SIG_DFL_VALUE, SIG_IGN_VALUE or a function's address */
    unsigned long mask;        /* blocked while the handler runs */
    unsigned long flags;       /* SA_* */
};

/* What a signal carries besides its number (siginfo_t in <signal.h>,
 * Linux's i386 layout: 128 bytes). */
union kernel_sigval {
    int sival_int;
    unsigned long sival_ptr;
};

struct kernel_siginfo {
    int signo;
    int errno_value;
    int code;                          /* SI_* or a signal's own code below */
    union {
        struct {
            int pid;                   /* the sender, or the child for SIGCHLD */
            unsigned uid;              /* its real user id */
            union kernel_sigval value; /* sigqueue, mq_notify, timers; SIGCHLD: the child's status */
        } sender;
        struct {
            unsigned long address;     /* SIGSEGV, SIGBUS, SIGILL, SIGFPE: where */
        } fault;
        struct {
            long band;                 /* SIGPOLL: POLL_* events */
            int fd;
        } poll;
        int pad[29];
    } fields;
};

/* si_code: who or what sent the signal */
#define SI_USER      0       /* kill, raise */
#define SI_KERNEL    0x80
#define SI_QUEUE    (-1)     /* sigqueue */
#define SI_TIMER    (-2)
#define SI_MESGQ    (-3)     /* a message arrived on an empty POSIX queue (mq_notify) */
#define SI_ASYNCIO  (-4)
#define SI_SIGIO    (-5)
#define SI_TKILL    (-6)     /* pthread_kill */

/* Where a handler's frame keeps the interrupted state (the user stack
 * during delivery: see docs/signals.md). */
struct signal_context {
    unsigned long gs, fs, es, ds;
    unsigned long edi, esi, ebp, esp, ebx, edx, ecx, eax;
    unsigned long eip, cs, eflags, ss;
    unsigned long blocked;     /* the mask to restore */
    unsigned char fpu[108];    /* x87 state (FSAVE format) */
};

#endif

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
#define SIGCLD    SIGCHLD   /* System V's name of it, as Linux keeps it */
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
#define SIGPOLL   SIGIO   /* System V's name for it (POSIX XSI) */
#define SIGPWR    30
#define SIGSYS    31
/* Real-time signals (POSIX): queued, one entry per send, with a value.
 * Signals 32 and 33 exist, as on Linux, but programs use SIGRTMIN (34)
 * to SIGRTMAX (64) as Linux's C library gives them. */
#define SIGNAL_FIRST_QUEUED 32   /* from here on every send is queued */
#define SIGRTMIN  34
#define SIGRTMAX  64
#define NSIG      65   /* signals are 1 .. NSIG-1 */

/* sigprocmask's `how` */
#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* sa_flags (Linux's values) */
#define SA_NOCLDSTOP 0x00000001   /* no SIGCHLD when a child stops or continues */
#define SA_NOCLDWAIT 0x00000002   /* children leave no zombies (SIGCHLD only) */
#define SA_SIGINFO   0x00000004   /* handler(signal, siginfo_t *, ucontext_t *) */
#define SA_RESTORER  0x04000000   /* the handler returns into `restorer` (below) */
#define SA_ONSTACK   0x08000000   /* run the handler on the alternate stack (sigaltstack) */
#define SA_RESTART   0x10000000   /* restart system calls the signal interrupted */
#define SA_NODEFER   0x40000000   /* do not mask the signal while its handler runs */
#define SA_RESETHAND 0x80000000   /* back to SIG_DFL once delivered */

/* dispositions */
#define SIG_DFL_VALUE 0u
#define SIG_IGN_VALUE 1u

/* What SYS_sigaction takes and gives. A set of signals is 64 bits: bit
 * (N-1) stands for signal N. */
struct kernel_sigaction {
    unsigned long handler;     /* SIG_DFL_VALUE, SIG_IGN_VALUE or a function's address */
    unsigned long flags;       /* SA_* */
    unsigned long long mask;   /* blocked while the handler runs */
    /* SA_RESTORER: where the handler returns, the C library's sigreturn
     * stub (libc/signal/catch.c), as Linux's i386 C libraries give it.
     * Without it the handler returns into the trampoline the kernel
     * writes into each frame: code on the stack, new with every frame,
     * which a CPU emulator such as QEMU's TCG must translate again each
     * time (docs/signals.md). */
    unsigned long restorer;
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
#define SI_KERNEL    0x80    /* the kernel itself: a terminal's Ctrl-C, alarm, a broken pipe */
#define SI_QUEUE    (-1)     /* sigqueue */
#define SI_TIMER    (-2)
#define SI_MESGQ    (-3)     /* a message arrived on an empty POSIX queue (mq_notify) */
#define SI_ASYNCIO  (-4)
#define SI_SIGIO    (-5)
#define SI_TKILL    (-6)     /* pthread_kill */

/* si_code of the signals the kernel raises for a reason (Linux's values) */
#define ILL_ILLOPC 1         /* SIGILL: illegal opcode */
#define ILL_ILLOPN 2
#define ILL_ILLADR 3
#define ILL_ILLTRP 4
#define ILL_PRVOPC 5         /* privileged opcode */
#define ILL_PRVREG 6
#define ILL_COPROC 7
#define ILL_BADSTK 8
#define FPE_INTDIV 1         /* SIGFPE: integer divide by zero */
#define FPE_INTOVF 2
#define FPE_FLTDIV 3
#define FPE_FLTOVF 4
#define FPE_FLTUND 5
#define FPE_FLTRES 6
#define FPE_FLTINV 7
#define FPE_FLTSUB 8
#define SEGV_MAPERR 1        /* SIGSEGV: nothing mapped there */
#define SEGV_ACCERR 2        /* mapped, but not for this access */
#define BUS_ADRALN 1         /* SIGBUS: misaligned address */
#define BUS_ADRERR 2         /* no such physical address (past a file's end) */
#define BUS_OBJERR 3
#define TRAP_BRKPT 1         /* SIGTRAP: a breakpoint */
#define TRAP_TRACE 2
#define CLD_EXITED 1         /* SIGCHLD: the child exited, si_status its exit code */
#define CLD_KILLED 2         /* ... killed by signal si_status */
#define CLD_DUMPED 3
#define CLD_TRAPPED 4
#define CLD_STOPPED 5        /* ... stopped by signal si_status */
#define CLD_CONTINUED 6
#define POLL_IN  1           /* SIGPOLL */
#define POLL_OUT 2
#define POLL_MSG 3
#define POLL_ERR 4
#define POLL_PRI 5
#define POLL_HUP 6

/* sigaltstack (stack_t in <signal.h>) */
struct kernel_stack {
    unsigned long base;        /* ss_sp: its lowest address */
    int flags;                 /* SS_ONSTACK (read only), SS_DISABLE */
    unsigned long size;        /* ss_size */
};
#define SS_ONSTACK  1          /* the thread runs on it now */
#define SS_DISABLE  2          /* there is none */
#define MINSIGSTKSZ 2048       /* a smaller stack is refused (ENOMEM) */
#define SIGSTKSZ    8192       /* a size that holds a handler of ordinary depth */

/* The registers a handler's frame saves (mcontext_t: Linux's i386
 * `struct sigcontext` order, so gregs[REG_EIP] and friends index it). */
struct kernel_mcontext {
    unsigned long gs, fs, es, ds;
    unsigned long edi, esi, ebp, esp, ebx, edx, ecx, eax;
    unsigned long trap_number, error_code;
    unsigned long eip, cs, eflags, esp_at_signal, ss;
    unsigned long fpu_state;   /* the address of the x87 state, in the frame */
    unsigned long old_mask;    /* the low 32 bits of the mask (Linux keeps them here) */
    unsigned long fault_address;
};

/* A handler's third argument (ucontext_t): the interrupted state, which
 * sigreturn puts back, changes included. */
struct kernel_ucontext {
    unsigned long flags;
    unsigned long link;        /* 0: nothing to resume after */
    struct kernel_stack stack; /* the alternate stack when the signal came */
    struct kernel_mcontext mcontext;
    unsigned long long blocked;/* the mask to restore */
};

#endif

/* kernel/uapi/wait.h - waitpid options and the status word (Linux encoding). */
#ifndef KERNEL_UAPI_WAIT_H
#define KERNEL_UAPI_WAIT_H

#define WNOHANG    1
#define WUNTRACED  2
#define WCONTINUED 8    /* also report a stopped child that SIGCONT continued */

/* waitid(2): which events, and one more option */
#define WSTOPPED   WUNTRACED   /* a child stopped by a signal */
#define WEXITED    4           /* a child that ended */
#define WNOWAIT    0x01000000  /* report, but leave the child waitable */

/* Linux's options of every wait, for children made by clone(): this
 * kernel makes none (every child reports with SIGCHLD), so __WCLONE alone
 * chooses no child and __WALL every child; __WNOTHREAD: only the children
 * forked by the calling thread, not by the other threads of its process. */
#define __WNOTHREAD 0x20000000
#define __WALL      0x40000000
#define __WCLONE    0x80000000

/* waitid's idtype_t: which children */
#define P_ALL  0        /* any child */
#define P_PID  1        /* the child whose pid is id */
#define P_PGID 2        /* any child in process group id (0: the caller's) */

/* status: exit code in bits 8-15 (low byte 0); killed by signal: the signal
 * number in bits 0-6; stopped: 0x7f in the low byte, the signal in bits 8-15;
 * continued: 0xffff */
#define WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define WTERMSIG(s)    ((s) & 0x7f)
#define WSTOPSIG(s)    WEXITSTATUS(s)
#define WIFEXITED(s)   (WTERMSIG(s) == 0)
#define WIFSTOPPED(s)  (((s) & 0xff) == 0x7f)
#define WIFSIGNALED(s) (((signed char)(((s) & 0x7f) + 1) >> 1) > 0)
#define WIFCONTINUED(s) ((s) == W_CONTINUED)

#define W_EXITCODE(code, sig) (((code) << 8) | (sig))
#define W_STOPCODE(sig)       (((sig) << 8) | 0x7f)
#define W_CONTINUED           0xffff

#endif

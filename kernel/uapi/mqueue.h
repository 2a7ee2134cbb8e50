/* kernel/uapi/mqueue.h - POSIX message queues as programs see them
 * (mq_overview(7)): struct mq_attr and the limits (Linux's values, but
 * for a name's: NAME_MAX, 63 here); what SYS_mq_notify takes (struct
 * kernel_sigevent). */
#ifndef KERNEL_UAPI_MQUEUE_H
#define KERNEL_UAPI_MQUEUE_H

#include "limits.h"                   /* KERNEL_NAME_MAX */
#include "signal.h"                   /* union kernel_sigval (kernel/uapi/signal.h) */

#define MQ_PRIO_MAX        32768   /* priorities are 0 .. MQ_PRIO_MAX-1; the highest is received first */
/* bytes of a name after its leading '/': NAME_MAX, as POSIX says (Linux's
 * NAME_MAX is 255); ENAMETOOLONG beyond */
#define MQ_NAME_MAX        KERNEL_NAME_MAX
#define MQ_MAXMSG_DEFAULT  10      /* mq_maxmsg of a queue created without attributes */
#define MQ_MSGSIZE_DEFAULT 8192    /* mq_msgsize of a queue created without attributes */
#define MQ_MAXMSG_LIMIT    256     /* the largest mq_maxmsg a queue may have: EINVAL beyond */
#define MQ_MSGSIZE_LIMIT   8192    /* the largest mq_msgsize a queue may have: EINVAL beyond */

/* A queue's attributes (mq_getattr). Only O_NONBLOCK in mq_flags can be
 * changed after creation (mq_setattr); mq_curmsgs is read-only. */
struct mq_attr {
    long mq_flags;       /* 0 or O_NONBLOCK: this descriptor's flag */
    long mq_maxmsg;      /* messages the queue holds before senders wait */
    long mq_msgsize;     /* the longest message, in bytes */
    long mq_curmsgs;     /* messages queued now */
    long __reserved[4];  /* as Linux's struct: keeps the size the same */
};

/* sigev_notify: how mq_notify tells the registered process that a message
 * arrived on the empty queue (Linux's values; libc/include/bits/sigevent.h
 * spells them the same for <signal.h>). */
#define SIGEV_SIGNAL 0     /* send sigev_signo (0: none) with si_code SI_MESGQ and sigev_value */
#define SIGEV_NONE   1     /* send nothing: the registration is only taken, and ends */
#define SIGEV_THREAD 2     /* for the C library: sigev_signo is the write end of a pipe, and the
                              kernel writes sigev_value into it; closing the pipe's write end
                              without writing says the registration went (mq_notify(3)) */

/* What SYS_mq_notify reads: struct sigevent's layout on Linux i386, 64
 * bytes. The kernel reads the first three fields; the rest is the C
 * library's (sigev_notify_function and sigev_notify_attributes). */
struct kernel_sigevent {
    union kernel_sigval value;         /* sigev_value: for the handler, or the function */
    int signo;                         /* sigev_signo */
    int notify;                        /* sigev_notify: SIGEV_* */
    int library[13];                   /* the rest of struct sigevent */
};

#endif

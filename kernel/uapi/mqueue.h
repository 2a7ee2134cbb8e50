/* kernel/uapi/mqueue.h - POSIX message queues as programs see them
 * (mq_overview(7)): struct mq_attr and the limits, Linux's values. */
#ifndef KERNEL_UAPI_MQUEUE_H
#define KERNEL_UAPI_MQUEUE_H

#define MQ_PRIO_MAX        32768   /* priorities are 0 .. MQ_PRIO_MAX-1; the highest is received first */
#define MQ_NAME_MAX        255     /* bytes of a name after its leading '/' (NAME_MAX): ENAMETOOLONG beyond */
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

#endif

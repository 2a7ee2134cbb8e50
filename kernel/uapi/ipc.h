/* kernel/uapi/ipc.h - the kernel's own message passing (message(7), mailbox(7)):
 * direct messages between processes and named mailboxes. */
#ifndef KERNEL_UAPI_IPC_H
#define KERNEL_UAPI_IPC_H

#include <stdint.h>

#define MSG_BODY_MAX 240

struct message {
    int32_t  src;     /* set by the kernel on delivery: a sender cannot forge it */
    int32_t  dst;     /* set by the kernel on delivery */
    int32_t  type;    /* the program's own message type */
    uint32_t len;     /* bytes of body in use, at most MSG_BODY_MAX */
    char     body[MSG_BODY_MAX];
};

#define MSG_HEADER_SIZE 16            /* src, dst, type, len */
#define MSG_ANY      (-1)   /* receive: from any sender */
#define MSG_NONBLOCK 0x1    /* fail with EAGAIN instead of waiting */
#define MSG_ASYNC    0x2    /* send: leave the message in the receiver's inbox and go on */

#define MSG_INBOX_CAPACITY 64         /* asynchronous messages a process may hold */

#define MBOX_UNBOUNDED 0xFFFFFFFFu
#define MBOX_NAME_MAX  31             /* characters in a mailbox name */

struct mbox_stat {
    unsigned capacity;
    unsigned count;                   /* messages queued now */
    unsigned senders_waiting;
    unsigned receivers_waiting;
};

#endif

/* libc/include/sys/msg.h - System V message queues (msgget(2) and the
 * others; docs/msgq.md). A message in user memory is a long mtype (1 or
 * more) followed by its text; a program declares its own struct for it,
 * as on Linux (e.g. struct msgbuf { long mtype; char mtext[100]; }), and
 * passes the size of the text alone. */
#ifndef LIBC_INCLUDE_SYS_MSG_H
#define LIBC_INCLUDE_SYS_MSG_H

#include <sys/ipc.h>
#include <sys/types.h>

typedef unsigned long msgqnum_t;   /* messages in a queue (msg_qnum) */
typedef unsigned long msglen_t;    /* bytes a queue may hold (msg_qbytes) */

#ifdef _GNU_SOURCE
/* glibc's template of a message, there only under _GNU_SOURCE, as in
 * glibc: without it a program may declare its own struct msgbuf. */
struct msgbuf {
    long mtype;
    char mtext[1];
};
#endif

/* The queue of `key` (IPC_PRIVATE: a new one); IPC_CREAT, IPC_EXCL and
 * permission bits in `flags`. Returns its id, or -1 with errno. */
int msgget(key_t key, int flags);

/* Appends the message at `message` (mtype, then `size` bytes of text);
 * waits while the queue is full unless IPC_NOWAIT (EAGAIN). */
int msgsnd(int id, const void *message, size_t size, int flags);

/* Takes a message into `message`: type 0 the first, > 0 the first of that
 * type (MSG_EXCEPT: of another type), < 0 the first of the lowest type up
 * to -type. Returns the bytes of text copied; E2BIG when the text is
 * longer than `size`, unless MSG_NOERROR cuts it; waits unless IPC_NOWAIT
 * (ENOMSG). */
ssize_t msgrcv(int id, void *message, size_t size, long type, int flags);

/* IPC_STAT fills *buffer, IPC_SET sets owner, mode and msg_qbytes from
 * it, IPC_RMID removes the queue; MSG_STAT and MSG_STAT_ANY are IPC_STAT
 * of the queue in slot `id` and return its id; IPC_INFO and MSG_INFO fill
 * a struct msginfo passed as `buffer`. */
int msgctl(int id, int command, struct msqid_ds *buffer);

#endif

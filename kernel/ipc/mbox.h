/* kernel/ipc/mbox.h - indirect communication through named mailboxes. */
#ifndef KERNEL_IPC_MBOX_H
#define KERNEL_IPC_MBOX_H

#include "messages_for_core.h"   /* mbox_count, mbox_list_objects */

#define MAX_MAILBOXES 64         /* names in the kernel-wide table */
#define MAILBOX_CAPACITY_MAX 4096  /* the largest bounded capacity */

#include "ipc_names.h"
#include "lib/list.h"
#include "sched/spinlock.h"
#include "sched/wait_queue.h"

struct file;
struct message;

/* A mailbox (mbox.c says what it does). Its lock, a spinlock of class
 * "mailbox", is its two queues' lock: on several CPUs the calls without
 * the big kernel lock (mbox_without_big_lock.c) send and receive under
 * it, and a call with the big lock counts itself in big_lock_users, under
 * it, for as long as it uses the mailbox (mbox_begin_big_lock_use), which
 * keeps those calls out meanwhile, as a pipe's do (pipe.h). */
struct mbox {
    struct named_ipc_object names;    /* its name, and what keeps it alive (ipc_names.h) */
    uint32_t capacity;                /* 0, N, or MBOX_UNBOUNDED */
    int creator_pid;                  /* who made it, for ipcs's OWNER */
    struct list held;                 /* messages held, oldest first (struct queued_message) */
    unsigned count;                   /* messages held now */
    struct wait_queue senders;
    struct wait_queue receivers;
    struct spinlock lock;
    unsigned big_lock_users;
};

/* A waiting mailbox sender's port->result until a receiver answers it: the
 * message has not been taken. A receiver sets 0 (taken from the sender's
 * buffer) or -errno; a sender of a bounded mailbox woken with this still
 * set was woken for room, and tries again. */
#define MBOX_SEND_NOT_TAKEN 1

/* The mailbox behind open file `file`, or NULL: it is something else
 * (EINVAL for the mailbox calls). */
struct mbox *mbox_of(const struct file *file);

/* mbox_send and mbox_recv on `file`, the one the call's descriptor
 * named when the call began (NULL: none, EBADF): sys_mbox_send's and
 * sys_mbox_recv's work after the lookup. A call begun without the big
 * lock goes on with them and its own file (mbox_without_big_lock.c,
 * fs/file_without_big_lock.h). Context: a system call with the big lock;
 * sleeps. */
struct message;
int mbox_send_file(struct file *file, const struct message *user_message, int flags);
int mbox_recv_file(struct file *file, struct message *user_message, int flags);

/* mbox_recv_file(file, user_message, 0) after a wait without the big
 * lock (mbox_without_big_lock.c) that a signal or anything else ended
 * with nothing taken: the buffer, ready when that wait began, is not
 * checked again before the wait: another thread may have unmapped it
 * meanwhile, and a signal then still ends the call with EINTR (a
 * message that is there is refused with EFAULT, and stays). Context: a
 * system call with the big lock; sleeps. */
int mbox_recv_after_wait(struct file *file, struct message *user_message);

/* mbox_send_file(file, user_message, 0) after a wait without the big
 * lock that a signal or anything else ended with the message not taken:
 * its header is not read again (the type and length read before that
 * wait are sent), so that a signal still ends the call with EINTR when
 * another thread has unmapped the buffer meanwhile (a receiver that
 * comes first gets EFAULT from the body, which stays unsent). Context:
 * a system call with the big lock; sleeps. */
int mbox_send_after_wait(struct file *file, const struct message *user_message);

#endif

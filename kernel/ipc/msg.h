/* kernel/ipc/msg.h - direct message passing between processes
 * (message(7)): msg_send, msg_recv, msg_call, msg_reply. */
#ifndef KERNEL_IPC_MSG_H
#define KERNEL_IPC_MSG_H

#include <stdint.h>

#include "lib/list.h"
#include "messages_for_core.h"
#include "mm/cross_copy.h"
#include "sched/task.h"
#include "sched/wait_queue.h"
#include "uapi/ipc.h"

/* A message held by the kernel: an asynchronous message in an inbox, or one
 * queued in a mailbox. Synchronous messages are never held: they are copied
 * straight from the sender's buffer to the receiver's. */
struct queued_message {
    struct list_node link;            /* in an inbox or a mailbox, oldest first */
    struct message message;
};

/* Every thread's port (struct msg_port, what it waits for: enum
 * message_wait), its start and its end: messages_for_core.h, because
 * struct thread embeds the port. */

/* From whom `port`'s owner waits to receive (a pid or MSG_ANY), to whom
 * it sends, whose reply it awaits; 0 when it does not. */
static inline int msg_receiving_from(const struct msg_port *port)
{
    return (port->waiting & MESSAGE_RECEIVING) ? port->peer : 0;
}

static inline int msg_sending_to(const struct msg_port *port)
{
    return (port->waiting & MESSAGE_SENDING) ? port->peer : 0;
}

static inline int msg_awaiting_reply_from(const struct msg_port *port)
{
    return (port->waiting & MESSAGE_AWAITING_REPLY) ? port->peer : 0;
}

struct thread;

/* A signal ended msg_call's wait for the reply, or msg_reply_recv's wait
 * for a message, and the call is not restarted (a handler runs): forget the
 * call, so that a late reply gets EINVAL, and the note that the reply of
 * msg_reply_recv went already. */
void msg_call_abandon(struct thread *thread);

/* msg_reply_recv's receive was interrupted after the reply went: a
 * restarted call only receives (reply_sent_before_restart), and a handler
 * that ends it forgets that (msg_call_abandon). */
void msg_note_reply_sent(struct msg_port *own);

/* msg_call, msg_reply and msg_reply_recv in every case: their system
 * calls (sys_msg_call ... in msg_fastpath.c) come here whenever the
 * fast path does not apply. Context: a system call (kernel lock held); sleeps. */
int msg_call(int to, struct message *user_message);
int msg_reply(int to, const struct message *user_message);
int msg_reply_recv(int to, struct message *user_message, int from, int flags);

/* The fast path is on unless the boot option `nofastpath` says otherwise:
 * then the system call table holds the three functions above. */
void msg_fast_path_init(void);        /* reads the option, at boot */
extern int msg_fast_path_on;          /* 0 with `nofastpath` (also for msg_without_big_lock.c) */

/* Kernel-wide message budget for held messages (inboxes and mailboxes):
 * allocation fails with NULL once MESSAGE_BUDGET messages are held. */
#define MESSAGE_BUDGET 4096
struct queued_message *msg_queued_alloc(void);
void msg_queued_free(struct queued_message *message);

/* Writes a message's header as the kernel gives it (src and dst are the
 * kernel's word) and leaves the body alone: clearing its 240 bytes would
 * cost more than the whole delivery. */
static inline void msg_set_header(struct message *m, int src, int dst, int32_t type, uint32_t len)
{
    m->src = src;
    m->dst = dst;
    m->type = type;
    m->len = len;
}

/* The rendezvous' one copy, for direct messages and mailboxes alike. The
 * running process's message at `user_message` (its header checked into
 * `sent`) into the receive buffer of `receiver`, which waits; or the
 * message of `sender`, which waits in a synchronous send, into the running
 * process's `user_message` (type and length as checked when it was sent;
 * `own_view` is its kernel view when the caller has one, else 0).
 * Through the kernel's views of both pages when they are there (one
 * rep movsd), else page by page. 0, or -EFAULT (nothing is lost: the
 * message stays with its sender). */
int msg_deliver_to_waiting_receiver(struct thread *receiver, const struct message *user_message,
                                        const struct message *sent);
int msg_take_from_waiting_sender(struct thread *sender, struct message *user_message,
                                     struct message *own_view);

/* Makes sure a receive buffer is present and writable before waiting, so
 * that a sender's copy into it cannot fail halfway. 0 or -EFAULT. */
int msg_prepare_receive_buffer(struct message *user_message);

/* Gets the running process's receive buffer ready before anything is taken
 * or waited for (msg_recv, mbox_recv). The usual buffer lies whole in one
 * present, writable page: *view is then its kernel view, for the copy that
 * fills it (and to remember while waiting: receive_view); any other is made
 * present and writable now, and *view is 0. 0 or -EFAULT. */
static inline int msg_ready_receive_buffer(struct message *user_message, struct message **view)
{
    *view = view_if_present(current_task->page_directory, (uint32_t)user_message, sizeof *user_message, 1);
    return *view ? 0 : msg_prepare_receive_buffer(user_message);
}

/* Reads a message's header from user memory and checks it: 0, -EFAULT or
 * -EINVAL (len > MSG_BODY_MAX). */
int msg_read_header(const struct message *user_message, struct message *header);

#endif

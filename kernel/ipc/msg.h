/* kernel/ipc/msg.h - direct message passing between processes
 * (message(7)): msg_send, msg_recv, msg_call, msg_reply. */
#ifndef KERNEL_IPC_MSG_H
#define KERNEL_IPC_MSG_H

#include <stdint.h>

#include "lib/list.h"
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

/* Every process's end of direct message passing (in struct process).
 *
 * The views: a buffer found whole in one present, writable page by its
 * owner before it waits (the fast path, msg_fastpath.c; msg_recv and
 * mbox_recv: msg_ready_receive_buffer)
 * is remembered as the kernel's view of that page, so that the peer's
 * delivery needs no second page-table walk. The view stays right while its
 * owner waits only if nobody can unmap the page or make it copy-on-write
 * (by fork) meanwhile: its owner could, but it is blocked; another thread
 * of its process could too, so a process of several threads keeps no view
 * (msg_view_to_keep, msg_internal.h). Whoever sets a buffer sets its view (0 when there is
 * none: the peer then walks). */
/* What a port's owner waits for, as flags (Minix's RTS_RECEIVING and
 * RTS_SENDING), `peer` saying from or to whom: 0 when it waits for
 * nothing. A msg_call is MESSAGE_AWAITING_REPLY from the start, and
 * MESSAGE_SENDING as well while its message waits for the server to
 * receive it. The waits set and clear these; everyone else reads them
 * through msg_receiving_from and its two neighbours below. */
enum message_wait {
    MESSAGE_RECEIVING      = 1u << 0, /* in msg_recv, from `peer`: a pid or MSG_ANY */
    MESSAGE_SENDING        = 1u << 1, /* in a synchronous send to `peer`, not yet received */
    MESSAGE_AWAITING_REPLY = 1u << 2, /* in msg_call, for `peer`'s reply */
};

struct msg_port {
    /* asynchronous messages waiting for msg_recv, oldest first */
    struct list inbox;                /* of struct queued_message */
    unsigned inbox_count;
    /* synchronous senders blocked until this process receives (FIFO) */
    struct wait_queue senders;
    /* what this process waits for, and the buffers of that wait */
    unsigned waiting;                 /* enum message_wait flags; 0: nothing */
    int peer;                         /* from or to whom: a pid, or MSG_ANY to receive */
    uint32_t receive_buffer;          /* receiving: into this user address */
    struct message *receive_view;     /* ... seen through the kernel's map, or 0 (below) */
    uint32_t send_buffer;             /* sending: the message at this user address */
    int32_t send_type;                /* ... whose header was checked when sent: */
    uint32_t send_length;             /* receivers use these, never a re-read (it could change) */
    uint32_t reply_buffer;            /* awaiting a reply: to land at this user address */
    struct message *reply_view;       /* ... seen through the kernel's map, or 0 */
    struct wait_queue own_wait;       /* where it waits for a receive or a reply */
    int result;                       /* what the waker says to a waiting owner: for a
                                       * receive, the sender's pid (0: nothing came); for
                                       * a send, a call or its reply, 0 or -errno; for a
                                       * mailbox sender, MBOX_SEND_NOT_TAKEN until a
                                       * receiver answers (mbox.c) */
    int call_interrupted;             /* msg_call's wait for the reply ended by a signal */
    int reply_sent_before_restart;    /* msg_reply_recv's receive ended by a signal */
};

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

/* Prepares a new process's port. */
#ifdef SUBSYSTEM_MESSAGES
void msg_port_init(struct msg_port *port);
#else
static inline void msg_port_init(struct msg_port *port)   /* no ports */
{
    (void)port;
}
#endif

/* An exiting thread: senders to it, receivers from it and callers waiting
 * for its reply fail with ESRCH; its inbox is freed. */
#ifdef SUBSYSTEM_MESSAGES
void msg_port_exit(struct thread *thread);
#else
static inline void msg_port_exit(struct thread *thread)   /* no ports */
{
    (void)thread;
}
#endif

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

/* Kernel-wide message budget for held messages (inboxes and mailboxes):
 * allocation fails with NULL once MESSAGE_BUDGET messages are held. */
#define MESSAGE_BUDGET 4096
struct queued_message *msg_queued_alloc(void);
void msg_queued_free(struct queued_message *message);
#ifdef SUBSYSTEM_MESSAGES
unsigned msg_queued_count(void);
#else
static inline unsigned msg_queued_count(void)   /* no messages */
{
    return 0;
}
#endif

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

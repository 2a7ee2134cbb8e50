/* kernel/ipc/messages_for_core.h - what the core asks of direct message
 * passing and mailboxes (the subsystem "messages",
 * kernel/subsystems/messages.c): each thread's port, embedded in struct
 * thread, its start and end, and the counts and lists kinfo shows. A
 * kernel built without the subsystem gets the stand-ins below (no ports,
 * no messages), so that the core reads the same in every profile
 * (kernel/subsystems/subsystem.h). The rest of message passing is in
 * msg.h and mbox.h, which include this file. */
#ifndef KERNEL_IPC_MESSAGES_FOR_CORE_H
#define KERNEL_IPC_MESSAGES_FOR_CORE_H

#include <stdint.h>

#include "ipc/ipc_list.h"
#include "lib/list.h"
#include "sched/spinlock.h"
#include "sched/wait_queue.h"

struct message;
struct thread;

/* Every process's end of direct message passing (in struct thread).
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
 * through msg_receiving_from and its two neighbours (msg.h). */
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
    struct spinlock lock;             /* own_wait's lock (class "msg port"): on several
                                       * CPUs, a wait on own_wait and a delivery to the
                                       * waiter take it (msg_without_big_lock.c) */
    int result;                       /* what the waker says to a waiting owner: for a
                                       * receive, the sender's pid (0: nothing came); for
                                       * a send, a call or its reply, 0 or -errno; for a
                                       * mailbox sender, MBOX_SEND_NOT_TAKEN until a
                                       * receiver answers (mbox.c) */
    int call_interrupted;             /* msg_call's wait for the reply ended by a signal */
    int reply_sent_before_restart;    /* msg_reply_recv's receive ended by a signal */
    int receive_after_wait;           /* mbox_recv goes on with the big lock after a wait
                                       * without it: its buffer, ready when that wait
                                       * began, is not checked first (mbox_recv_after_wait) */
    int send_after_wait;              /* mbox_send the same: its message's header is
                                       * send_type and send_length, read before that wait
                                       * (mbox_send_after_wait) */
    int ended;                        /* msg_port_exit has run: the thread is ending, and
                                       * sends nothing more (msg_without_big_lock.c) */
};

/* Prepares a new thread's port. Context: `port` is in zeroed memory, the
 * new thread's control block (create_task_with_stack zeroes it). */
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

/* From now on msg_call, msg_reply and msg_reply_recv begin without the
 * big kernel lock, and the other calls of message passing keep them out
 * while they run (kernel/ipc/msg_without_big_lock.c). Context: boot, as
 * the other CPUs start running tasks (smp_run_other_cpus). */
#ifdef SUBSYSTEM_MESSAGES
void msg_calls_without_big_lock_start(void);
#else
static inline void msg_calls_without_big_lock_start(void)   /* no ports */
{
}
#endif

/* From now on mbox_send and mbox_recv begin
 * without the big kernel lock (kernel/ipc/mbox_without_big_lock.c).
 * Context: boot, as the other CPUs start running tasks. */
#ifdef SUBSYSTEM_MESSAGES
void mbox_calls_without_big_lock_start(void);
#else
static inline void mbox_calls_without_big_lock_start(void)   /* no mailboxes */
{
}
#endif

/* How many messages the kernel holds, in inboxes and mailboxes (for leak
 * tests; the budget: MESSAGE_BUDGET, msg.h). */
#ifdef SUBSYSTEM_MESSAGES
unsigned msg_queued_count(void);
#else
static inline unsigned msg_queued_count(void)   /* no messages */
{
    return 0;
}
#endif

/* How many mailboxes exist (for leak tests). */
#ifdef SUBSYSTEM_MESSAGES
unsigned mbox_count(void);
#else
static inline unsigned mbox_count(void)   /* no mailboxes */
{
    return 0;
}
#endif

/* For ipcs: every mailbox, and every thread's inbox that holds messages. */
#ifdef SUBSYSTEM_MESSAGES
void mbox_list_objects(ipc_list_emit emit, void *context);
#else
static inline void mbox_list_objects(ipc_list_emit emit, void *context)   /* no mailboxes */
{
    (void)emit;
    (void)context;
}
#endif
#ifdef SUBSYSTEM_MESSAGES
void msg_list_inboxes(ipc_list_emit emit, void *context);
#else
static inline void msg_list_inboxes(ipc_list_emit emit, void *context)   /* no ports */
{
    (void)emit;
    (void)context;
}
#endif

#endif

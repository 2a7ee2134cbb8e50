/* kernel/ipc/msg.c - direct communication: a process names the other.
 *
 * The rules, and where they live:
 *  - A synchronous send is a rendezvous: whoever comes second copies the
 *    message once, straight from the sender's buffer into the receiver's
 *    (kernel/mm/cross_copy.c); no kernel queue in between.      -> deliver_*
 *  - MSG_ASYNC leaves a copy in the receiver's inbox (at most
 *    MSG_INBOX_CAPACITY, then EAGAIN); it outlives its sender.   -> send_async
 *  - A receiver takes its inbox first, then waiting senders, in arrival
 *    order, so messages from one sender arrive in the order sent. -> sys_msg_recv
 *  - The kernel writes src and dst: a sender cannot forge them.
 *    The copies of a rendezvous live in msg_copy.c.         -> msg_copy.c
 *  - Who may wait for whom: a synchronous send that would close a cycle of
 *    processes each waiting for the next (sending to it, or waiting for its
 *    reply) fails with EDEADLK instead of hanging them all.      -> would_deadlock
 *  - msg_call = send + wait for the reply, msg_reply, and msg_reply_recv
 *    (the server's loop) are built on the send and receive here, in
 *    msg_call.c; they enter through their fast path
 *    (msg_fastpath.c), which does the usual case in few
 *    instructions.                                  -> msg_send_sync
 *  - A peer that exits wakes everyone waiting on it with ESRCH;
 *    a signal wakes any waiter with EINTR (never restarted).    -> msg_port_exit
 */
#include "msg.h"
#include "msg_internal.h"
#include "msg_wait.h"

#include "ipc_list.h"
#include "kernel/trace.h"
#include "lib/kprintf.h"
#include "ipc/signal.h"
#include "mm/cross_copy.h"
#include "mm/heap.h"
#include "mm/memory_layout.h"
#include "mm/uaccess.h"
#include "proc/process.h"
#include "proc/thread.h"
#include "sched/scheduler.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "subsystems/messages_calls.h"

static unsigned held_messages;

volatile uint32_t msg_big_lock_users;   /* msg_internal.h */

static const struct lock_class msg_port_lock_class = { "msg port", 0 };

struct queued_message *msg_queued_alloc(void)
{
    /* a place in the budget first: on several CPUs a mailbox's send
     * holds a message without the big lock (mbox_without_big_lock.c) */
    if (__atomic_add_fetch(&held_messages, 1, __ATOMIC_RELAXED) > MESSAGE_BUDGET) {
        __atomic_sub_fetch(&held_messages, 1, __ATOMIC_RELAXED);
        return 0;
    }
    struct queued_message *message = kmalloc(sizeof *message);
    if (!message)
        __atomic_sub_fetch(&held_messages, 1, __ATOMIC_RELAXED);
    return message;
}

void msg_queued_free(struct queued_message *message)
{
    kfree(message);
    __atomic_sub_fetch(&held_messages, 1, __ATOMIC_RELAXED);
}

unsigned msg_queued_count(void)
{
    return held_messages;
}

void msg_list_inboxes(ipc_list_emit emit, void *context)
{
    for (int slot = 0; slot < MAX_THREADS; slot++) {
        struct thread *thread = thread_at(slot);
        if (!thread)
            continue;
        struct msg_port *port = &thread->msg_port;
        if (!port->inbox_count && !port->senders.length && !msg_receiving_from(port))
            continue;
        struct kinfo_ipc_object object = {
            .kind = "inbox", .owner_pid = thread->task.process->pid, .count = port->inbox_count,
            .capacity = MSG_INBOX_CAPACITY, .senders_waiting = port->senders.length,
            .receivers_waiting = msg_receiving_from(port) != 0,
        };
        ksnprintf(object.name, sizeof object.name,
                  thread->tid == thread->task.process->pid ? "pid %d" : "tid %d", thread->tid);
        emit(&object, context);
    }
}

void msg_port_init(struct msg_port *port)
{
    list_init(&port->inbox);            /* the rest, wait queues too, is the new thread's zeroes */
    spinlock_init(&port->lock, "msg port", &msg_port_lock_class);
    port->own_wait.lock = &port->lock;
}

static struct msg_port *port_of(struct thread *thread)
{
    return &thread->msg_port;
}

/* Is `receiver` blocked in msg_recv waiting for a message from `sender`? */
static int waits_for_message_from(struct thread *receiver, int sender)
{
    int from = msg_receiving_from(port_of(receiver));
    return from == MSG_ANY || (from != 0 && from == sender);
}

/* Following who waits for whom from `target`, do we come back to `self`? */
static int would_deadlock(struct thread *self, struct thread *target)
{
    struct thread *p = target;
    for (int steps = 0; p && steps <= MAX_THREADS; steps++) {
        if (p == self)
            return 1;
        struct msg_port *port = port_of(p);
        int next = (port->waiting & (MESSAGE_SENDING | MESSAGE_AWAITING_REPLY)) ? port->peer : 0;
        if (!next)
            return 0;
        p = thread_find(next);
    }
    return 0;
}

/* `target` waits in msg_recv for a message from us: the message goes
 * straight into its buffer, and its msg_recv will return our pid. It is
 * not woken here: a send wakes it, a call hands it the CPU. `mode` is for
 * the trace ("sync", "call", "async"). 0, or -EFAULT (nothing delivered). */
static int give_to_waiting_receiver(struct thread *target, const struct message *user_message,
                                    const struct message *sent, const char *mode)
{
    struct thread *self = current_thread();
    int status = msg_deliver_to_waiting_receiver(target, user_message, sent);
    if (status < 0)
        return status;
    trace_thread_event(self, "send", "to=%d type=%d len=%u mode=%s via=direct", target->tid, sent->type,
                sent->len, mode);
    trace_thread_event(target, "recv", "from=%d type=%d len=%u via=direct", self->tid, sent->type, sent->len);
    struct msg_port *peer = port_of(target);
    peer->waiting = 0;
    peer->result = self->tid;
    return 0;
}

int msg_send_sync(struct thread *target, const struct message *user_message,
                     const struct message *sent, int flags, struct task **hand_to)
{
    struct thread *self = current_thread();
    struct msg_port *own = port_of(self);
    struct msg_port *peer = port_of(target);

    if (waits_for_message_from(target, self->tid)) {
        int status = give_to_waiting_receiver(target, user_message, sent, hand_to ? "call" : "sync");
        if (status < 0)
            return status;
        if (hand_to) {
            /* the server has it but is not woken: msg_call hands it the
             * CPU while it starts waiting for the reply */
            *hand_to = &target->task;
            return 0;
        }
        msg_wake_owner(target);
        return 0;
    }
    if (flags & MSG_NONBLOCK)
        return -EAGAIN;
    if (would_deadlock(self, target))
        return -EDEADLK;

    own->waiting |= MESSAGE_SENDING;        /* a call awaits the reply of the same peer */
    own->peer = target->tid;
    own->send_buffer = (uint32_t)user_message;
    own->send_type = sent->type;
    own->send_length = sent->len;
    own->result = -EINTR;
    trace_thread_event(self, "send", "to=%d type=%d len=%u mode=%s via=wait", target->tid,
                sent->type, sent->len, hand_to ? "call" : "sync");
    wait_queue_say_object((void *)(intptr_t)target->tid, thread_id_describe);
    /* the one wait that keeps its use of the ports (msg_internal.h): a
     * receive without the big lock looks for us on peer->senders, and
     * would not see us join it once the use had ended */
    int woken = wait_queue_sleep(&peer->senders, hand_to ? "msg_call: waiting for the receiver" : "msg_send",
                                 0, WAIT_INTERRUPTIBLE);
    own->waiting &= ~MESSAGE_SENDING;
    if (woken == WAKE_INTERRUPTED)
        return -ERESTARTNOHAND;             /* EINTR if a handler runs; a stop and continue resumes */
    return own->result;                     /* 0 received, -ESRCH the receiver exited */
}

static int send_async(struct thread *target, const struct message *user_message, const struct message *sent)
{
    struct thread *self = current_thread();
    struct msg_port *peer = port_of(target);
    if (waits_for_message_from(target, self->tid)) {
        int status = give_to_waiting_receiver(target, user_message, sent, "async");
        if (status < 0)
            return status;
        msg_wake_owner(target);
        return 0;
    }
    if (peer->inbox_count >= MSG_INBOX_CAPACITY)
        return -EAGAIN;
    struct queued_message *held = msg_queued_alloc();
    if (!held)
        return -ENOMEM;
    msg_set_header(&held->message, self->tid, target->tid, sent->type, sent->len);
    if (copy_from_user(held->message.body, user_message->body, sent->len) < 0) {
        msg_queued_free(held);
        return -EFAULT;
    }
    list_push_back(&peer->inbox, &held->link);
    peer->inbox_count++;
    trace_thread_event(self, "send", "to=%d type=%d len=%u mode=async via=inbox", target->tid,
                sent->type, sent->len);
    return 0;
}

int sys_msg_send(int to, const struct message *user_message, int flags)
{
    struct message sent;
    int status = msg_read_header(user_message, &sent);
    if (status < 0)
        return status;
    if (flags & ~(MSG_NONBLOCK | MSG_ASYNC))
        return -EINVAL;
    struct thread *target = thread_find(to);
    if (!target)
        return -ESRCH;
    if (flags & MSG_ASYNC)
        return send_async(target, user_message, &sent);
    if (target == current_thread())
        return -EDEADLK;                    /* waiting for oneself to receive */
    return msg_send_sync(target, user_message, &sent, flags, NULL);
}

/* Takes the oldest inbox message from `from` (or anyone) into the buffer. */
static int receive_from_inbox(struct msg_port *own, int from, struct message *user_message)
{
    list_for_each(node, &own->inbox) {
        struct queued_message *held = list_entry(node, struct queued_message, link);
        if (from != MSG_ANY && held->message.src != from)
            continue;
        if (copy_to_user(user_message, &held->message, MSG_HEADER_SIZE + held->message.len) < 0)
            return -EFAULT;                 /* it stays for a better buffer */
        list_remove(node);                  /* and the loop ends here */
        own->inbox_count--;
        int src = held->message.src;
        trace_current_event("recv", "from=%d type=%d len=%u via=inbox", src,
                    held->message.type, held->message.len);
        msg_queued_free(held);
        return src;
    }
    return 0;
}

/* Takes the message of the longest-waiting matching synchronous sender. */
static int receive_from_waiting_sender(struct msg_port *own, int from, struct message *user_message,
                                       struct message *view)
{
    struct thread *self = current_thread();
    for (struct task *waiter = own->senders.first; waiter; waiter = waiter->wait_next) {
        struct thread *sender = thread_of(waiter);
        if (from != MSG_ANY && sender->tid != from)
            continue;
        struct msg_port *their = port_of(sender);
        if (msg_take_from_waiting_sender(sender, user_message, view) < 0)
            return -EFAULT;
        trace_thread_event(self, "recv", "from=%d type=%d len=%u via=sender", sender->tid, their->send_type,
                    their->send_length);
        their->result = 0;
        their->waiting &= ~MESSAGE_SENDING; /* received: a msg_call may be replied to from now on */
        wait_queue_wake_task(waiter);       /* a msg_call goes on to wait for the reply */
        return sender->tid;
    }
    return 0;
}

/* Is there a message from `from` (a pid) in the inbox? */
static int inbox_holds_from(const struct msg_port *own, int from)
{
    list_for_each(node, &own->inbox)
        if (list_entry(node, struct queued_message, link)->message.src == from)
            return 1;
    return 0;
}

int msg_receive_refused(int from, int flags)
{
    if (flags & ~MSG_NONBLOCK)
        return -EINVAL;
    if (from != MSG_ANY && from <= 0)
        return -EINVAL;
    if (from != MSG_ANY && !msg_sender_alive(from) &&
        !inbox_holds_from(port_of(current_thread()), from))
        return -ESRCH;                      /* gone, and nothing of it left to take */
    return 0;
}

int sys_msg_recv(int from, struct message *user_message, int flags)
{
    struct thread *self = current_thread();
    struct msg_port *own = port_of(self);
    if (flags & ~MSG_NONBLOCK)
        return -EINVAL;
    if (from != MSG_ANY && from <= 0)
        return -EINVAL;
    struct message *view;                   /* our buffer, seen through the kernel's map */
    int status = msg_ready_receive_buffer(user_message, &view);
    if (status < 0)
        return status;
    /* something there already: from the inbox, or from a waiting sender
     * (each returns 0 when it found nothing from `from`) */
    if (own->inbox_count) {
        status = receive_from_inbox(own, from, user_message);
        if (status != 0)
            return status < 0 ? status : 0;
    }
    if (own->senders.first) {
        status = receive_from_waiting_sender(own, from, user_message, view);
        if (status != 0)
            return status < 0 ? status : 0;
    }
    if (flags & MSG_NONBLOCK)
        return -EAGAIN;
    if (from != MSG_ANY && !msg_sender_alive(from))
        return -ESRCH;                      /* nobody will ever send */

    return msg_wait_for_message(own, from, user_message, view, 0);
}

void msg_port_exit(struct thread *thread)
{
    msg_big_lock_use_begin();
    struct msg_port *own = port_of(thread);
    /* we wait for nothing any more: no sender delivers to us, and no reply
     * comes, through the views of pages about to be freed */
    own->waiting = 0;
    /* the walk below finds every receiver waiting for us now; one that
     * comes without the big lock once this use ends, while we are still
     * in the thread table, must not wait for us (before the use's end,
     * which is a release) */
    own->ended = 1;
    /* senders waiting for us to receive */
    while (own->senders.first) {
        struct task *sender = own->senders.first;
        port_of(thread_of(sender))->result = -ESRCH;
        wait_queue_wake_task(sender);
    }
    /* receivers waiting for a message from us, callers waiting for our reply */
    for (struct task *task = all_tasks; task; task = task->all_next) {   /* the live ones only */
        if (!task->process || task == &thread->task)
            continue;                       /* a kernel task, or ourselves */
        struct msg_port *their = port_of(thread_of(task));
        if ((their->waiting & (MESSAGE_RECEIVING | MESSAGE_AWAITING_REPLY)) && their->peer == thread->tid) {
            their->waiting = 0;
            their->result = -ESRCH;
            msg_wake_owner(thread_of(task));
        }
    }
    struct list_node *node;
    while ((node = list_pop_front(&own->inbox)))
        msg_queued_free(list_entry(node, struct queued_message, link));
    own->inbox_count = 0;
    msg_big_lock_use_end();
}

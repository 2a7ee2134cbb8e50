/* kernel/ipc/mbox_without_big_lock.c - mbox_send and mbox_recv on
 * several CPUs without the big kernel lock: under the mailbox's own lock
 * (mbox.h), so that two pairs of processes, each with mailboxes of their
 * own, run at once on two CPUs (docs/smp.md, "Mailboxes without the big
 * lock").
 *
 * The rules are mbox.c's; this is its usual case, and every other case
 * takes the big lock and goes mbox.c's way, with the file it holds
 * (mbox_send_file, mbox_recv_file: fs/file_without_big_lock.h):
 *
 *   usual here                            the big lock's way
 *   ------------------------------------  ---------------------------------------
 *   any capacity: 0, N or unbounded       the message budget spent (ENOMEM)
 *   no call with the big lock uses the    one does (big_lock_users), or poll,
 *     mailbox, nobody polls it              select or epoll watch it
 *   the trace off, no flags, nothing      the trace; flags (MSG_NONBLOCK); a
 *     pending                               signal to take
 *   the messages in one present page      across a page boundary, not present
 *     each (kernel views)
 *
 * A receiver waiting here sleeps on the mailbox's `receivers` under its
 * lock (wait_queue_sleep_giving), with its buffer's view in its port; a
 * sender hands it the message through the views and wakes it. With
 * capacity 0 a sender with no receiver sleeps on `senders` the same way,
 * its message left in its own buffer; a receiver copies it from there
 * and wakes it. A sleeper of a process of several threads keeps no view
 * (msg_view_to_keep): another thread could unmap its page meanwhile. Its
 * peer walks its page tables in a view window instead
 * (msg_view_of_waiter, msg_internal.h), and the caller of such a process
 * looks at its own message again after each spin for a lock
 * (msg_own_view_again), as the message calls do (docs/smp.md, "Message
 * calls of processes of several threads"). With capacity N (or
 * unbounded) a sender with no receiver waiting holds its message in the
 * mailbox, a copy from the heap (whose lock is its own: mm/heap.c), and
 * waits on `senders` only while N are held; a
 * receiver takes the oldest held message and wakes a sender waiting for
 * room. Either may find the other asleep only if it slept here: one that
 * sleeps the big lock's way counts in big_lock_users while it waits. A
 * wait that ends without the message taken or given (a signal) leaves the
 * mailbox as before it began, and the call goes the big lock's way from
 * the start; a receive there does not check its buffer again before it
 * waits (mbox_recv_after_wait, mbox.h), nor a send read its message's
 * header again (mbox_send_after_wait): another thread may have unmapped
 * it meanwhile, and a signal still ends the call with EINTR.
 *
 * Context of the calls: a system call without the big kernel lock,
 * interrupts off. */
#include "mbox.h"
#include "msg.h"
#include "msg_internal.h"

#include "arch/x86/cpu.h"
#include "arch/x86/per_cpu.h"
#include "fs/file.h"
#include "fs/file_without_big_lock.h"
#include "ipc_list.h"
#include "kernel/syscall.h"
#include "subsystems/messages_calls.h"
#include "kernel/trace.h"
#include "lib/list.h"
#include "proc/process.h"
#include "proc/thread.h"
#include "sched/smp_wait.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/syscall.h"


/* The mailbox behind `fd`, if a call on it may go without the big lock;
 * its file held in *held (HELD_NOTHING before: descriptor_hold_without_
 * big_lock, by a reference in a process of several threads) until the
 * row lets it go, whatever the answer. */
static struct mbox *box_without_big_lock(int fd, int flags, struct held_file *held)
{
    if (flags || !call_of_any_thread_may_go_without_big_lock())
        return 0;
    struct file *file = descriptor_hold_without_big_lock(fd, held);
    return file ? mbox_of(file) : 0;
}

/* Nobody polls `box`, and no call with the big lock uses it. Context:
 * its lock held. */
static inline int box_is_ours(const struct mbox *box)
{
    return !box->big_lock_users && !box->senders.watches && !box->receivers.watches;
}

/* The first task on `queue`, if it sleeps there (it slept here: see
 * above), else NULL. */
static inline struct thread *asleep_first(const struct wait_queue *queue)
{
    struct task *task = queue->first;
    return task && __atomic_load_n(&task->state, __ATOMIC_ACQUIRE) == TASK_BLOCKED ? thread_of(task) : 0;
}

/* Holds a copy of our message in `box`, `sent` its kernel view (looked
 * at again after the heap's lock: msg_own_view_again): 0, or
 * TRANSFER_NEEDS_BIG_LOCK when the message budget is spent (ENOMEM there)
 * or the message's page is gone. Context: the mailbox's lock held, and
 * room in it. */
static int hold(struct mbox *box, const struct message *user_message, const struct message *sent, int32_t type,
                uint32_t length)
{
    struct queued_message *held = msg_queued_alloc();
    if (!held)
        return TRANSFER_NEEDS_BIG_LOCK;
    sent = msg_own_view_again(user_message, sizeof *user_message, 0);
    if (!sent) {
        msg_queued_free(held);
        return TRANSFER_NEEDS_BIG_LOCK;
    }
    msg_deliver_through_views(&held->message, sent, type, length, current_thread()->tid, 0);
    list_push_back(&box->held, &held->link);
    box->count++;
    return 0;
}

/* Gives the oldest message `box` holds to our buffer `view` and makes room
 * for a waiting sender. Context: the mailbox's lock held, a message held. */
static void take_held(struct mbox *box, struct message *view)
{
    struct queued_message *held = list_entry(list_pop_front(&box->held), struct queued_message, link);
    box->count--;
    msg_deliver_through_views(view, &held->message, held->message.type, held->message.len, held->message.src,
                              current_thread()->tid);
    msg_queued_free(held);
    wait_queue_wake_one(&box->senders);             /* room for one more */
}

/* send_without_big_lock's answer when its wait ended with the message
 * not taken: the big lock's way, mbox_send_after_wait. */
#define SEND_AFTER_WAIT (TRANSFER_NEEDS_BIG_LOCK - 2)

static int send_without_big_lock(struct mbox *box, const struct message *user_message)
{
    struct thread *self = current_thread();
    struct msg_port *own = &self->msg_port;
    const struct message *sent = view_if_present(current_task->page_directory, (uint32_t)user_message,
                                                 sizeof *user_message, 0);
    if (!sent)
        return TRANSFER_NEEDS_BIG_LOCK;
    int32_t type = sent->type;               /* read once: these are what go */
    uint32_t length = sent->len;
    if (length > MSG_BODY_MAX)
        return TRANSFER_NEEDS_BIG_LOCK;
    int status = TRANSFER_NEEDS_BIG_LOCK;
    spinlock_take(&box->lock);
    while (box_is_ours(box)) {
        struct thread *receiver = asleep_first(&box->receivers);
        if (receiver) {
            struct msg_port *their = &receiver->msg_port;
            struct message *slot;
            if (!(sent = msg_own_view_again(user_message, sizeof *user_message, 0)) ||
                !(slot = msg_view_of_waiter(receiver, their->receive_view, their->receive_buffer, sizeof *slot, 1)))
                break;
            msg_deliver_through_views(slot, sent, type, length, self->tid, receiver->tid);
            msg_view_end();
            their->result = self->tid;
            wait_queue_wake_one(&box->receivers);   /* that receiver: the first */
            status = 0;
            break;
        }
        if (box->receivers.first)
            break;                                  /* one about to sleep: its way */
        if (box->capacity != 0 && box->count < box->capacity) {   /* room (always, unbounded) */
            if (hold(box, user_message, sent, type, length) == 0)
                status = 0;
            break;                                  /* else its way, after a wait as such */
        }
        /* capacity 0: offer it from our buffer, and wait for a receiver to
         * take it; N: wait for room, then try again */
        own->send_buffer = (uint32_t)user_message;
        own->send_type = type;
        own->send_length = length;
        own->result = MBOX_SEND_NOT_TAKEN;
        wait_queue_say_object(box, mbox_describe);
        int woken = wait_queue_sleep_giving(&box->senders, box->capacity ? "mbox_send: full"
                                                                         : "mbox_send: rendezvous");
        if (own->result == 0) {                     /* taken */
            status = 0;
            break;
        }
        /* not taken: from now on, whenever the loop leaves it to the big
         * lock's way, that way does not read the header again (mbox.h) */
        status = SEND_AFTER_WAIT;
        if (own->result != MBOX_SEND_NOT_TAKEN)
            break;                                  /* anything else: its way says */
        if (woken != WAKE_NORMAL)
            break;                                  /* off the queue, not taken */
    }
    /* room we were woken for but did not use (we handed the message
     * straight to a receiver) belongs to the next waiting sender */
    if (status == 0 && box->capacity != 0 && box->count < box->capacity && box->senders.first)
        wait_queue_wake_one(&box->senders);
    spinlock_give(&box->lock);
    return status;
}

/* recv_without_big_lock's answer when its wait ended with nothing taken:
 * the big lock's way, mbox_recv_after_wait. */
#define RECEIVE_AFTER_WAIT (TRANSFER_NEEDS_BIG_LOCK - 1)

static int recv_without_big_lock(struct mbox *box, struct message *user_message)
{
    struct thread *self = current_thread();
    struct msg_port *own = &self->msg_port;
    struct message *view = view_if_present(current_task->page_directory, (uint32_t)user_message,
                                           sizeof *user_message, 1);
    if (!view)
        return TRANSFER_NEEDS_BIG_LOCK;
    int status = TRANSFER_NEEDS_BIG_LOCK;
    spinlock_take(&box->lock);
    while (box_is_ours(box)) {
        if (!(view = msg_own_view_again(user_message, sizeof *user_message, 1)))
            break;                                  /* its page went meanwhile (another thread) */
        if (box->count) {
            take_held(box, view);
            status = 0;
            break;
        }
        struct thread *sender = box->capacity == 0 ? asleep_first(&box->senders) : 0;
        if (sender) {
            struct msg_port *their = &sender->msg_port;
            const struct message *offered =
                their->result == MBOX_SEND_NOT_TAKEN
                    ? msg_view_of_waiter(sender, 0, their->send_buffer, MSG_HEADER_SIZE + their->send_length, 0)
                    : 0;
            if (!offered)
                break;
            msg_deliver_through_views(view, offered, their->send_type, their->send_length, sender->tid,
                                      self->tid);
            msg_view_end();
            their->result = 0;
            wait_queue_wake_one(&box->senders);     /* that sender: the first */
            status = 0;
            break;
        }
        if (box->capacity == 0 && box->senders.first)
            break;                                  /* one about to sleep: its way */
        own->receive_buffer = (uint32_t)user_message;
        own->receive_view = msg_view_to_keep(view);
        own->result = 0;
        wait_queue_say_object(box, mbox_describe);
        int woken = wait_queue_sleep_giving(&box->receivers, "mbox_recv");
        if (own->result > 0) {                      /* a sender's tid: it came */
            status = 0;
            break;
        }
        status = RECEIVE_AFTER_WAIT;                /* from now on its way does not check the buffer first */
        if (own->result < 0)
            break;                                  /* none ever is: its way would say */
        if (woken != WAKE_NORMAL)
            break;                                  /* nothing came: its way */
    }
    spinlock_give(&box->lock);
    return status;
}

static int mbox_send_row(int fd, const struct message *user_message, int flags)
{
    struct held_file held = HELD_NOTHING;
    struct mbox *box = box_without_big_lock(fd, flags, &held);
    int status = box ? send_without_big_lock(box, user_message) : TRANSFER_NEEDS_BIG_LOCK;
    if (descriptor_try_done_without_big_lock(&held, status != TRANSFER_NEEDS_BIG_LOCK && status != SEND_AFTER_WAIT))
        return status;
    struct file *own = descriptor_file_for_big_lock(&held, fd);
    return descriptor_unhold(&held, status == SEND_AFTER_WAIT ? mbox_send_after_wait(own, user_message)
                                                              : mbox_send_file(own, user_message, flags));
}

static int mbox_recv_row(int fd, struct message *user_message, int flags)
{
    struct held_file held = HELD_NOTHING;
    struct mbox *box = box_without_big_lock(fd, flags, &held);
    int status = box ? recv_without_big_lock(box, user_message) : TRANSFER_NEEDS_BIG_LOCK;
    if (descriptor_try_done_without_big_lock(&held, status != TRANSFER_NEEDS_BIG_LOCK && status != RECEIVE_AFTER_WAIT))
        return status;
    struct file *own = descriptor_file_for_big_lock(&held, fd);
    return descriptor_unhold(&held, status == RECEIVE_AFTER_WAIT ? mbox_recv_after_wait(own, user_message)
                                                                 : mbox_recv_file(own, user_message, flags));
}

void mbox_calls_without_big_lock_start(void)
{
    /* cancellation points in a program of threads (the C library) */
    syscall_replace_without_big_lock_as_cancel_point(SYS_mbox_send, mbox_send_row);
    syscall_replace_without_big_lock_as_cancel_point(SYS_mbox_recv, mbox_recv_row);
}

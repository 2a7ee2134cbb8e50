/* kernel/ipc/msg_without_big_lock.c - msg_call, msg_reply and
 * msg_reply_recv on several CPUs without the big kernel lock: under the
 * peer's port lock, so that two client-server pairs run their round trips
 * at once on two CPUs (docs/smp.md, "Message calls without the big
 * lock").
 *
 * The rules are msg_call.c's; this is the fast path's usual case
 * (msg_fastpath.c) done under finer locks, and every other case takes the
 * big lock and goes the general way (msg_call, msg_reply,
 * msg_reply_recv, as one of msg_big_lock_users: msg_internal.h):
 *
 *   usual here                              the big lock's way
 *   --------------------------------------  -------------------------------------
 *   the trace off                           the trace on
 *   the peer blocked on its own_wait, for   not waiting yet, or for someone
 *     us (a receive, or our reply)            else; or about to run
 *   both messages in one present,           across a page boundary, or not
 *     writable page each (kernel views)       present yet
 *   nothing else in our inbox, no sender    something to take at once
 *   no call with the big lock uses message  one does (msg_big_lock_users)
 *     passing now
 *   no signal or other work pending         a signal (it ends the wait too)
 *
 * Each call looks at its peer in a lookup (sched/lookup.h), so that
 * the peer found is not freed under it, and changes the peer's port only
 * under that port's lock, with the peer blocked on its own_wait: then it
 * cannot run, nor exit, and in a process of one thread its pages cannot
 * change, so the view of its buffer it kept stays good. A process of
 * several threads keeps no view (msg_view_to_keep, msg_internal.h):
 * another thread could unmap the page meanwhile. The message then goes
 * through a walk of the peer's page tables in a window where a
 * shootdown of them waits for this CPU (smp_view_begin, arch/x86/
 * smp_ipi.h), and the caller's own message is looked at again in it, as
 * the spin for the peer's lock may have answered a shootdown of its own
 * pages. The caller's own port is set in the same lookup, before the
 * peer is woken.
 * Then it waits on its own own_wait under its own port's lock
 * (wait_queue_sleep_giving), which is the lock every waker takes
 * (msg_wake_owner, msg_internal.h): a reply given by either kind of call
 * is seen or wakes it. A wait ended by a signal takes the big lock, and
 * the general code decides what came (msg_wait.h), as with one CPU.
 *
 * A call that wakes its peer and then sleeps (msg_call, msg_reply_recv)
 * moves the peer to its own CPU, if the peer's affinity allows: it runs
 * there as soon as the caller sleeps, the one-CPU hand-off's way, and no
 * CPU is woken by an interrupt. With the boot option `msgipi`, or a peer
 * kept to another CPU, the peer is woken where the scheduler puts it (its
 * last CPU if idle), by a reschedule interrupt; a plain msg_reply, whose
 * server goes on running, always wakes its client that way (docs/smp.md,
 * "IPI or migration": both measured).
 *
 * Context of the calls: a system call without the big kernel lock,
 * interrupts off. */
#include "msg.h"
#include "msg_internal.h"
#include "msg_wait.h"

#include "arch/x86/cache_line.h"
#include "arch/x86/cpu.h"
#include "arch/x86/per_cpu.h"
#include "fs/file_without_big_lock.h"
#include "kernel/cmdline.h"
#include "kernel/syscall.h"
#include "subsystems/messages_calls.h"
#include "kernel/trace.h"
#include "proc/process.h"
#include "proc/thread.h"
#include "sched/lookup.h"
#include "sched/smp_wait.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/syscall.h"

/* 0 with `msgipi`: a call that sleeps after it woke its peer leaves the
 * peer on its own CPU (the file's opening comment). */
static READ_MOSTLY int msg_migrate_on = 1;

/* Wakes the peer asleep on `queue`, its own_wait: onto our CPU if we
 * sleep next (`we_sleep`) and may migrate, else where the scheduler puts
 * it. Context: the peer's port lock held. */
static inline void wake_peer(struct thread *peer, struct wait_queue *queue, int we_sleep)
{
    if (we_sleep && msg_migrate_on)
        peer->task.wake_onto_waker = 1;
    wait_queue_wake_all(queue);              /* the peer, alone there */
}

/* May a message from thread `from` still come to a receiver that waits
 * for it here? The thread exists and has not begun to end: once its
 * msg_port_exit has woken the receivers waiting for it, it stays in the
 * thread table a little longer, and a receiver that began to wait then
 * would wait for ever (the big lock's way answers ESRCH). Context: in a
 * lookup. */
static inline int sender_may_come(int from)
{
    struct thread *sender = thread_find(from);
    return sender && !sender->msg_port.ended;
}

/* May this call go on without the big lock (in a process of any number
 * of threads: the ports are the threads' own)? Then a lookup has begun
 * (end it with lookup_end), and no call with the big lock uses
 * message passing until it ends. */
static inline int lookup_without_big_lock(void)
{
    if (!call_of_any_thread_may_go_without_big_lock())
        return 0;
    lookup_begin();
    if (__atomic_load_n(&msg_big_lock_users, __ATOMIC_ACQUIRE) == 0)   /* read after begin's fence */
        return 1;
    lookup_end();
    return 0;
}

/* The running thread's message at `user_message`, whole in one present,
 * writable page of its own, seen through the kernel's map; NULL
 * otherwise. It stays good until this CPU answers a shootdown of its
 * pages, which a spin for a lock may do (delivery_begin looks again). */
static inline struct message *own_message(struct message *user_message, uint32_t *length)
{
    struct message *view = view_if_present(current_task->page_directory, (uint32_t)user_message,
                                           sizeof *user_message, 1);
    if (!view)
        return 0;
    *length = view->len;                    /* read once: the copy uses this value */
    return *length <= MSG_BODY_MAX ? view : 0;
}

/* The two views of one delivery to `peer`, asleep for it: `*sent`, our
 * message (own_message's, looked at again: msg_own_view_again), and the
 * peer's buffer at `buffer` (msg_view_of_waiter: the view it kept, or a
 * walk in a view window). Returns the buffer's view, or NULL (no window
 * left open) when either is not in one present, writable page now. End
 * with msg_view_end once the copy is made, before any spin. Context: the
 * peer's port lock held, in a lookup. */
static inline struct message *delivery_begin(const struct thread *peer, struct message *kept, uint32_t buffer,
                                             struct message *user_message, struct message **sent)
{
    *sent = msg_own_view_again(user_message, sizeof *user_message, 1);
    return *sent ? msg_view_of_waiter(peer, kept, buffer, sizeof(struct message), 1) : 0;
}

/* Is `thread` asleep on its own_wait (in msg_recv or msg_call), so that
 * what it waits for may be given into its views? Context: its port's
 * lock held, which a waiter without the big lock holds until it is
 * blocked (block_task_giving), and a waker takes. */
static inline int asleep_on_own_wait(const struct thread *thread)
{
    return thread->task.waiting_on == &thread->msg_port.own_wait &&
           __atomic_load_n(&thread->task.state, __ATOMIC_ACQUIRE) == TASK_BLOCKED;
}

/* Waits under our port's lock until `flag` (MESSAGE_RECEIVING or
 * MESSAGE_AWAITING_REPLY) is clear: the peer gave what we wait for.
 * Returns WAKE_NORMAL then, with *result the port's result; else how the
 * wait ended (a signal, or work to do first). */
static int wait_until_given(struct msg_port *own, unsigned flag, int peer, const char *reason, int *result)
{
    int woken = WAKE_NORMAL;
    spinlock_take(&own->lock);
    while ((own->waiting & flag) && woken == WAKE_NORMAL) {
        wait_queue_say_object((void *)(intptr_t)peer, thread_id_describe);
        woken = wait_queue_sleep_giving(&own->own_wait, reason);
    }
    *result = own->result;
    spinlock_give(&own->lock);
    return woken;
}

/* msg_call's wait for the reply. A wait that did not end with the reply
 * takes the big lock, and msg_wait_for_reply decides (the reply may have
 * come meanwhile) or waits on. */
static int wait_for_reply(struct msg_port *own, int to)
{
    int result;
    if (wait_until_given(own, MESSAGE_AWAITING_REPLY, to, "msg_call: waiting for the reply", &result) ==
        WAKE_NORMAL)
        return result;
    big_kernel_lock_take_late();
    msg_big_lock_use_begin();
    result = msg_wait_for_reply(own, to, 0);
    msg_big_lock_use_end();
    return result;
}

/* msg_recv's wait for the next message, into user_message; `after_reply`
 * for msg_reply_recv's. The same, with msg_wait_for_message: a message
 * that came counts. */
static int wait_for_message(struct msg_port *own, int from, struct message *user_message, int after_reply)
{
    int result;
    if (wait_until_given(own, MESSAGE_RECEIVING, from, "msg_recv", &result) == WAKE_NORMAL)
        return result < 0 ? result : 0;
    big_kernel_lock_take_late();
    msg_big_lock_use_begin();
    /* the view taken before the wait may be stale by now (another thread
     * unmapped the page, and ended): a new one, with the big lock */
    struct message *view = view_if_present(current_task->page_directory, (uint32_t)user_message,
                                           sizeof *user_message, 1);
    if (own->waiting & MESSAGE_RECEIVING)
        result = msg_wait_for_message(own, from, user_message, view, 0);
    else
        result = own->result < 0 ? own->result : 0;   /* it came before we looked */
    if (result == -ERESTARTNOHAND && after_reply)
        msg_note_reply_sent(own);
    msg_big_lock_use_end();
    return result;
}

/* msg_call to a server asleep in msg_recv (or msg_reply_recv) for us. 1
 * when done (*status: the call's result), 0 when the big lock's way must
 * do it (nothing was changed). */
static int call_without_big_lock(int to, struct message *user_message, int *status)
{
    struct thread *self = current_thread();
    struct msg_port *own = &self->msg_port;
    uint32_t length;
    struct message *sent = own_message(user_message, &length);
    if (!sent || own->call_interrupted || !lookup_without_big_lock())
        return 0;
    int done = 0;
    struct thread *server = thread_find(to);
    if (server && server != self) {
        struct msg_port *peer = &server->msg_port;
        spinlock_take(&peer->lock);
        int from = msg_receiving_from(peer);
        struct message *slot;
        if (asleep_on_own_wait(server) && (from == MSG_ANY || from == self->tid) &&
            (slot = delivery_begin(server, peer->receive_view, peer->receive_buffer, user_message, &sent))) {
            msg_deliver_through_views(slot, sent, sent->type, length, self->tid, server->tid);
            msg_view_end();
            peer->waiting = 0;              /* its msg_recv returns our tid */
            peer->result = self->tid;
            own->waiting = MESSAGE_AWAITING_REPLY;   /* ours, before the server can reply */
            own->peer = to;
            own->reply_buffer = (uint32_t)user_message;
            own->reply_view = msg_view_to_keep(sent);
            own->result = -EINTR;
            wake_peer(server, &peer->own_wait, 1);   /* we wait for the reply */
            done = 1;
        }
        spinlock_give(&peer->lock);
    }
    lookup_end();
    if (done)
        *status = wait_for_reply(own, to);
    return done;
}

/* Our port waits for the next message from `from` into `view`, the
 * kernel's view of user_message: set before a sender can see it. Context:
 * in a lookup. */
static void wait_for_message_from(struct msg_port *own, int from, struct message *user_message,
                                  struct message *view)
{
    own->waiting = MESSAGE_RECEIVING;
    own->peer = from;
    own->receive_buffer = (uint32_t)user_message;
    own->receive_view = msg_view_to_keep(view);
    own->result = 0;
}

/* Gives our reply, `sent` (`length` bytes of body), to `to`, asleep in
 * msg_call for it. 1 when given. For msg_reply_recv (`receive_buffer`
 * not 0) our port waits for the next message from `from` from then on,
 * before the client can run. Context: in a lookup. */
static int give_reply(int to, struct message *user_message, struct message *sent, uint32_t length,
                      uint32_t receive_buffer, int from)
{
    struct thread *self = current_thread();
    struct thread *client = thread_find(to);
    if (!client)
        return 0;
    struct msg_port *their = &client->msg_port;
    int given = 0;
    struct message *slot;
    spinlock_take(&their->lock);
    if (asleep_on_own_wait(client) && their->waiting == MESSAGE_AWAITING_REPLY && their->peer == self->tid &&
        (slot = delivery_begin(client, their->reply_view, their->reply_buffer, user_message, &sent))) {
        msg_deliver_through_views(slot, sent, sent->type, length, self->tid, client->tid);
        msg_view_end();
        their->waiting = 0;
        their->result = 0;
        if (receive_buffer)                  /* writable: checked by the caller */
            wait_for_message_from(&self->msg_port, from, (struct message *)receive_buffer,
                                  (struct message *)sent);
        wake_peer(client, &their->own_wait, receive_buffer != 0);   /* msg_reply_recv waits next */
        given = 1;
    }
    spinlock_give(&their->lock);
    return given;
}

static int reply_without_big_lock(int to, const struct message *user_message)
{
    uint32_t length;
    struct message *sent = own_message((struct message *)user_message, &length);
    if (!sent || !lookup_without_big_lock())
        return 0;
    int done = give_reply(to, (struct message *)user_message, sent, length, 0, 0);
    lookup_end();
    return done;
}

/* msg_reply_recv when the server will wait for its next message: nothing
 * in its inbox, no sender waiting. */
static int reply_recv_without_big_lock(int to, struct message *user_message, int from, int flags, int *status)
{
    struct msg_port *own = &current_thread()->msg_port;
    uint32_t length;
    struct message *sent = own_message(user_message, &length);
    if (!sent || flags || own->reply_sent_before_restart || !lookup_without_big_lock())
        return 0;
    int done = 0;
    /* the inbox and the senders change only with the big lock: not now */
    if (!own->inbox_count && !own->senders.first && (from == MSG_ANY || from == to || sender_may_come(from)))
        done = give_reply(to, user_message, sent, length, (uint32_t)user_message, from);
    lookup_end();
    if (done)
        *status = wait_for_message(own, from, user_message, 1);
    return done;
}

/* msg_recv when it will wait: nothing in the inbox, no sender waiting,
 * and a sender that may still come. Nobody else's port is touched. */
static int recv_without_big_lock(int from, struct message *user_message, int flags, int *status)
{
    struct msg_port *own = &current_thread()->msg_port;
    struct message *view = view_if_present(current_task->page_directory, (uint32_t)user_message,
                                           sizeof *user_message, 1);
    if (!view || flags || (from != MSG_ANY && from <= 0) || !lookup_without_big_lock())
        return 0;
    /* the inbox and the senders change only with the big lock: not now */
    int done = !own->inbox_count && !own->senders.first && (from == MSG_ANY || sender_may_come(from));
    if (done)
        wait_for_message_from(own, from, user_message, view);
    lookup_end();
    if (done)
        *status = wait_for_message(own, from, user_message, 0);
    return done;
}

/* ---- the rows: without the big lock when the usual case applies ---- */

static int msg_call_row(int to, struct message *user_message)
{
    int status = 0;                   /* (set when done; the compiler cannot tell) */
    int done = call_without_big_lock(to, user_message, &status);
    syscall_done_without_big_lock(done);
    if (!done) {
        msg_big_lock_use_begin();
        status = msg_call(to, user_message);
        msg_big_lock_use_end();
    }
    return status;
}

static int msg_reply_row(int to, const struct message *user_message)
{
    int done = reply_without_big_lock(to, user_message);
    syscall_done_without_big_lock(done);
    if (done)
        return 0;
    msg_big_lock_use_begin();
    int status = msg_reply(to, user_message);
    msg_big_lock_use_end();
    return status;
}

static int msg_reply_recv_row(int to, struct message *user_message, int from, int flags)
{
    int status = 0;                   /* (set when done; the compiler cannot tell) */
    int done = reply_recv_without_big_lock(to, user_message, from, flags, &status);
    syscall_done_without_big_lock(done);
    if (!done) {
        msg_big_lock_use_begin();
        status = msg_reply_recv(to, user_message, from, flags);
        msg_big_lock_use_end();
    }
    return status;
}

/* The calls that always take the big lock, as users (msg_internal.h). */
static int msg_send_row(int to, const struct message *user_message, int flags)
{
    msg_big_lock_use_begin();
    int status = sys_msg_send(to, user_message, flags);
    msg_big_lock_use_end();
    return status;
}

static int msg_recv_row(int from, struct message *user_message, int flags)
{
    int status = 0;                   /* (set when done; the compiler cannot tell) */
    int done = recv_without_big_lock(from, user_message, flags, &status);
    syscall_done_without_big_lock(done);
    if (!done) {
        msg_big_lock_use_begin();
        status = sys_msg_recv(from, user_message, flags);
        msg_big_lock_use_end();
    }
    return status;
}

static int msg_recv_with_big_lock(int from, struct message *user_message, int flags)
{
    msg_big_lock_use_begin();
    int status = sys_msg_recv(from, user_message, flags);
    msg_big_lock_use_end();
    return status;
}

/* With `nofastpath` (and in the msg_call lab's tree), the three calls take
 * the big lock too. */
static int msg_call_with_big_lock(int to, struct message *user_message)
{
    msg_big_lock_use_begin();
    int status = msg_call(to, user_message);
    msg_big_lock_use_end();
    return status;
}

static int msg_reply_with_big_lock(int to, const struct message *user_message)
{
    msg_big_lock_use_begin();
    int status = msg_reply(to, user_message);
    msg_big_lock_use_end();
    return status;
}

static int msg_reply_recv_with_big_lock(int to, struct message *user_message, int from, int flags)
{
    msg_big_lock_use_begin();
    int status = msg_reply_recv(to, user_message, from, flags);
    msg_big_lock_use_end();
    return status;
}

void msg_calls_without_big_lock_start(void)
{
    msg_migrate_on = !cmdline_option(&kernel_cmdline, "msgipi");
    syscall_replace(SYS_msg_send, msg_send_row);
    if (!msg_fast_path_on) {               /* `nofastpath` (msg_fastpath.c) */
        syscall_replace(SYS_msg_recv, msg_recv_with_big_lock);
        syscall_replace(SYS_msg_call, msg_call_with_big_lock);
        syscall_replace(SYS_msg_reply, msg_reply_with_big_lock);
        syscall_replace(SYS_msg_reply_recv, msg_reply_recv_with_big_lock);
        return;
    }
    /* the libc makes msg_recv and msg_call cancellation points */
    syscall_replace_without_big_lock_as_cancel_point(SYS_msg_recv, msg_recv_row);
    syscall_replace_without_big_lock_as_cancel_point(SYS_msg_call, msg_call_row);
    syscall_replace_without_big_lock(SYS_msg_reply, msg_reply_row);
    syscall_replace_without_big_lock(SYS_msg_reply_recv, msg_reply_recv_row);
}

/* kernel/ipc/msg_fastpath.c - the client-server round trip, short.
 *
 * msg_call, msg_reply and msg_reply_recv enter the kernel here. msg.c
 * says what they do in every case (msg_call, msg_reply,
 * msg_reply_recv); a server spends nearly all its time in one case,
 * and this file does that case in few instructions, the way L4 and seL4
 * put an IPC "fast path" in front of their general code:
 *
 *   client: msg_call(server, m)      server: msg_recv or msg_reply_recv
 *                                            ... waits for a call ...
 *     the server waits for us:  -->  copy m straight into its buffer,
 *     we wait for the reply and      give it the CPU (no ready list)
 *     the server runs at once
 *                                    server: msg_reply_recv(client, m, ...)
 *     ... waits ...             <--  copy m straight into the client's
 *                                    buffer; the server waits again and
 *     the client runs at once        gives the client the CPU
 *                                    (msg_reply: the client is made ready)
 *
 * What makes it short: both buffers are reached through the kernel's
 * direct map of physical memory (kernel/mm/memory_layout.h), after one
 * page-table walk each (and a buffer whose owner now waits in the fast
 * path is remembered as its view: receive_view and reply_view in
 * msg.h, so the peer walks nothing), so the copy is a plain string copy
 * of the body that cannot fault; the kernel writes the header itself; and
 * the general code's preparations (touching the buffers so
 * that a later copy cannot fault, re-reading the header) have nothing to
 * do when every page involved is present and writable already.
 *
 * Each *_fast function checks every condition of its case first. When one
 * fails (a buffer across a page boundary or not present yet, a signal
 * pending, a call interrupted earlier, nobody waiting) it returns false
 * having changed nothing, and the general code does the work, with the
 * same result. The message tests run with and without the
 * fast path (the boot option `nofastpath`). docs/message-passing.md, "The
 * fast path". */
#include <stdbool.h>

#include "msg.h"
#include "msg_internal.h"
#include "msg_wait.h"

#include "arch/x86/cache_line.h"
#include "ipc_list.h"
#include "ipc/signal.h"
#include "kernel/cmdline.h"
#include "kernel/trace.h"
#include "mm/cross_copy.h"
#include "proc/process.h"
#include "proc/thread.h"
#include "sched/scheduler.h"
#include "sched/task.h"
#include "syscall.h"
#include "subsystems/messages_calls.h"
#include "uapi/syscall.h"

READ_MOSTLY int msg_fast_path_on = 1;

/* With `nofastpath`, the system call table calls the general code itself. */
void msg_fast_path_init(void)
{
    // LAB(msg_call) BEGIN: the fast path is off in the lab's tree: remove "1 ||" once your msg_call works
    if (cmdline_option(&kernel_cmdline, "nofastpath")) {
    // LAB(msg_call) STUB
    // if (1 || cmdline_option(&kernel_cmdline, "nofastpath")) {
    // LAB(msg_call) END
        syscall_replace(SYS_msg_call, msg_call);
        syscall_replace(SYS_msg_reply, msg_reply);
        syscall_replace(SYS_msg_reply_recv, msg_reply_recv);
        msg_fast_path_on = 0;
    }
}

/* msg_call to a server that waits for us in msg_recv (or msg_reply_recv).
 * Returns whether it took the call: then *status is the call's result.
 * Context: a system call (kernel lock held); sleeps. */
static inline __attribute__((always_inline)) bool call_fast(int to, struct message *user_message, int *status)
{
    struct task *task = current_task;
    struct thread *self = thread_of(task);
    struct thread *server = thread_find(to);
    if (!server || server == self || task->user_work_pending)
        return false;
    struct msg_port *own = &self->msg_port;
    struct msg_port *peer = &server->msg_port;
    /* the server must wait in msg_recv for us (then it is alive) */
    int from = msg_receiving_from(peer);
    if (own->call_interrupted || (from != MSG_ANY && from != self->tid))
        return false;
    /* our message, which also takes the reply: one writable page */
    struct message *sent = view_if_present(task->page_directory, (uint32_t)user_message, sizeof *user_message, 1);
    if (!sent)
        return false;
    uint32_t length = sent->len;            /* read once: the copy uses this value */
    if (length > MSG_BODY_MAX)
        return false;
    struct message *slot = msg_receive_slot(server, MSG_HEADER_SIZE + length);
    if (!slot)
        return false;

    msg_deliver_through_views(slot, sent, sent->type, length, self->tid, server->tid);
    trace_thread_event(self, "send", "to=%d type=%d len=%u mode=call via=direct", server->tid, sent->type, length);
    trace_thread_event(server, "recv", "from=%d type=%d len=%u via=direct", self->tid, sent->type, length);
    peer->waiting = 0;                      /* its msg_recv returns our pid */
    peer->result = self->tid;
    own->waiting = MESSAGE_AWAITING_REPLY;
    own->peer = to;
    own->reply_buffer = (uint32_t)user_message;
    own->reply_view = msg_view_to_keep(sent);   /* the whole message, writable: see msg.h */
    *status = msg_wait_for_reply(own, to, &server->task);
    return true;
}

/* A reply the fast path can give: the client waits in msg_call for us,
 * our message lies in one present page (writable too, when `writable`: it
 * is also where msg_reply_recv receives), and so does the client's buffer
 * for all of it. */
struct fast_reply {
    struct thread *client;
    struct message *sent;                   /* our message: kernel view */
    struct message *slot;                   /* the client's buffer: kernel view */
    uint32_t length;
};

static inline __attribute__((always_inline)) int prepare_reply(int to, const struct message *user_message,
                                                                int writable, struct fast_reply *reply)
{
    struct thread *self = current_thread();
    struct thread *client = thread_find(to);
    if (!client)
        return 0;
    struct msg_port *their = &client->msg_port;
    if (their->waiting != MESSAGE_AWAITING_REPLY || their->peer != self->tid)
        return 0;                           /* the general code answers EINVAL */
    reply->sent = view_if_present(current_task->page_directory, (uint32_t)user_message, sizeof *user_message,
                                  writable);
    if (!reply->sent)
        return 0;
    reply->length = reply->sent->len;
    if (reply->length > MSG_BODY_MAX)
        return 0;
    reply->slot = their->reply_view ? their->reply_view :
                  view_if_present(client->task.page_directory, their->reply_buffer,
                                  MSG_HEADER_SIZE + reply->length, 1);
    reply->client = client;
    return reply->slot != 0;
}

/* Gives the prepared reply: the client's msg_call may return from now on. */
static inline __attribute__((always_inline)) void give_reply(const struct fast_reply *reply)
{
    struct thread *self = current_thread(), *client = reply->client;
    msg_deliver_through_views(reply->slot, reply->sent, reply->sent->type, reply->length, self->tid,
                                  client->tid);
    trace_thread_event(self, "send", "to=%d type=%d len=%u mode=reply via=direct", client->tid,
                reply->sent->type, reply->length);
    trace_thread_event(client, "recv", "from=%d type=%d len=%u via=reply", self->tid, reply->sent->type,
                reply->length);
    client->msg_port.waiting = 0;
    client->msg_port.result = 0;
}

static inline int waits_for_reply(const struct thread *client)
{
    return client->task.waiting_on == &client->msg_port.own_wait;
}

/* msg_reply to a client waiting for it. Returns whether it gave the
 * reply (then the call's result is 0). */
static inline __attribute__((always_inline)) bool reply_fast(int to, const struct message *user_message)
{
    struct fast_reply reply;
    if (!prepare_reply(to, user_message, 0, &reply))
        return false;
    give_reply(&reply);
    if (waits_for_reply(reply.client))
        wait_queue_wake_task(&reply.client->task);
    return true;
}

/* msg_reply_recv when the server will have to wait for its next message:
 * nothing in its inbox, no sender waiting, no signal to take. Then the
 * client it answers runs at once, in the server's place. Returns whether
 * it took the call: then *status is its result. Context: a system call (kernel lock held); sleeps. */
static inline __attribute__((always_inline)) bool reply_recv_fast(int to, struct message *user_message,
                                                                   int from, int flags, int *status)
{
    struct task *task = current_task;
    struct msg_port *own = &thread_of(task)->msg_port;
    if (flags || own->inbox_count || own->senders.first || task->user_work_pending ||
        own->reply_sent_before_restart)     /* restarted: only the receive is left to do */
        return false;
    /* a sender that can never come: ESRCH from the general code (the
     * client itself, from == to, is checked by prepare_reply) */
    if (from != MSG_ANY && from != to && !msg_sender_alive(from))
        return false;
    struct fast_reply reply;
    if (!prepare_reply(to, user_message, 1, &reply) || !waits_for_reply(reply.client))
        return false;
    give_reply(&reply);
    *status = msg_wait_for_message(own, from, user_message, reply.sent, &reply.client->task);
    if (*status == -ERESTARTNOHAND)
        msg_note_reply_sent(own);
    return true;
}

/* ---- the system calls: the fast path first, else the general code ---- */

int sys_msg_call(int to, struct message *user_message)
{
    int status;
    return call_fast(to, user_message, &status) ? status : msg_call(to, user_message);
}

int sys_msg_reply(int to, const struct message *user_message)
{
    return reply_fast(to, user_message) ? 0 : msg_reply(to, user_message);
}

int sys_msg_reply_recv(int to, struct message *user_message, int from, int flags)
{
    int status;
    return reply_recv_fast(to, user_message, from, flags, &status) ? status
                                                                  : msg_reply_recv(to, user_message, from, flags);
}

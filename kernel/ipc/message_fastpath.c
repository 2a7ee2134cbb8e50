/* kernel/ipc/message_fastpath.c - the client-server round trip, short.
 *
 * message.c says what msg_call and msg_reply do in every case. A server
 * spends nearly all its time in one case, and this file does that case in
 * few instructions, the way L4 and seL4 put an IPC "fast path" in front of
 * their general code:
 *
 *   client: msg_call(server, m)      server: msg_recv(client or MSG_ANY, m)
 *                                             ... waits ...
 *     the server waits for us:  -->  copy m straight into its buffer,
 *     we wait for the reply and      give it the CPU (no ready list)
 *     the server runs at once
 *                                            msg_reply(client, m)
 *     ... waits ...             <--  copy m straight into the client's
 *                                    buffer, make the client ready
 *
 * What makes it short: both buffers are reached through the kernel's
 * direct map of physical memory (kernel/mm/memory_layout.h), after one
 * page-table walk each, so the copy is a plain memcpy that cannot fault;
 * the header is written field by field (src and dst are the kernel's
 * word); and the general code's preparations (touching the buffers so that
 * a later copy cannot fault, re-reading the header) have nothing to do when
 * every page involved is present and writable already.
 *
 * Each function checks every condition of its case first. When one fails
 * (a buffer across a page boundary or not present yet, a signal pending, a
 * call interrupted earlier, nobody waiting) it returns FAST_PATH_NOT_TAKEN
 * having changed nothing, and the general code does the work, with the
 * same result. The message tests run with and without the fast path (the
 * boot option `nofastpath`, kernel/cmdline.c). */
#include "message.h"

#include "ipc_list.h"
#include "kernel/cmdline.h"
#include "kernel/trace.h"
#include "lib/string.h"
#include "mm/cross_copy.h"
#include "proc/process.h"
#include "sched/scheduler.h"
#include "sched/task.h"

int message_fast_path_enabled = 1;

void message_fast_path_init(void)
{
    if (cmdline_option(&kernel_cmdline, "nofastpath"))
        message_fast_path_enabled = 0;
}

/* Writes the message `sent` (already checked: len <= MSG_BODY_MAX) into
 * `slot` with the kernel's src and dst. Both are kernel views. */
static inline void deliver(struct message *slot, const struct message *sent, uint32_t length, int src, int dst)
{
    slot->src = src;
    slot->dst = dst;
    slot->type = sent->type;
    slot->len = length;
    memcpy(slot->body, sent->body, length);     /* rep movsd: four bytes a step */
}

int message_call_fast(int to, struct message *user_message)
{
    struct task *task = current_task;
    struct process *self = task->process;
    struct process *server = process_find(to);
    if (!server || server == self || task->user_work_pending || !message_fast_path_enabled)
        return FAST_PATH_NOT_TAKEN;
    struct message_port *own = &self->message_port;
    struct message_port *peer = &server->message_port;
    /* the server must wait in msg_recv for us (then it is alive) */
    if (own->call_interrupted || (peer->receiving_from != MSG_ANY && peer->receiving_from != self->pid))
        return FAST_PATH_NOT_TAKEN;
    /* our message, which also takes the reply: one writable page */
    struct message *sent = view_if_present(self->address_space, (uint32_t)user_message, sizeof *user_message, 1);
    if (!sent)
        return FAST_PATH_NOT_TAKEN;
    uint32_t length = sent->len;            /* read once: the copy uses this value */
    if (length > MSG_BODY_MAX)
        return FAST_PATH_NOT_TAKEN;
    struct message *slot = view_if_present(server->address_space, peer->receive_buffer,
                                           MSG_HEADER_SIZE + length, 1);
    if (!slot)
        return FAST_PATH_NOT_TAKEN;

    deliver(slot, sent, length, self->pid, server->pid);
    trace_event("send pid=%d to=%d type=%d len=%u mode=call via=direct", self->pid, server->pid, sent->type, length);
    trace_event("recv pid=%d from=%d type=%d len=%u via=direct", server->pid, self->pid, sent->type, length);
    peer->receiving_from = 0;               /* its msg_recv returns our pid */
    peer->result = self->pid;
    own->awaiting_reply_from = to;
    own->reply_buffer = (uint32_t)user_message;
    return message_wait_for_reply(own, to, server->task);
}

int message_reply_fast(int to, const struct message *user_message)
{
    struct process *self = current_task->process;
    struct process *client = process_find(to);
    if (!client || client->state != PROCESS_ALIVE || !message_fast_path_enabled)
        return FAST_PATH_NOT_TAKEN;
    struct message_port *their = &client->message_port;
    if (their->awaiting_reply_from != self->pid || their->sending_to)
        return FAST_PATH_NOT_TAKEN;         /* the general code answers EINVAL */
    const struct message *sent = view_if_present(self->address_space, (uint32_t)user_message,
                                                 sizeof *user_message, 0);
    if (!sent)
        return FAST_PATH_NOT_TAKEN;
    uint32_t length = sent->len;
    if (length > MSG_BODY_MAX)
        return FAST_PATH_NOT_TAKEN;
    struct message *slot = view_if_present(client->address_space, their->reply_buffer,
                                           MSG_HEADER_SIZE + length, 1);
    if (!slot)
        return FAST_PATH_NOT_TAKEN;

    deliver(slot, sent, length, self->pid, client->pid);
    trace_event("send pid=%d to=%d type=%d len=%u mode=reply via=direct", self->pid, client->pid, sent->type, length);
    trace_event("recv pid=%d from=%d type=%d len=%u via=reply", client->pid, self->pid, sent->type, length);
    their->awaiting_reply_from = 0;
    their->result = 0;
    if (client->task->waiting_on == &their->own_wait)
        wait_queue_wake_task(client->task);
    return 0;
}

/* kernel/ipc/msg_call.c - the client-server calls of direct message
 * passing, in every case (the usual case first goes through the fast
 * path, msg_fastpath.c):
 *
 *   msg_call(server, m)       send m, then wait for the reply, which
 *                             overwrites m                -> msg_call
 *   msg_reply(client, m)      answer a client waiting in msg_call; never
 *                             waits                       -> msg_reply
 *   msg_reply_recv(client, m, from, flags)
 *                             msg_reply, then msg_recv, in one call; the
 *                             CPU goes straight to the client
 *                                                         -> msg_reply_recv
 *
 * A signal whose handler runs ends a wait with EINTR; a stop and a continue
 * restart the call, which then only waits: the port remembers what went
 * already (call_interrupted, reply_sent_before_restart), and
 * msg_call_abandon forgets it when a handler runs instead. The send and
 * the receive themselves are msg.c's; docs/message-passing.md. */
#include "msg.h"
#include "msg_internal.h"
#include "msg_wait.h"

#include "ipc_list.h"
#include "kernel/trace.h"
#include "mm/cross_copy.h"
#include "proc/process.h"
#include "proc/thread.h"
#include "sched/task.h"
#include "syscall.h"
#include "subsystems/messages_calls.h"
#include "uapi/errno.h"

int msg_call(int to, struct message *user_message)
{
    struct thread *self = current_thread();
    struct msg_port *own = &self->msg_port;
    // LAB(msg_call) BEGIN: a call restarted after a stop and a continue only waits for the reply
    if (own->call_interrupted) {            /* restarted after a stop: the message went already */
        own->call_interrupted = 0;
        return msg_wait_for_reply(own, to, 0);
    }
    // LAB(msg_call) STUB
    // LAB(msg_call) END
    struct message sent;
    int status = msg_read_header(user_message, &sent);
    if (status == 0)
        status = msg_prepare_receive_buffer(user_message);
    if (status < 0)
        return status;
    struct thread *target = thread_find(to);
    if (!target)
        return -ESRCH;
    if (target == self)
        return -EDEADLK;

    // LAB(msg_call) BEGIN: send the request, then wait for the reply
    own->waiting = MESSAGE_AWAITING_REPLY;  /* msg_reply may come as soon as it is received */
    own->peer = to;
    own->reply_buffer = (uint32_t)user_message;
    own->reply_view = 0;
    struct task *hand_to = NULL;            /* the server, if it waited: it runs at once */
    status = msg_send_sync(target, user_message, &sent, 0, &hand_to);
    if (status < 0) {
        own->waiting = 0;
        return status;
    }
    return msg_wait_for_reply(own, to, hand_to);
    // LAB(msg_call) STUB
    // (void)own;
    // return -ENOSYS;                     /* to do: send as msg_send does, then wait for the reply */
    // LAB(msg_call) END
}

void msg_note_reply_sent(struct msg_port *own)
{
    own->reply_sent_before_restart = 1;
    current_thread()->abandon_interrupted_call = msg_call_abandon;
}

void msg_call_abandon(struct thread *thread)
{
    struct msg_port *own = &thread->msg_port;
    if (own->call_interrupted) {
        own->call_interrupted = 0;
        own->waiting = 0;                   /* a late reply now gets EINVAL */
    }
    own->reply_sent_before_restart = 0;     /* msg_reply_recv ends with EINTR */
}

int msg_reply(int to, const struct message *user_message)
{
    // LAB(msg_call) BEGIN: answer a client waiting for our reply, and wake it
    struct thread *self = current_thread();
    struct thread *client = thread_find(to);
    if (!client)
        return -EINVAL;
    struct msg_port *their = &client->msg_port;
    if (their->waiting != MESSAGE_AWAITING_REPLY || their->peer != self->tid)
        return -EINVAL;                     /* not waiting for a reply from us (yet) */
    struct message sent;
    int status = msg_read_header(user_message, &sent);
    if (status < 0)
        return status;
    struct message header;
    msg_set_header(&header, self->tid, client->tid, sent.type, sent.len);
    if ((status = copy_message_into_space(client->task.process->address_space, their->reply_buffer, &header,
                                          user_message->body, sent.len)) < 0)
        return status;                      /* the client keeps waiting for a good reply */
    trace_thread_event(self, "send", "to=%d type=%d len=%u mode=reply via=direct", client->tid,
                sent.type, sent.len);
    trace_thread_event(client, "recv", "from=%d type=%d len=%u via=reply", self->tid, sent.type, sent.len);
    their->waiting = 0;
    their->result = 0;
    msg_wake_owner(client);                 /* if it sleeps on its own_wait */
    return 0;
    // LAB(msg_call) STUB
    // (void)to;
    // (void)user_message;
    // return -EINVAL;                     /* as handed out, nobody awaits a reply: msg_call is ENOSYS */
    // LAB(msg_call) END
}

/* The receive half of msg_reply_recv; a signal that ends the wait leaves a
 * note, so that a restarted call (after a stop and a continue) does not
 * send the reply a second time. Context: a system call (kernel lock held); sleeps. */
static int receive_after_reply(int from, struct message *user_message, int flags)
{
    int status = sys_msg_recv(from, user_message, flags);
    if (status == -ERESTARTNOHAND)
        msg_note_reply_sent(&current_thread()->msg_port);
    return status;
}

int msg_reply_recv(int to, struct message *user_message, int from, int flags)
{
    struct msg_port *own = &current_thread()->msg_port;
    if (own->reply_sent_before_restart) {   /* restarted: the reply went already */
        own->reply_sent_before_restart = 0;
        return receive_after_reply(from, user_message, flags);
    }
    /* what the receive would refuse is refused before the reply goes, so
     * that an error means the reply did not go (but EAGAIN and EINTR: they
     * come from the receive, after the reply) */
    int status = msg_receive_refused(from, flags);
    if (status == 0)
        status = msg_prepare_receive_buffer(user_message);
    if (status < 0 || (status = msg_reply(to, user_message)) < 0)
        return status;                      /* nothing sent, nothing received */
    return receive_after_reply(from, user_message, flags);
}

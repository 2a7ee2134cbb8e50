/* user/tools/stress/messages.c - the kernel's own message passing under load
 * (message(7), mailbox(7)): mailboxes of capacity 0, 1, 16 and unbounded, direct
 * messages sent synchronously and asynchronously, msg_call/msg_reply, and
 * servers looping on msg_reply_recv.
 *
 * A record travels as a message body (216 bytes at most, under the 240 of
 * MSG_BODY_MAX). Direct senders each have one receiver (producer p sends to
 * consumer p % C), and messages from one sender arrive in the order sent,
 * so order is checked there; a mailbox hands each message to one of many
 * receivers, so only exactly-once is. A signal ends any waiting msg_* or
 * mbox_* call with EINTR, and then the message was not sent or taken: the
 * call is made again. msg_call is the exception: its EINTR may come after
 * the server took the request, so in the run with signals each client
 * blocks SIGUSR1 around its calls. */
#include <errno.h>
#include <fcntl.h>
#include <ipc.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "stress.h"

struct messages {
    int mailbox;
    char name[32];
};

static struct messages *messages_of(struct run *run)
{
    return run->context;
}

static void to_message(struct message *message, const struct record *record)
{
    memset(message, 0, 16);
    message->type = (int32_t)record->sender;
    message->len = record_size(record);
    memcpy(message->body, record, message->len);
}

static void take_message(struct run *run, const struct message *message, int ordered_here)
{
    if (message->len > MSG_BODY_MAX) {
        note_error(run, "a message longer than MSG_BODY_MAX", EIO);
        return;
    }
    record_take(run, (const struct record *)message->body, message->len, ordered_here);
}

/* ---- mailboxes ------------------------------------------------------------- */

static int mailbox_setup(struct run *run, unsigned capacity, struct messages *messages)
{
    run->context = messages;
    snprintf(messages->name, sizeof messages->name, "stress.%d.%u", getpid(), capacity % 1000);
    mbox_unlink(messages->name);
    messages->mailbox = mbox_open(messages->name, O_CREAT | O_EXCL, capacity);
    return messages->mailbox < 0 ? -1 : 0;
}

static int mailbox_0_setup(struct run *run) { static struct messages m; return mailbox_setup(run, 0, &m); }
static int mailbox_1_setup(struct run *run) { static struct messages m; return mailbox_setup(run, 1, &m); }
static int mailbox_16_setup(struct run *run) { static struct messages m; return mailbox_setup(run, 16, &m); }
static int mailbox_unbounded_setup(struct run *run)
{
    static struct messages m;
    return mailbox_setup(run, MBOX_UNBOUNDED, &m);
}

static void mailbox_produce(struct run *run, unsigned producer)
{
    struct record record;
    struct message message;
    for (unsigned sequence = 0; sequence < run->per_producer; sequence++) {
        record_fill(&record, producer, sequence, stress_seed());
        to_message(&message, &record);
        while (mbox_send(messages_of(run)->mailbox, &message, 0) < 0) {
            if (errno == ENOMEM) {          /* unbounded: the kernel's budget is spent for now */
                sched_yield();
                continue;
            }
            if (!interrupted(run)) {
                note_error(run, "mbox_send", errno);
                return;
            }
        }
        note_progress(run);
    }
}

static void mailbox_consume(struct run *run, unsigned consumer)
{
    (void)consumer;
    struct message message;
    for (;;) {
        if (mbox_recv(messages_of(run)->mailbox, &message, 0) < 0) {
            if (!interrupted(run)) {
                note_error(run, "mbox_recv", errno);
                for (;;)
                    pause();
            }
            continue;
        }
        take_message(run, &message, 0);
    }
}

static void mailbox_teardown(struct run *run)
{
    mbox_unlink(messages_of(run)->name);
    close(messages_of(run)->mailbox);
}

/* ---- direct messages --------------------------------------------------------- */

static int direct_setup(struct run *run)
{
    static struct messages sync_messages, async_messages, call_messages;
    run->context = !strcmp(run->name, "msg-sync") ? &sync_messages
                 : !strcmp(run->name, "msg-async") ? &async_messages : &call_messages;
    memset(run->context, 0, sizeof(struct messages));
    return run->consumers <= PRODUCERS_MAX ? 0 : -1;
}

/* The pid of consumer c: the parent forks the consumers first. */
static int receiver_pid(struct run *run, unsigned consumer)
{
    return run->board->consumer_pids[consumer];
}

static void direct_send(struct run *run, unsigned producer, int flags)
{
    int to = receiver_pid(run, producer % run->consumers);
    struct record record;
    struct message message;
    for (unsigned sequence = 0; sequence < run->per_producer; sequence++) {
        record_fill(&record, producer, sequence, stress_seed());
        to_message(&message, &record);
        while (msg_send(to, &message, flags) < 0) {
            /* the inbox holds 64, and held messages share a kernel-wide
             * budget (ENOMEM): let the receiver drain them */
            if ((errno == EAGAIN || errno == ENOMEM) && (flags & MSG_ASYNC)) {
                sched_yield();
                continue;
            }
            if (!interrupted(run)) {
                note_error(run, flags ? "msg_send MSG_ASYNC" : "msg_send", errno);
                return;
            }
        }
        note_progress(run);
    }
}

static void sync_produce(struct run *run, unsigned producer) { direct_send(run, producer, 0); }
static void async_produce(struct run *run, unsigned producer) { direct_send(run, producer, MSG_ASYNC); }

static void direct_consume(struct run *run, unsigned consumer)
{
    (void)consumer;
    struct message message;
    for (;;) {
        if (msg_recv(MSG_ANY, &message, 0) < 0) {
            if (!interrupted(run)) {
                note_error(run, "msg_recv", errno);
                for (;;)
                    pause();
            }
            continue;
        }
        take_message(run, &message, 1);
    }
}

/* ---- msg_call and msg_reply ---------------------------------------------- */

#define REPLY_MARK 0x5a5a5a5a

static void call_produce(struct run *run, unsigned producer)
{
    int server = receiver_pid(run, producer % run->consumers);
    struct record record;
    struct message message;
    sigset_t quiet, old;
    sigemptyset(&quiet);
    sigaddset(&quiet, SIGUSR1);
    for (unsigned sequence = 0; sequence < run->per_producer; sequence++) {
        record_fill(&record, producer, sequence, stress_seed());
        to_message(&message, &record);
        sigprocmask(SIG_BLOCK, &quiet, &old);
        int result;
        while ((result = msg_call(server, &message)) < 0 && interrupted(run))
            ;
        sigprocmask(SIG_SETMASK, &old, 0);
        if (result < 0) {
            note_error(run, "msg_call", errno);
            return;
        }
        if (message.src != server || message.type != (int32_t)(record.checksum ^ REPLY_MARK))
            note_error(run, "msg_call: the reply is not the server's answer to this request", EIO);
        note_progress(run);
    }
}

/* The server's answer to a request: made from its record, so the client
 * can tell it answers this request. */
static void answer(struct message *message)
{
    message->type = (int32_t)(((const struct record *)message->body)->checksum ^ REPLY_MARK);
    message->len = 0;
}

static void call_serve(struct run *run, unsigned consumer)
{
    (void)consumer;
    struct message message;
    for (;;) {
        if (msg_recv(MSG_ANY, &message, 0) < 0) {
            if (!interrupted(run)) {
                note_error(run, "msg_recv (server)", errno);
                for (;;)
                    pause();
            }
            continue;
        }
        take_message(run, &message, 1);
        int client = message.src;
        answer(&message);
        if (msg_reply(client, &message) < 0)
            note_error(run, "msg_reply", errno);
    }
}

/* The same service written as a server's loop: msg_reply_recv answers a
 * client and takes the next call in one system call. EINTR comes from
 * its receive half, after the reply went: then it only receives again. */
static void reply_recv_serve(struct run *run, unsigned consumer)
{
    (void)consumer;
    struct message message;
    int client = 0;                         /* 0: nobody to answer yet */
    for (;;) {
        int result = client ? msg_reply_recv(client, &message, MSG_ANY, 0) : msg_recv(MSG_ANY, &message, 0);
        if (result < 0) {
            if (!interrupted(run)) {
                note_error(run, client ? "msg_reply_recv" : "msg_recv (server)", errno);
                for (;;)
                    pause();
            }
            client = 0;                     /* answered (EINTR comes after the reply): receive only */
            continue;
        }
        take_message(run, &message, 1);
        client = message.src;
        answer(&message);
    }
}

const struct mechanism message_mechanisms[] = {
    { "mbox-0", 16, 16, 0, mailbox_0_setup, mailbox_produce, mailbox_consume, 0, mailbox_teardown },
    { "mbox-1", 16, 16, 0, mailbox_1_setup, mailbox_produce, mailbox_consume, 0, mailbox_teardown },
    { "mbox-16", 16, 16, 0, mailbox_16_setup, mailbox_produce, mailbox_consume, 0, mailbox_teardown },
    { "mbox-unbounded", 16, 16, 0, mailbox_unbounded_setup, mailbox_produce, mailbox_consume, 0,
      mailbox_teardown },
    { "msg-sync", 24, 8, 1, direct_setup, sync_produce, direct_consume, 0, 0 },
    { "msg-async", 24, 8, 1, direct_setup, async_produce, direct_consume, 0, 0 },
    { "msg-call", 24, 8, 1, direct_setup, call_produce, call_serve, 0, 0 },
    { "msg-reply-recv", 24, 8, 1, direct_setup, call_produce, reply_recv_serve, 0, 0 },
};
const unsigned message_count = sizeof message_mechanisms / sizeof message_mechanisms[0];

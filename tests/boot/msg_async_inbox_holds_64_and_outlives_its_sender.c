/* tests/boot/msg_async_inbox_holds_64_and_outlives_its_sender.c - MSG_ASYNC
 * leaves the message in the receiver's inbox and returns at once
 * (msg_send(2)):
 *  - the inbox holds MSG_INBOX_CAPACITY (64) messages; the next MSG_ASYNC
 *    gets EAGAIN, and one msg_recv makes room for one more;
 *  - inbox messages come out in the order sent, with msg_recv(from) taking
 *    the oldest from that sender and leaving the others;
 *  - an asynchronous message stays deliverable after its sender exits,
 *    and after it has been reaped;
 *  - a receive buffer that is not writable is EFAULT and the message stays
 *    for a good one;
 *  - the kernel counts the messages it holds, and frees them all: those
 *    received, and those left in the inbox of a process that exits. */
#include <ipc.h>

#include "boot_test.h"
#include "boot_wait.h"

static void numbered(struct message *m, int number)
{
    memset(m, 0, sizeof *m);
    m->type = number;
    m->len = (uint32_t)snprintf(m->body, sizeof m->body, "async %d", number) + 1;
}

static void inbox_holds_64_then_eagain(void)
{
    int go[2];
    pipe(go);
    pid_t receiver = fork();
    if (receiver == 0) {
        char c;
        read(go[0], &c, 1);                      /* not receiving until told */
        struct message m;
        for (int i = 0; i < MSG_INBOX_CAPACITY + 1; i++) {
            /* the 65th is sent once there is room: wait for that one */
            if (msg_recv(getppid(), &m, i < MSG_INBOX_CAPACITY ? MSG_NONBLOCK : 0) != 0) {
                CHECK(0, "inbox message %d: expected msg_recv to return 0, got -1 (%s)", i, strerror(errno));
                break;
            }
            CHECK_EQ(i, m.type, "inbox messages in the order sent");
        }
        CHECK_ERROR(msg_recv(getppid(), &m, MSG_NONBLOCK), EAGAIN);
        _exit(check_failures ? 1 : 0);
    }
    unsigned held_before = 0;
    struct kinfo_counters counters;
    kinfo(KINFO_COUNTERS, &counters, sizeof counters);
    held_before = counters.held_messages;

    struct message m;
    int sent = 0;
    for (int i = 0; i < MSG_INBOX_CAPACITY; i++) {
        numbered(&m, i);
        if (msg_send(receiver, &m, MSG_ASYNC) == 0)
            sent++;
    }
    CHECK_EQ(MSG_INBOX_CAPACITY, sent, "MSG_ASYNC sends that fit in an empty inbox");
    kinfo(KINFO_COUNTERS, &counters, sizeof counters);
    CHECK_EQ(held_before + MSG_INBOX_CAPACITY, counters.held_messages, "messages the kernel holds");
    numbered(&m, MSG_INBOX_CAPACITY);
    CHECK_ERROR(msg_send(receiver, &m, MSG_ASYNC), EAGAIN);
    CHECK_ERROR(msg_send(receiver, &m, MSG_ASYNC | MSG_NONBLOCK), EAGAIN);

    write(go[1], "g", 1);
    /* the receiver takes them all; as soon as there is room, the 65th fits */
    int status = -1;
    for (int attempt = 0; attempt < 2000 && status != 0; attempt++) {
        status = msg_send(receiver, &m, MSG_ASYNC);
        if (status != 0) {
            CHECK(errno == EAGAIN, "MSG_ASYNC to a full inbox: expected EAGAIN, got %s", strerror(errno));
            usleep(1000);
        }
    }
    CHECK_EQ(0, status, "MSG_ASYNC once the receiver made room");
    expect_child_ok(receiver, "the receiver of 65 messages");
    close(go[0]);
    close(go[1]);
}

static void outlives_its_sender(void)
{
    pid_t sender = fork();
    if (sender == 0) {
        struct message m;
        for (int i = 0; i < 3; i++) {
            numbered(&m, 10 + i);
            if (msg_send(getppid(), &m, MSG_ASYNC) != 0)
                _exit(1);
        }
        _exit(0);
    }
    expect_child_ok(sender, "the sender of three async messages");   /* exited and reaped */
    struct message m;
    CHECK_EQ(0, msg_recv(sender, &m, MSG_NONBLOCK), "msg_recv(from) of a reaped sender's message");
    CHECK_EQ(10, m.type, "the first message");
    CHECK_EQ(sender, m.src, "its src: the sender that is gone");
    CHECK_EQ(0, msg_recv(MSG_ANY, &m, 0), "msg_recv(MSG_ANY) of a reaped sender's message");
    CHECK_EQ(11, m.type, "the second message");
    CHECK_EQ(0, msg_recv(sender, &m, 0), "msg_recv(from) without MSG_NONBLOCK");
    CHECK_EQ(12, m.type, "the third message");
    CHECK_ERROR(msg_recv(MSG_ANY, &m, MSG_NONBLOCK), EAGAIN);
}

static void receive_from_one_sender_leaves_the_others(void)
{
    pid_t senders[2];
    for (int s = 0; s < 2; s++) {
        senders[s] = fork();
        if (senders[s] == 0) {
            struct message m;
            for (int i = 0; i < 5; i++) {
                numbered(&m, 100 * s + i);
                if (msg_send(getppid(), &m, MSG_ASYNC) != 0)
                    _exit(1);
            }
            _exit(0);
        }
        expect_child_ok(senders[s], "an async sender");
    }
    /* the inbox: 0 1 2 3 4 100 101 102 103 104; take the second sender's first */
    struct message m;
    for (int i = 0; i < 5; i++) {
        CHECK_EQ(0, msg_recv(senders[1], &m, MSG_NONBLOCK), "msg_recv(from the second sender)");
        CHECK_EQ(100 + i, m.type, "the second sender's messages in order");
    }
    CHECK_ERROR(msg_recv(senders[1], &m, MSG_NONBLOCK), EAGAIN);
    for (int i = 0; i < 5; i++) {
        CHECK_EQ(0, msg_recv(MSG_ANY, &m, MSG_NONBLOCK), "msg_recv(MSG_ANY) of what is left");
        CHECK_EQ(i, m.type, "the first sender's messages, still in order");
    }
}

static void bad_receive_buffer_keeps_the_message(void)
{
    struct message m;
    numbered(&m, 7);
    CHECK_EQ(0, msg_send(getpid(), &m, MSG_ASYNC), "MSG_ASYNC to oneself");
    static const struct message read_only;
    CHECK_ERROR(msg_recv(MSG_ANY, NULL, MSG_NONBLOCK), EFAULT);
    CHECK_ERROR(msg_recv(MSG_ANY, (struct message *)&read_only, MSG_NONBLOCK), EFAULT);
    CHECK_ERROR(msg_recv(MSG_ANY, (struct message *)0xBFFFFFF0u, MSG_NONBLOCK), EFAULT);
    memset(&m, 0, sizeof m);
    CHECK_EQ(0, msg_recv(MSG_ANY, &m, MSG_NONBLOCK), "msg_recv into a good buffer after EFAULT");
    CHECK_EQ(7, m.type, "the message kept through the failed receives");
}

static void inbox_of_an_exiting_process_is_freed(void)
{
    struct kinfo_counters before, after;
    kinfo(KINFO_COUNTERS, &before, sizeof before);
    int go[2];
    pipe(go);
    pid_t receiver = fork();
    if (receiver == 0) {
        char c;
        read(go[0], &c, 1);
        _exit(0);                                /* exits with a full inbox */
    }
    struct message m;
    for (int i = 0; i < 10; i++) {
        numbered(&m, i);
        msg_send(receiver, &m, MSG_ASYNC);
    }
    kinfo(KINFO_COUNTERS, &after, sizeof after);
    CHECK_EQ(before.held_messages + 10, after.held_messages, "held messages while in the inbox");
    write(go[1], "g", 1);
    waitpid(receiver, NULL, 0);
    kinfo(KINFO_COUNTERS, &after, sizeof after);
    CHECK_EQ(before.held_messages, after.held_messages, "held messages once the receiver exited");
    close(go[0]);
    close(go[1]);
}

int main(void)
{
    alarm(60);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    inbox_holds_64_then_eagain();
    outlives_its_sender();
    receive_from_one_sender_leaves_the_others();
    bad_receive_buffer_keeps_the_message();
    inbox_of_an_exiting_process_is_freed();
    struct kinfo_counters counters = read_counters();
    CHECK_EQ(0, counters.held_messages, "held messages at the end");
    return test_finish("msg_async_inbox_holds_64_and_outlives_its_sender");
}

/* tests/boot/msg_src_and_dst_cannot_be_forged.c - whatever a sender writes
 * into src and dst, the receiver sees the sender's real pid in src and its
 * own pid in dst; type, len and the body arrive as sent (msg_send(2)).
 *
 * Checked on every path a message can take through the kernel:
 *   direct, receiver waiting first     (msg.c deliver_to_waiting_receiver)
 *   direct, sender waiting first       (msg.c receive_from_waiting_sender)
 *   MSG_ASYNC into the inbox           (msg.c send_async, receive_from_inbox)
 *   MSG_ASYNC to a waiting receiver    (delivered at once)
 *   msg_call and its msg_reply         (sys_msg_call, sys_msg_reply)
 *   mailbox, receiver waiting first    (mbox.c give_to_waiting_receiver)
 *   mailbox, message held              (mbox.c hold)
 *   mailbox of capacity 0, sender first (mbox.c take_from_waiting_sender)
 *
 * One child sends, the parent receives; each side waits until the kinfo
 * process table (or mbox_stat) shows the other one blocked, so that each
 * step takes the path named above. */
#include <ipc.h>

#include "boot_test.h"
#include "boot_wait.h"

enum { FORGED_SRC = 4242, FORGED_DST = -7 };

/* A message whose src and dst are lies. */
static void forge(struct message *m, int type)
{
    memset(m, 0, sizeof *m);
    m->src = FORGED_SRC;
    m->dst = FORGED_DST;
    m->type = type;
    m->len = (uint32_t)snprintf(m->body, sizeof m->body, "message of type %d", type) + 1;
}

/* What the receiver must see of a forged message of `type` from `sender`. */
static void check_delivered(const struct message *m, pid_t sender, int type, const char *path)
{
    char expected_body[MSG_BODY_MAX];
    int expected_len = snprintf(expected_body, sizeof expected_body, "message of type %d", type) + 1;
    CHECK_EQ(sender, m->src, path);
    CHECK_EQ(getpid(), m->dst, path);
    CHECK_EQ(type, m->type, path);
    CHECK_EQ(expected_len, m->len, path);
    CHECK(m->len == (uint32_t)expected_len && !memcmp(m->body, expected_body, expected_len),
          "%s: expected body \"%s\", got \"%.*s\"", path, expected_body, (int)(m->len < MSG_BODY_MAX ? m->len : 0),
          m->body);
}

static void child_exit(void)
{
    _exit(check_failures ? 1 : 0);
}

static void sender(pid_t parent, int bounded, int rendezvous)
{
    struct message m;
    /* 1: the parent waits in msg_recv first */
    CHECK(wait_until_blocked_with_prefix(parent, "msg_recv"), "step 1: the parent never blocked in msg_recv");
    forge(&m, 1);
    CHECK_EQ(0, msg_send(parent, &m, 0), "step 1: msg_send to a waiting receiver");
    /* 2: we wait in msg_send first */
    forge(&m, 2);
    CHECK_EQ(0, msg_send(parent, &m, 0), "step 2: msg_send that waits for the receiver");
    /* 3: into the inbox, then 4: a synchronous one waits behind it */
    forge(&m, 3);
    CHECK_EQ(0, msg_send(parent, &m, MSG_ASYNC), "step 3: msg_send MSG_ASYNC into the inbox");
    forge(&m, 4);
    CHECK_EQ(0, msg_send(parent, &m, 0), "step 4: msg_send behind an inbox message");
    /* 5: MSG_ASYNC to a receiver already waiting */
    CHECK(wait_until_blocked_with_prefix(parent, "msg_recv"), "step 5: the parent never blocked in msg_recv");
    forge(&m, 5);
    CHECK_EQ(0, msg_send(parent, &m, MSG_ASYNC), "step 5: msg_send MSG_ASYNC to a waiting receiver");
    /* 6: a call; the reply's src and dst are the kernel's word too */
    forge(&m, 6);
    CHECK_EQ(0, msg_call(parent, &m), "step 6: msg_call");
    check_delivered(&m, parent, 60, "step 6: the reply to msg_call");
    /* 7: mailbox, the parent waits in mbox_recv first */
    CHECK(WAIT_UNTIL(mbox_numbers(bounded).receivers_waiting == 1), "step 7: the parent never waited in mbox_recv");
    forge(&m, 7);
    CHECK_EQ(0, mbox_send(bounded, &m, 0), "step 7: mbox_send to a waiting receiver");
    /* 8: held in the mailbox until the parent comes */
    forge(&m, 8);
    CHECK_EQ(0, mbox_send(bounded, &m, 0), "step 8: mbox_send into a bounded mailbox");
    /* 9: capacity 0, we wait until the parent takes it */
    forge(&m, 9);
    CHECK_EQ(0, mbox_send(rendezvous, &m, 0), "step 9: mbox_send to a capacity-0 mailbox");
    child_exit();
}

int main(void)
{
    alarm(60);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    int bounded = mbox_open("forge-bounded", O_CREAT | O_EXCL, 4);
    int rendezvous = mbox_open("forge-rendezvous", O_CREAT | O_EXCL, 0);
    CHECK(bounded >= 0 && rendezvous >= 0, "mbox_open: %s", strerror(errno));
    pid_t parent = getpid();
    pid_t child = fork();
    if (child == 0)
        sender(parent, bounded, rendezvous);

    struct message m;
    memset(&m, 0x55, sizeof m);
    CHECK_EQ(0, msg_recv(child, &m, 0), "step 1: msg_recv");
    check_delivered(&m, child, 1, "direct, receiver waiting first");

    CHECK(wait_until_blocked_with_prefix(child, "msg_send"), "step 2: the child never blocked in msg_send");
    memset(&m, 0x55, sizeof m);
    CHECK_EQ(0, msg_recv(MSG_ANY, &m, 0), "step 2: msg_recv");
    check_delivered(&m, child, 2, "direct, sender waiting first");

    CHECK(wait_until_blocked_with_prefix(child, "msg_send"), "step 4: the child never blocked in msg_send");
    memset(&m, 0x55, sizeof m);
    CHECK_EQ(0, msg_recv(MSG_ANY, &m, 0), "step 3: msg_recv");
    check_delivered(&m, child, 3, "MSG_ASYNC from the inbox");
    memset(&m, 0x55, sizeof m);
    CHECK_EQ(0, msg_recv(child, &m, 0), "step 4: msg_recv");
    check_delivered(&m, child, 4, "direct, sender waiting behind an inbox message");

    memset(&m, 0x55, sizeof m);
    CHECK_EQ(0, msg_recv(MSG_ANY, &m, 0), "step 5: msg_recv");
    check_delivered(&m, child, 5, "MSG_ASYNC to a waiting receiver");

    memset(&m, 0x55, sizeof m);
    CHECK_EQ(0, msg_recv(child, &m, 0), "step 6: msg_recv of the call");
    check_delivered(&m, child, 6, "the message of msg_call");
    forge(&m, 60);
    CHECK_EQ(0, msg_reply(child, &m), "step 6: msg_reply");

    memset(&m, 0x55, sizeof m);
    CHECK_EQ(0, mbox_recv(bounded, &m, 0), "step 7: mbox_recv");
    check_delivered(&m, child, 7, "mailbox, receiver waiting first");

    CHECK(WAIT_UNTIL(mbox_numbers(bounded).count == 1), "step 8: the message was never held");
    memset(&m, 0x55, sizeof m);
    CHECK_EQ(0, mbox_recv(bounded, &m, 0), "step 8: mbox_recv");
    check_delivered(&m, child, 8, "mailbox, message held");

    CHECK(WAIT_UNTIL(mbox_numbers(rendezvous).senders_waiting == 1), "step 9: the child never waited in mbox_send");
    memset(&m, 0x55, sizeof m);
    CHECK_EQ(0, mbox_recv(rendezvous, &m, 0), "step 9: mbox_recv");
    check_delivered(&m, child, 9, "mailbox of capacity 0, sender waiting first");

    int status = 0;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the sender's checks: expected exit 0, got status 0x%x", status);
    mbox_unlink("forge-bounded");
    mbox_unlink("forge-rendezvous");
    close(bounded);
    close(rendezvous);
    return test_finish("msg_src_and_dst_cannot_be_forged");
}

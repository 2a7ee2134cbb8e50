/* tests/boot/mbox_capacity_zero_is_a_rendezvous.c - a mailbox of capacity
 * 0 holds no message: a sender waits until a receiver takes it, a
 * receiver waits until a sender comes (mailbox(7)):
 *  - while a child waits in mbox_send, mbox_stat shows senders_waiting 1
 *    and count 0 (a waiting sender is not a queued message), and the
 *    child's call has not returned; one mbox_recv takes its message and
 *    only then does its mbox_send return 0;
 *  - while a child waits in mbox_recv, receivers_waiting is 1; an
 *    mbox_send hands it the message and returns at once;
 *  - MSG_NONBLOCK: mbox_send with no receiver waiting and mbox_recv with
 *    no sender waiting are EAGAIN; with the other side waiting they
 *    succeed;
 *  - several senders waiting are taken in the order they came. */
#include <ipc.h>

#include "boot_test.h"
#include "boot_wait.h"

static void sender_waits_for_a_receiver(int box)
{
    int returned[2];
    pipe(returned);
    pid_t sender = fork();
    if (sender == 0) {
        struct message m;
        set_text(&m, 1, "rendezvous");
        int result = mbox_send(box, &m, 0);
        write(returned[1], "r", 1);              /* tell the parent the call returned */
        _exit(result == 0 ? 0 : 1);
    }
    CHECK(WAIT_UNTIL(mbox_numbers(box).senders_waiting == 1), "the sender never waited in mbox_send");
    usleep(20000);
    struct mbox_stat st = mbox_numbers(box);
    CHECK_EQ(1, st.senders_waiting, "senders_waiting while a sender waits");
    CHECK_EQ(0, st.count, "count while a sender waits (a waiting sender is not a queued message)");
    CHECK_EQ(0, st.receivers_waiting, "receivers_waiting");
    fcntl(returned[0], F_SETFL, O_NONBLOCK);
    char c;
    CHECK_ERROR(read(returned[0], &c, 1), EAGAIN);           /* its mbox_send has not returned */

    struct message m;
    CHECK_EQ(0, mbox_recv(box, &m, 0), "mbox_recv takes the waiting sender's message");
    CHECK(m.type == 1 && !strcmp(m.body, "rendezvous") && m.src == sender,
          "expected \"rendezvous\" from %d, got \"%s\" (type %d) from %d", sender, m.body, m.type, m.src);
    expect_child_ok(sender, "the sender, once its message was taken");
    CHECK_EQ(1, read(returned[0], &c, 1), "the sender's mbox_send returned");
    st = mbox_numbers(box);
    CHECK(st.senders_waiting == 0 && st.count == 0, "afterwards: expected nobody waiting and count 0, got %u, %u",
          st.senders_waiting, st.count);
    close(returned[0]);
    close(returned[1]);
}

static void receiver_waits_for_a_sender(int box)
{
    pid_t receiver = fork();
    if (receiver == 0) {
        struct message m;
        CHECK_EQ(0, mbox_recv(box, &m, 0), "mbox_recv");
        CHECK(!strcmp(m.body, "handed over"), "expected \"handed over\", got \"%s\"", m.body);
        _exit(check_failures ? 1 : 0);
    }
    CHECK(WAIT_UNTIL(mbox_numbers(box).receivers_waiting == 1), "the receiver never waited in mbox_recv");
    CHECK_EQ(0, mbox_numbers(box).count, "count while a receiver waits");
    struct message m;
    set_text(&m, 2, "handed over");
    CHECK_EQ(0, mbox_send(box, &m, 0), "mbox_send to a waiting receiver returns at once");
    expect_child_ok(receiver, "the receiver");
}

static void nonblocking(int box)
{
    struct message m;
    set_text(&m, 3, "nonblocking");
    CHECK_ERROR(mbox_send(box, &m, MSG_NONBLOCK), EAGAIN);  /* nobody to take it: no room at all */
    CHECK_ERROR(mbox_recv(box, &m, MSG_NONBLOCK), EAGAIN);
    CHECK_EQ(0, mbox_numbers(box).count, "count after a refused MSG_NONBLOCK send");

    pid_t receiver = fork();
    if (receiver == 0) {
        struct message in;
        _exit(mbox_recv(box, &in, 0) == 0 && in.type == 3 ? 0 : 1);
    }
    CHECK(WAIT_UNTIL(mbox_numbers(box).receivers_waiting == 1), "the receiver never waited");
    CHECK_EQ(0, mbox_send(box, &m, MSG_NONBLOCK), "mbox_send MSG_NONBLOCK to a waiting receiver");
    expect_child_ok(receiver, "the receiver of a MSG_NONBLOCK send");

    pid_t sender = fork();
    if (sender == 0) {
        struct message out;
        set_text(&out, 4, "taken without waiting");
        _exit(mbox_send(box, &out, 0) == 0 ? 0 : 1);
    }
    CHECK(WAIT_UNTIL(mbox_numbers(box).senders_waiting == 1), "the sender never waited");
    CHECK_EQ(0, mbox_recv(box, &m, MSG_NONBLOCK), "mbox_recv MSG_NONBLOCK with a sender waiting");
    CHECK_EQ(4, m.type, "its message");
    expect_child_ok(sender, "the sender taken by a MSG_NONBLOCK receive");
}

static void waiting_senders_in_order(int box)
{
    pid_t senders[3];
    for (int i = 0; i < 3; i++) {
        senders[i] = fork();
        if (senders[i] == 0) {
            struct message m;
            set_text(&m, 10 + i, "in line");
            _exit(mbox_send(box, &m, 0) == 0 ? 0 : 1);
        }
        CHECK(WAIT_UNTIL(mbox_numbers(box).senders_waiting == (unsigned)i + 1), "sender %d never waited", i);
    }
    CHECK_EQ(0, mbox_numbers(box).count, "count with three senders waiting");
    for (int i = 0; i < 3; i++) {
        struct message m;
        CHECK_EQ(0, mbox_recv(box, &m, 0), "mbox_recv");
        CHECK(m.type == 10 + i && m.src == senders[i], "receive %d: expected sender %d's message (type %d from %d), "
              "got type %d from %d", i, i, 10 + i, senders[i], m.type, m.src);
    }
    for (int i = 0; i < 3; i++)
        expect_child_ok(senders[i], "a sender in line");
}

int main(void)
{
    alarm(60);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    int box = mbox_open("rendezvous", O_CREAT | O_EXCL, 0);
    CHECK(box >= 0, "mbox_open: %s", strerror(errno));
    sender_waits_for_a_receiver(box);
    receiver_waits_for_a_sender(box);
    nonblocking(box);
    waiting_senders_in_order(box);
    CHECK_EQ(0, mbox_unlink("rendezvous"), "mbox_unlink");
    close(box);
    return test_finish("mbox_capacity_zero_is_a_rendezvous");
}

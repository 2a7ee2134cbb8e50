/* tests/boot/mbox_waits_end_with_eintr_on_a_signal.c - a signal whose
 * handler runs ends a waiting mbox_recv or mbox_send with EINTR, even
 * under SA_RESTART (mbox_send(2), mbox_recv(2)), and leaves the mailbox as if the
 * call had never been made:
 *  - mbox_recv on an empty mailbox (capacity 0 and 4): afterwards no
 *    receiver is waiting, and a message sent later stays queued;
 *  - mbox_send waiting for a receiver (capacity 0): afterwards no sender
 *    waits and the message is not delivered;
 *  - mbox_send waiting for room (capacity 1, full): afterwards count is
 *    still 1 and only the first message is there.
 * Each case runs in a child with a SIGUSR1 handler (SA_RESTART); the
 * parent waits until mbox_stat shows it waiting, then sends SIGUSR1. */
#include <ipc.h>
#include <signal.h>

#include "boot_test.h"
#include "boot_wait.h"

static void numbered(struct message *m, int number)
{
    memset(m, 0, sizeof *m);
    m->type = number;
}

static void receive_is_interrupted(unsigned capacity, const char *what)
{
    int box = mbox_open("eintr", O_CREAT | O_EXCL, capacity);
    pid_t child = fork();
    if (child == 0) {
        count_sigusr1(SA_RESTART);
        struct message m;
        check_eintr_after_one_handler(mbox_recv(box, &m, 0), what);
        _exit(check_failures ? 1 : 0);
    }
    CHECK(WAIT_UNTIL(mbox_numbers(box).receivers_waiting == 1), "%s: the child never waited", what);
    kill(child, SIGUSR1);
    expect_child_ok(child, what);
    CHECK_EQ(0, mbox_numbers(box).receivers_waiting, "receivers waiting after the interruption");
    if (capacity > 0) {
        struct message m;
        numbered(&m, 1);
        CHECK_EQ(0, mbox_send(box, &m, 0), "mbox_send after the interrupted receive");
        CHECK_EQ(1, mbox_numbers(box).count, "the message is queued, not given to the interrupted receiver");
    }
    mbox_unlink("eintr");
    close(box);
}

static void send_is_interrupted(unsigned capacity, const char *what)
{
    int box = mbox_open("eintr", O_CREAT | O_EXCL, capacity);
    struct message m;
    if (capacity > 0) {
        numbered(&m, 1);
        for (unsigned i = 0; i < capacity; i++)
            mbox_send(box, &m, 0);               /* full */
    }
    pid_t child = fork();
    if (child == 0) {
        count_sigusr1(SA_RESTART);
        struct message out;
        numbered(&out, 2);
        check_eintr_after_one_handler(mbox_send(box, &out, 0), what);
        _exit(check_failures ? 1 : 0);
    }
    CHECK(WAIT_UNTIL(mbox_numbers(box).senders_waiting == 1), "%s: the child never waited", what);
    kill(child, SIGUSR1);
    expect_child_ok(child, what);
    struct mbox_stat st = mbox_numbers(box);
    CHECK(st.senders_waiting == 0 && st.count == capacity,
          "%s, after the interruption: expected count %u and no sender waiting, got %u and %u", what, capacity,
          st.count, st.senders_waiting);
    for (unsigned i = 0; i < capacity; i++) {
        CHECK_EQ(0, mbox_recv(box, &m, MSG_NONBLOCK), "mbox_recv of what was there before");
        CHECK_EQ(1, m.type, "the message queued before");
    }
    CHECK_ERROR(mbox_recv(box, &m, MSG_NONBLOCK), EAGAIN);        /* the interrupted one is not there */
    mbox_unlink("eintr");
    close(box);
}

int main(void)
{
    alarm(60);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    receive_is_interrupted(0, "mbox_recv, capacity 0");
    receive_is_interrupted(4, "mbox_recv, capacity 4");
    send_is_interrupted(0, "mbox_send waiting for a receiver, capacity 0");
    send_is_interrupted(1, "mbox_send waiting for room, capacity 1");
    return test_finish("mbox_waits_end_with_eintr_on_a_signal");
}

/* tests/boot/mbox_unbounded_never_waits_until_enomem.c - a mailbox of
 * capacity MBOX_UNBOUNDED never makes a sender wait; only when the
 * kernel's memory for messages is spent does mbox_send fail, with ENOMEM
 * (mbox_open(2)). That memory is a kernel-wide budget of
 * MESSAGE_BUDGET held messages (kernel/ipc/msg.h):
 *  - with nobody receiving, sends succeed until exactly the budget is
 *    held, then ENOMEM (MSG_NONBLOCK or not: never EAGAIN, never a wait);
 *  - receiving some gives the memory back: as many sends succeed again,
 *    then ENOMEM again;
 *  - everything comes out in the order sent, and once all is received
 *    (or the mailbox is unlinked and closed) the kernel holds nothing. */
#include <ipc.h>
#include <signal.h>

#include "boot_test.h"
#include "boot_wait.h"

enum { MESSAGE_BUDGET = 4096 };                  /* kernel/ipc/msg.h */

static void numbered(struct message *m, int number)
{
    memset(m, 0, sizeof *m);
    m->type = number;
    m->len = sizeof number;
    memcpy(m->body, &number, sizeof number);
}

/* Sends numbered messages from `first` until one fails; returns how many went. */
static int send_until_failure(int box, int first, int flags, int *error)
{
    struct message m;
    int sent = 0;
    for (;;) {
        numbered(&m, first + sent);
        if (mbox_send(box, &m, flags) != 0) {
            *error = errno;
            return sent;
        }
        if (++sent > 2 * MESSAGE_BUDGET) {
            *error = 0;
            return sent;                         /* no limit at all: the check below says so */
        }
    }
}

int main(void)
{
    alarm(30);                                   /* a send that waits ends the test (SIGALRM) */
    struct kinfo_counters before = read_counters();
    int room = MESSAGE_BUDGET - (int)before.held_messages;
    int box = mbox_open("unbounded", O_CREAT | O_EXCL, MBOX_UNBOUNDED);
    CHECK(box >= 0, "mbox_open: %s", strerror(errno));
    CHECK_EQ(MBOX_UNBOUNDED, mbox_numbers(box).capacity, "capacity");

    int error = 0;
    int sent = send_until_failure(box, 0, 0, &error);
    CHECK_EQ(room, sent, "sends that succeed with nobody receiving: the budget left");
    CHECK(error == ENOMEM, "a send beyond the budget: expected ENOMEM, got %s", error ? strerror(error) : "success");
    CHECK_EQ(sent, mbox_numbers(box).count, "count of a full unbounded mailbox");
    CHECK_EQ(MESSAGE_BUDGET, read_counters().held_messages, "held messages at the budget");
    struct message m;
    numbered(&m, -1);
    CHECK_ERROR(mbox_send(box, &m, MSG_NONBLOCK), ENOMEM);
    CHECK_ERROR(mbox_send(box, &m, 0), ENOMEM);
    CHECK_EQ(0, mbox_numbers(box).senders_waiting, "senders waiting on an unbounded mailbox");

    /* receive 100: the memory comes back */
    for (int i = 0; i < 100; i++) {
        CHECK_EQ(0, mbox_recv(box, &m, MSG_NONBLOCK), "mbox_recv");
        CHECK_EQ(i, m.type, "messages in the order sent");
    }
    int again = send_until_failure(box, sent, MSG_NONBLOCK, &error);
    CHECK_EQ(100, again, "sends that succeed after receiving 100");
    CHECK(error == ENOMEM, "at the budget again: expected ENOMEM, got %s", error ? strerror(error) : "success");

    /* the rest, in order */
    int expected = 100, out_of_order = 0;
    while (mbox_recv(box, &m, MSG_NONBLOCK) == 0)
        if (m.type != expected++ && out_of_order++ < 3)
            CHECK(0, "expected message %d, got %d", expected - 1, m.type);
    CHECK_EQ(sent + again, expected, "messages received in all");
    CHECK_EQ(0, mbox_numbers(box).count, "count once all are received");
    CHECK_EQ(before.held_messages, read_counters().held_messages, "held messages once all are received");

    /* filled again, then freed by unlink and close */
    send_until_failure(box, 0, 0, &error);
    CHECK(error == ENOMEM, "filling again: expected ENOMEM at the end, got %s", strerror(error));
    CHECK_EQ(0, mbox_unlink("unbounded"), "mbox_unlink");
    close(box);
    struct kinfo_counters after = read_counters();
    CHECK_EQ(before.held_messages, after.held_messages, "held messages once the full mailbox is closed");
    CHECK_EQ(before.mailboxes, after.mailboxes, "mailboxes");
    CHECK_EQ(before.heap_bytes_used, after.heap_bytes_used, "kernel heap bytes");
    return test_finish("mbox_unbounded_never_waits_until_enomem");
}

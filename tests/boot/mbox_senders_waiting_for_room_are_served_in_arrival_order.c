/* tests/boot/mbox_senders_waiting_for_room_are_served_in_arrival_order.c -
 * senders that wait for room in a full bounded mailbox are let in one per
 * message taken, in the order they came (mbox_send(2), mbox_recv(2)):
 *  - a mailbox of capacity 1 holds one message; three children then send,
 *    one after another, and each waits (senders_waiting 1, 2, 3);
 *  - each mbox_recv takes the oldest held message and lets exactly one
 *    waiting sender in: afterwards count is 1 again and one sender fewer
 *    waits;
 *  - the messages come out in the order their senders came: the held one,
 *    then child 1's, 2's, 3's, each with its sender's pid as src. */
#include <ipc.h>

#include "boot_test.h"
#include "boot_wait.h"

enum { SENDERS = 3 };

int main(void)
{
    alarm(60);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    struct kinfo_counters before = read_counters();
    int box = mbox_open("room-order", O_CREAT | O_EXCL, 1);
    CHECK(box >= 0, "mbox_open: %s", strerror(errno));
    struct message m;
    memset(&m, 0, sizeof m);
    CHECK_EQ(0, mbox_send(box, &m, 0), "the first mbox_send, into the empty mailbox");   /* type 0: held */

    pid_t senders[SENDERS];
    for (int i = 0; i < SENDERS; i++) {
        senders[i] = fork();
        if (senders[i] == 0) {
            struct message out;
            memset(&out, 0, sizeof out);
            out.type = 1 + i;
            _exit(mbox_send(box, &out, 0) == 0 ? 0 : 100 + errno);
        }
        CHECK(WAIT_UNTIL(mbox_numbers(box).senders_waiting == (unsigned)i + 1),
              "sender %d: expected %d senders waiting for room, got %u", i + 1, i + 1,
              mbox_numbers(box).senders_waiting);
    }
    CHECK_EQ(1, mbox_numbers(box).count, "count of the full mailbox, three senders waiting");

    for (int i = 0; i <= SENDERS; i++) {
        CHECK_EQ(0, mbox_recv(box, &m, 0), "mbox_recv");
        CHECK(m.type == i && (i == 0 || m.src == senders[i - 1]),
              "receive %d: expected message %d (from %d), got message %d from %d", i, i,
              i == 0 ? getpid() : senders[i - 1], m.type, m.src);
        if (i < SENDERS) {
            /* the sender let in holds its message: the mailbox is full again */
            CHECK(WAIT_UNTIL(mbox_numbers(box).senders_waiting == (unsigned)(SENDERS - 1 - i) &&
                             mbox_numbers(box).count == 1),
                  "after receive %d: expected %d senders still waiting and count 1, got %u and %u", i,
                  SENDERS - 1 - i, mbox_numbers(box).senders_waiting, mbox_numbers(box).count);
            usleep(20000);      /* nobody else comes in: exactly one sender per message taken */
            CHECK(mbox_numbers(box).senders_waiting == (unsigned)(SENDERS - 1 - i) && mbox_numbers(box).count == 1,
                  "after receive %d, a moment later: expected %d senders waiting and count 1, got %u and %u", i,
                  SENDERS - 1 - i, mbox_numbers(box).senders_waiting, mbox_numbers(box).count);
        }
    }
    CHECK_EQ(0, mbox_numbers(box).count, "count at the end");
    for (int i = 0; i < SENDERS; i++)
        expect_child_ok(senders[i], "a sender that waited for room");
    CHECK_EQ(0, mbox_unlink("room-order"), "mbox_unlink");
    close(box);
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_EQ(before.held_messages, after.held_messages, "held messages");
    CHECK_EQ(before.mailboxes, after.mailboxes, "mailboxes");
    return test_finish("mbox_senders_waiting_for_room_are_served_in_arrival_order");
}

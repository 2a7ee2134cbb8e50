/* tests/boot/mbox_bounded_sender_waits_while_full.c - a mailbox of capacity
 * N holds up to N messages: mbox_send returns at once while there is room,
 * and waits while N are queued (mbox_open(2)). For N = 1 and N = 8:
 *  - N sends return at once; count in mbox_stat goes 1, 2, ... N;
 *  - the next send with MSG_NONBLOCK is EAGAIN and changes nothing;
 *  - the next send without it waits (senders_waiting 1, count N) until a
 *    receive makes room; then it completes and count is N again;
 *  - messages come out oldest first;
 *  - mbox_recv MSG_NONBLOCK of an empty mailbox is EAGAIN. */
#include <ipc.h>

#include "boot_test.h"
#include "boot_wait.h"

static void numbered(struct message *m, int number)
{
    memset(m, 0, sizeof *m);
    m->type = number;
    m->len = (uint32_t)snprintf(m->body, sizeof m->body, "job %d", number) + 1;
}

static void fill_and_wait(unsigned capacity)
{
    char name[32], what[64];
    snprintf(name, sizeof name, "bounded-%u", capacity);
    snprintf(what, sizeof what, "capacity %u", capacity);
    int box = mbox_open(name, O_CREAT | O_EXCL, capacity);
    CHECK(box >= 0, "%s: mbox_open: %s", what, strerror(errno));
    struct message m;
    CHECK_ERROR(mbox_recv(box, &m, MSG_NONBLOCK), EAGAIN);

    for (unsigned i = 0; i < capacity; i++) {
        numbered(&m, (int)i);
        CHECK_EQ(0, mbox_send(box, &m, 0), "mbox_send while there is room");
        CHECK_EQ(i + 1, mbox_numbers(box).count, "count after each send");
    }
    numbered(&m, 999);
    CHECK_ERROR(mbox_send(box, &m, MSG_NONBLOCK), EAGAIN);
    struct mbox_stat st = mbox_numbers(box);
    CHECK(st.count == capacity && st.senders_waiting == 0 && st.capacity == capacity,
          "%s, full, after EAGAIN: expected {%u, %u, 0, 0}, got {%u, %u, %u, %u}", what, capacity, capacity,
          st.capacity, st.count, st.senders_waiting, st.receivers_waiting);

    /* a child's send waits for room */
    pid_t sender = fork();
    if (sender == 0) {
        struct message out;
        numbered(&out, (int)capacity);
        _exit(mbox_send(box, &out, 0) == 0 ? 0 : 1);
    }
    CHECK(WAIT_UNTIL(mbox_numbers(box).senders_waiting == 1), "%s: the child never waited in mbox_send", what);
    usleep(20000);
    st = mbox_numbers(box);
    CHECK(st.count == capacity && st.senders_waiting == 1, "%s, a sender waiting: expected count %u and 1 sender "
          "waiting, got %u and %u", what, capacity, st.count, st.senders_waiting);
    int status = 0;
    CHECK_EQ(0, waitpid(sender, &status, WNOHANG), "the waiting sender has not returned");

    CHECK_EQ(0, mbox_recv(box, &m, 0), "mbox_recv makes room");
    CHECK_EQ(0, m.type, "the oldest message first");
    CHECK_EQ(sender, waitpid(sender, &status, 0), "the sender returns once there is room");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: the waiting sender's mbox_send failed (0x%x)", what,
          status);
    st = mbox_numbers(box);
    CHECK(st.count == capacity && st.senders_waiting == 0, "%s, after the wait: expected count %u, nobody waiting; "
          "got %u, %u", what, capacity, st.count, st.senders_waiting);

    for (unsigned i = 1; i <= capacity; i++) {
        CHECK_EQ(0, mbox_recv(box, &m, MSG_NONBLOCK), "mbox_recv of a queued message");
        CHECK_EQ(i, m.type, "messages oldest first");
        CHECK_EQ(capacity - i, mbox_numbers(box).count, "count after each receive");
    }
    CHECK_ERROR(mbox_recv(box, &m, MSG_NONBLOCK), EAGAIN);
    mbox_unlink(name);
    close(box);
}

int main(void)
{
    alarm(60);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    struct kinfo_counters before = read_counters();
    fill_and_wait(1);
    fill_and_wait(8);
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_EQ(before.held_messages, after.held_messages, "held messages");
    CHECK_EQ(before.mailboxes, after.mailboxes, "mailboxes");
    return test_finish("mbox_bounded_sender_waits_while_full");
}

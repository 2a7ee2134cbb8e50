/* tests/boot/mq_priority_order_fifo_and_sizes.c - a receive always takes
 * the oldest message of the highest priority present; mq_curmsgs counts
 * what is queued; message sizes are checked against the queue's
 * mq_msgsize in both directions (EMSGSIZE), priorities against
 * MQ_PRIO_MAX (EINVAL); a message may be empty. */
#include <fcntl.h>
#include <mqueue.h>

#include "boot_test.h"

#define QUEUE_NAME "/mq_order"

struct numbered {
    unsigned priority;
    unsigned sequence;            /* in sending order */
};

static mqd_t open_queue(long max_messages, long message_size)
{
    struct mq_attr attributes = { .mq_maxmsg = max_messages, .mq_msgsize = message_size };
    mqd_t queue = mq_open(QUEUE_NAME, O_RDWR | O_CREAT | O_EXCL, 0600, &attributes);
    CHECK(queue >= 0, "mq_open %s: errno %d", QUEUE_NAME, errno);
    return queue;
}

static void close_queue(mqd_t queue)
{
    mq_close(queue);
    mq_unlink(QUEUE_NAME);
}

static void highest_priority_first_and_fifo_within_a_priority(void)
{
    enum { COUNT = 200 };
    mqd_t queue = open_queue(COUNT, sizeof(struct numbered));
    /* priorities in a scrambled order, many repeated, both ends of the range */
    for (unsigned sequence = 0; sequence < COUNT; sequence++) {
        struct numbered message = { (sequence * 7919u) % 13u, sequence };
        if (sequence == 17)
            message.priority = MQ_PRIO_MAX - 1;
        if (mq_send(queue, (const char *)&message, sizeof message, message.priority) != 0)
            CHECK(0, "mq_send %u: errno %d", sequence, errno);
    }
    struct mq_attr attributes;
    mq_getattr(queue, &attributes);
    CHECK_EQ(COUNT, attributes.mq_curmsgs, "mq_curmsgs after the sends");

    unsigned previous_priority = MQ_PRIO_MAX, previous_sequence = 0, received = 0, out_of_order = 0;
    struct numbered message;
    unsigned priority;
    while (received < COUNT && mq_receive(queue, (char *)&message, sizeof message, &priority) == sizeof message) {
        if (priority != message.priority)
            out_of_order++;
        if (priority > previous_priority)
            out_of_order++;   /* a higher priority after a lower one */
        if (priority == previous_priority && message.sequence <= previous_sequence)
            out_of_order++;   /* not FIFO within the priority */
        if (received == 0)
            CHECK_EQ(17, message.sequence, "the MQ_PRIO_MAX-1 message comes first");
        previous_priority = priority;
        previous_sequence = message.sequence;
        received++;
    }
    CHECK_EQ(COUNT, received, "messages received");
    CHECK_EQ(0, out_of_order, "messages out of priority order or out of FIFO order within a priority");
    mq_getattr(queue, &attributes);
    CHECK_EQ(0, attributes.mq_curmsgs, "mq_curmsgs after receiving everything");
    close_queue(queue);
}

static void a_later_high_priority_message_overtakes_queued_ones(void)
{
    mqd_t queue = open_queue(4, 8);
    mq_send(queue, "low1", 4, 1);
    mq_send(queue, "low2", 4, 1);
    mq_send(queue, "high", 4, 5);
    mq_send(queue, "mid", 3, 3);
    const char *expected[] = { "high", "mid", "low1", "low2" };
    for (int i = 0; i < 4; i++) {
        char buffer[9] = { 0 };
        ssize_t length = mq_receive(queue, buffer, 8, NULL);
        CHECK(length == (ssize_t)strlen(expected[i]) && !strcmp(buffer, expected[i]),
              "receive %d: expected \"%s\", got \"%s\" (%d)", i, expected[i], buffer, (int)length);
    }
    close_queue(queue);
}

static void sizes_are_checked_against_mq_msgsize(void)
{
    mqd_t queue = open_queue(4, 64);
    char buffer[128];
    memset(buffer, 'z', sizeof buffer);
    CHECK_ERROR(mq_send(queue, buffer, 65, 0), EMSGSIZE);
    CHECK_EQ(0, mq_send(queue, buffer, 64, 0), "a message of exactly mq_msgsize");
    CHECK_ERROR(mq_receive(queue, buffer, 63, NULL), EMSGSIZE);
    CHECK_EQ(64, mq_receive(queue, buffer, 64, NULL), "a buffer of exactly mq_msgsize");
    CHECK_EQ(0, mq_send(queue, buffer, 0, 0), "an empty message");
    unsigned priority = 99;
    CHECK_EQ(0, mq_receive(queue, buffer, sizeof buffer, &priority), "receiving an empty message");
    CHECK_EQ(0, priority, "its priority");
    CHECK_ERROR(mq_send(queue, buffer, 1, MQ_PRIO_MAX), EINVAL);
    CHECK_EQ(0, mq_send(queue, buffer, 1, MQ_PRIO_MAX - 1), "priority MQ_PRIO_MAX-1");
    CHECK_ERROR(mq_send(queue, (const char *)16, 1, 0), EFAULT);
    CHECK_ERROR(mq_receive(queue, (char *)16, 64, NULL), EFAULT);
    CHECK_EQ(1, mq_receive(queue, buffer, sizeof buffer, NULL), "the message survives a failed receive");
    close_queue(queue);
}

static void messages_go_between_processes_in_order(void)
{
    mqd_t queue = open_queue(8, sizeof(unsigned));
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {                 /* the inherited descriptor works */
        for (unsigned i = 0; i < 100; i++)
            if (mq_send(queue, (const char *)&i, sizeof i, 1) != 0)
                _exit(1);
        _exit(0);
    }
    unsigned value, wrong = 0;
    for (unsigned i = 0; i < 100; i++)
        if (mq_receive(queue, (char *)&value, sizeof value, NULL) != sizeof value || value != i)
            wrong++;
    CHECK_EQ(0, wrong, "messages from the child missing or out of order");
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the sending child: status 0x%x", status);
    close_queue(queue);
}

static void cases(void)
{
    highest_priority_first_and_fifo_within_a_priority();
    a_later_high_priority_message_overtakes_queued_ones();
    sizes_are_checked_against_mq_msgsize();
    messages_go_between_processes_in_order();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("mq_priority_order_fifo_and_sizes");
}

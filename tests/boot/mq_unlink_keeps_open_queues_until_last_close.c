/* tests/boot/mq_unlink_keeps_open_queues_until_last_close.c - mq_unlink
 * removes only the name: descriptors already open (in this process and in
 * children that inherited them by fork) keep the queue and its messages,
 * while the name is free for a new, different queue; the queue and every
 * message still in it are freed when the last descriptor closes, whether
 * by close or by exit. */
#include <fcntl.h>
#include <mqueue.h>

#include "boot_test.h"

#define QUEUE_NAME "/mq_lifetime"

static mqd_t create(void)
{
    struct mq_attr attributes = { .mq_maxmsg = 8, .mq_msgsize = 32 };
    mqd_t queue = mq_open(QUEUE_NAME, O_RDWR | O_CREAT | O_EXCL, 0600, &attributes);
    CHECK(queue >= 0, "mq_open O_CREAT|O_EXCL: errno %d", errno);
    return queue;
}

static void an_unlinked_queue_lives_while_open(void)
{
    unsigned queues_before = read_counters().posix_message_queues;
    mqd_t old_queue = create();
    mq_send(old_queue, "kept", 4, 2);
    CHECK_EQ(0, mq_unlink(QUEUE_NAME), "mq_unlink");
    CHECK_ERROR(mq_open(QUEUE_NAME, O_RDWR), ENOENT);
    CHECK_EQ(queues_before + 1, read_counters().posix_message_queues, "queues while the unlinked one is open");

    mqd_t new_queue = create();       /* the name is free again: a different queue */
    char buffer[32];
    struct mq_attr attributes;
    mq_getattr(new_queue, &attributes);
    CHECK_EQ(0, attributes.mq_curmsgs, "messages in the new queue of the same name");

    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {                 /* the inherited descriptor still reaches the old queue */
        ssize_t length = mq_receive(old_queue, buffer, sizeof buffer, NULL);
        if (length != 4 || memcmp(buffer, "kept", 4))
            _exit(1);
        _exit(mq_send(old_queue, "from child", 10, 1) == 0 ? 0 : 2);
    }
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child using the unlinked queue: status 0x%x", status);
    ssize_t length = mq_receive(old_queue, buffer, sizeof buffer, NULL);
    CHECK(length == 10 && !memcmp(buffer, "from child", 10), "the child's message in the unlinked queue");

    mq_send(old_queue, "left behind", 11, 0);   /* freed with the queue */
    CHECK_EQ(0, mq_close(old_queue), "closing the last descriptor of the unlinked queue");
    CHECK_EQ(queues_before + 1, read_counters().posix_message_queues, "queues after it closed (the new one remains)");
    mq_close(new_queue);
    CHECK_EQ(queues_before + 1, read_counters().posix_message_queues, "a named queue outlives its descriptors");
    CHECK_EQ(0, mq_unlink(QUEUE_NAME), "mq_unlink of the new queue");
    CHECK_EQ(queues_before, read_counters().posix_message_queues, "queues after the last unlink");
}

static void exit_closes_the_last_descriptor(void)
{
    unsigned queues_before = read_counters().posix_message_queues;
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        mqd_t queue = create();
        mq_unlink(QUEUE_NAME);
        for (int i = 0; i < 8; i++)
            mq_send(queue, "unread message", 14, (unsigned)i);
        _exit(0);                     /* no close: exit does it */
    }
    waitpid(child, NULL, 0);
    CHECK_EQ(queues_before, read_counters().posix_message_queues, "queues after a process exits holding the last descriptor");
}

static void cases(void)
{
    an_unlinked_queue_lives_while_open();
    exit_closes_the_last_descriptor();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("mq_unlink_keeps_open_queues_until_last_close");
}

/* tests/boot/mq_send_then_unlink_and_close_loses_nothing.c - the window
 * of issue #24 on a POSIX queue: a sender that sends its lines and "end",
 * then at once calls mq_unlink and mq_close and exits, loses nothing,
 * whether the receiver waits in mq_receive meanwhile or comes only after
 * the sender is gone. mq_unlink(3): "The message queue itself is destroyed
 * once any other processes that have the queue open close their
 * descriptors referring to the queue", and the receiver has it open. */
#include <fcntl.h>
#include <mqueue.h>

#include "boot_test.h"
#include "boot_wait.h"

#define QUEUE_NAME "/mq_send_then_unlink"
#define LINES 10

/* The sender: LINES lines, "end", then mq_unlink + mq_close + exit. Each
 * line once the receiver `waiting` waits for it (0: do not wait for it). */
static void send_lines_then_unlink_and_close(pid_t waiting)
{
    mqd_t queue = mq_open(QUEUE_NAME, O_WRONLY);
    char line[32];
    for (int i = 1; i <= LINES + 1; i++) {
        if (i <= LINES)
            snprintf(line, sizeof line, "line %d", i);
        else
            strcpy(line, "end");
        if (waiting)
            CHECK(wait_until_blocked(waiting, "mq_recv: empty"), "the receiver did not wait for \"%s\"", line);
        CHECK_EQ(0, mq_send(queue, line, strlen(line) + 1, 0), "mq_send");
    }
    CHECK_EQ(0, mq_unlink(QUEUE_NAME), "mq_unlink right after the last send");
    CHECK_EQ(0, mq_close(queue), "mq_close right after");
}

/* The receiver: mq_receive until "end"; returns the lines before it, or
 * -errno when a receive failed, or -1000 for a line out of order. */
static int receive_until_end(mqd_t queue)
{
    char buffer[64];
    for (int lines = 0;; lines++) {
        if (mq_receive(queue, buffer, sizeof buffer, NULL) < 0)
            return -errno;
        if (strcmp(buffer, "end") == 0)
            return lines;
        char expected[32];
        snprintf(expected, sizeof expected, "line %d", lines + 1);
        if (strcmp(buffer, expected) != 0)
            return -1000;
    }
}

static void run(int receiver_waits)
{
    struct mq_attr attributes = { .mq_maxmsg = LINES + 1, .mq_msgsize = 64 };
    mqd_t queue = mq_open(QUEUE_NAME, O_RDONLY | O_CREAT | O_EXCL, 0600, &attributes);
    CHECK(queue >= 0, "mq_open: errno %d", errno);
    pid_t me = getpid();
    fflush(stdout);
    pid_t sender = fork();
    if (sender == 0) {
        send_lines_then_unlink_and_close(receiver_waits ? me : 0);
        _exit(check_failures ? 1 : 0);
    }
    if (!receiver_waits)
        waitpid(sender, NULL, 0);     /* the sender is gone, the name too */
    CHECK_EQ(LINES, receive_until_end(queue),
             receiver_waits ? "lines before \"end\", receiver waiting" : "lines before \"end\", sender gone");
    int status = -1;
    if (receiver_waits) {
        waitpid(sender, &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the sender's checks (failures above)");
    }
    CHECK_ERROR(mq_open(QUEUE_NAME, O_RDONLY), ENOENT);
    CHECK_EQ(0, mq_close(queue), "the receiver's close frees the queue");
}

static void cases(void)
{
    run(1);
    run(0);
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("mq_send_then_unlink_and_close_loses_nothing");
}

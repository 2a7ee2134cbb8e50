/* tests/boot/mq_blocking_nonblocking_and_timeouts.c - a full queue makes
 * mq_send wait and an empty one mq_receive, until the other side acts;
 * with O_NONBLOCK (from mq_open, mq_setattr or fcntl) they fail with
 * EAGAIN instead; the timed forms give up with ETIMEDOUT at an absolute
 * CLOCK_REALTIME deadline and reject a tv_nsec out of range with EINVAL;
 * mq_setattr changes O_NONBLOCK and nothing else. */
#include <fcntl.h>
#include <mqueue.h>
#include <time.h>

#include "boot_test.h"
#include "boot_wait.h"

#define QUEUE_NAME "/mq_blocking"
#define NS_PER_MS 1000000ll

static struct timespec deadline_in_ms(long long ms)
{
    long long at = realtime_ns() + ms * NS_PER_MS;
    struct timespec deadline = { (long)(at / 1000000000ll), (long)(at % 1000000000ll) };
    return deadline;
}

static mqd_t open_queue(int flags)
{
    struct mq_attr attributes = { .mq_maxmsg = 2, .mq_msgsize = 16 };
    mqd_t queue = mq_open(QUEUE_NAME, O_RDWR | O_CREAT | flags, 0600, &attributes);
    CHECK(queue >= 0, "mq_open: errno %d", errno);
    return queue;
}

static void nonblocking_calls_fail_with_eagain(void)
{
    mqd_t queue = open_queue(O_NONBLOCK);
    char buffer[16];
    CHECK_ERROR(mq_receive(queue, buffer, sizeof buffer, NULL), EAGAIN);
    CHECK_EQ(0, mq_send(queue, "1", 1, 0), "first send");
    CHECK_EQ(0, mq_send(queue, "2", 1, 0), "second send");
    CHECK_ERROR(mq_send(queue, "3", 1, 0), EAGAIN);
    struct timespec later = deadline_in_ms(1000);
    CHECK_ERROR(mq_timedsend(queue, "3", 1, 0, &later), EAGAIN);   /* O_NONBLOCK wins over waiting */
    mq_close(queue);
    mq_unlink(QUEUE_NAME);
}

static void mq_setattr_changes_only_o_nonblock(void)
{
    mqd_t queue = open_queue(0);
    struct mq_attr change = { .mq_flags = O_NONBLOCK, .mq_maxmsg = 99, .mq_msgsize = 99 }, old, now;
    CHECK_EQ(0, mq_setattr(queue, &change, &old), "mq_setattr");
    CHECK_EQ(0, old.mq_flags, "old mq_flags");
    CHECK_EQ(2, old.mq_maxmsg, "old mq_maxmsg");
    mq_getattr(queue, &now);
    CHECK_EQ(O_NONBLOCK, now.mq_flags, "mq_flags after setting O_NONBLOCK");
    CHECK_EQ(2, now.mq_maxmsg, "mq_maxmsg is not settable");
    CHECK_EQ(16, now.mq_msgsize, "mq_msgsize is not settable");
    char buffer[16];
    CHECK_ERROR(mq_receive(queue, buffer, sizeof buffer, NULL), EAGAIN);
    struct mq_attr bad = { .mq_flags = O_NONBLOCK | O_APPEND };
    CHECK_ERROR(mq_setattr(queue, &bad, NULL), EINVAL);
    struct mq_attr blocking = { .mq_flags = 0 };
    CHECK_EQ(0, mq_setattr(queue, &blocking, NULL), "clearing O_NONBLOCK");
    mq_getattr(queue, &now);
    CHECK_EQ(0, now.mq_flags, "mq_flags after clearing O_NONBLOCK");
    /* fcntl sets the same flag of the same open description */
    fcntl(queue, F_SETFL, O_NONBLOCK);
    mq_getattr(queue, &now);
    CHECK_EQ(O_NONBLOCK, now.mq_flags, "mq_flags after fcntl(F_SETFL, O_NONBLOCK)");
    CHECK_ERROR(mq_receive(queue, buffer, sizeof buffer, NULL), EAGAIN);
    mq_close(queue);
    mq_unlink(QUEUE_NAME);
}

static void timed_calls_give_up_at_the_deadline(void)
{
    mqd_t queue = open_queue(0);
    char buffer[16];
    struct timespec deadline = deadline_in_ms(50);
    long long start = realtime_ns();
    CHECK_ERROR(mq_timedreceive(queue, buffer, sizeof buffer, NULL, &deadline), ETIMEDOUT);
    long long waited = realtime_ns() - start;
    CHECK(waited >= 45 * NS_PER_MS && waited < 1000 * NS_PER_MS,
          "mq_timedreceive on an empty queue waited %lld ms, expected about 50", waited / NS_PER_MS);

    struct timespec past = { 0, 0 };
    CHECK_ERROR(mq_timedreceive(queue, buffer, sizeof buffer, NULL, &past), ETIMEDOUT);
    struct timespec bad = deadline_in_ms(10);
    bad.tv_nsec = 1000000000;
    CHECK_ERROR(mq_timedreceive(queue, buffer, sizeof buffer, NULL, &bad), EINVAL);
    bad.tv_nsec = -1;
    CHECK_ERROR(mq_timedsend(queue, "x", 1, 0, &bad), EINVAL);
    CHECK_ERROR(mq_timedsend(queue, "x", 1, 0, (struct timespec *)16), EFAULT);

    mq_send(queue, "a", 1, 0);
    CHECK_EQ(0, mq_timedsend(queue, "b", 1, 0, &past), "a timed send with room does not wait");
    deadline = deadline_in_ms(30);
    CHECK_ERROR(mq_timedsend(queue, "c", 1, 0, &deadline), ETIMEDOUT);
    CHECK_EQ(1, mq_timedreceive(queue, buffer, sizeof buffer, NULL, &past),
             "a timed receive with a message does not wait");
    mq_close(queue);
    mq_unlink(QUEUE_NAME);
}

static void a_waiting_receiver_gets_the_next_message(void)
{
    mqd_t queue = open_queue(0);
    fflush(stdout);
    pid_t parent = getpid();
    pid_t child = fork();
    if (child == 0) {
        if (!wait_until_blocked(parent, "mq_recv: empty"))
            _exit(2);
        _exit(mq_send(queue, "wake", 4, 7) == 0 ? 0 : 1);
    }
    char buffer[16] = { 0 };
    unsigned priority = 0;
    struct timespec deadline = deadline_in_ms(5000);
    ssize_t length = mq_timedreceive(queue, buffer, sizeof buffer, &priority, &deadline);
    CHECK(length == 4 && !memcmp(buffer, "wake", 4) && priority == 7,
          "the waiting receiver: expected \"wake\" at 7, got %d bytes \"%s\" at %u (errno %d)",
          (int)length, buffer, priority, errno);
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the sending child: status 0x%x", status);
    mq_close(queue);
    mq_unlink(QUEUE_NAME);
}

static void a_waiting_sender_goes_in_when_room_is_made(void)
{
    mqd_t queue = open_queue(0);
    mq_send(queue, "1", 1, 0);
    mq_send(queue, "2", 1, 0);
    fflush(stdout);
    pid_t parent = getpid();
    pid_t child = fork();
    if (child == 0) {
        if (!wait_until_blocked(parent, "mq_send: full"))
            _exit(2);
        char buffer[16];
        _exit(mq_receive(queue, buffer, sizeof buffer, NULL) == 1 && buffer[0] == '1' ? 0 : 1);
    }
    CHECK_EQ(0, mq_send(queue, "3", 1, 0), "the waiting send");
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the receiving child: status 0x%x", status);
    char buffer[16];
    CHECK(mq_receive(queue, buffer, sizeof buffer, NULL) == 1 && buffer[0] == '2', "then \"2\"");
    CHECK(mq_receive(queue, buffer, sizeof buffer, NULL) == 1 && buffer[0] == '3', "then \"3\"");
    mq_close(queue);
    mq_unlink(QUEUE_NAME);
}

static void cases(void)
{
    nonblocking_calls_fail_with_eagain();
    mq_setattr_changes_only_o_nonblock();
    timed_calls_give_up_at_the_deadline();
    a_waiting_receiver_gets_the_next_message();
    a_waiting_sender_goes_in_when_room_is_made();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("mq_blocking_nonblocking_and_timeouts");
}

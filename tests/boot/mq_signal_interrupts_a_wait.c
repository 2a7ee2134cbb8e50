/* tests/boot/mq_signal_interrupts_a_wait.c - a signal handler ends a
 * waiting mq_receive or mq_send with EINTR (the message is not sent); under
 * SA_RESTART the call is restarted and completes, as Linux does for
 * message queues (signal(7) lists mq_receive, mq_timedreceive, mq_send
 * and mq_timedsend among the calls SA_RESTART restarts). A stop and a
 * continue, with no handler, do not end the wait at all. SIGKILL ends a
 * waiting process and its descriptors go with it.
 *
 * Each case runs in a child that waits; the parent waits until the kernel
 * shows the child blocked (kinfo's wait reason), then signals it. The
 * child's exit code says what its call returned. */
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>

#include "boot_test.h"
#include "boot_wait.h"

#define QUEUE_NAME "/mq_signals"
enum { CHILD_OK = 0, CHILD_WRONG_RESULT = 10, CHILD_WRONG_ERRNO = 11, CHILD_NO_HANDLER = 12 };

static mqd_t open_queue(void)
{
    struct mq_attr attributes = { .mq_maxmsg = 1, .mq_msgsize = 8 };
    return mq_open(QUEUE_NAME, O_RDWR | O_CREAT, 0600, &attributes);
}

static void a_handler_ends_a_waiting_receive_with_eintr(void)
{
    mqd_t queue = open_queue();
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        count_sigusr1(0);
        char buffer[8];
        ssize_t result = mq_receive(queue, buffer, sizeof buffer, NULL);
        _exit(result != -1 ? CHILD_WRONG_RESULT : errno != EINTR ? CHILD_WRONG_ERRNO
              : !handled ? CHILD_NO_HANDLER : CHILD_OK);
    }
    CHECK(wait_until_blocked(child, "mq_recv: empty"), "the child never waited in mq_receive");
    kill(child, SIGUSR1);
    int status = -1;
    waitpid(child, &status, 0);
    CHECK_EQ(CHILD_OK, exit_code(status), "child's mq_receive interrupted without SA_RESTART (0: EINTR)");
    mq_close(queue);
    mq_unlink(QUEUE_NAME);
}

static void a_handler_ends_a_waiting_send_and_nothing_is_sent(void)
{
    mqd_t queue = open_queue();
    mq_send(queue, "full", 4, 0);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        count_sigusr1(0);
        struct timespec far = { time(NULL) + 1000000, 0 };   /* CLOCK_REALTIME: since the Epoch */
        int result = mq_timedsend(queue, "more", 4, 9, &far);
        _exit(result != -1 ? CHILD_WRONG_RESULT : errno != EINTR ? CHILD_WRONG_ERRNO
              : !handled ? CHILD_NO_HANDLER : CHILD_OK);
    }
    CHECK(wait_until_blocked(child, "mq_send: full"), "the child never waited in mq_timedsend");
    kill(child, SIGUSR1);
    int status = -1;
    waitpid(child, &status, 0);
    CHECK_EQ(CHILD_OK, exit_code(status), "child's mq_timedsend interrupted (0: EINTR)");
    struct mq_attr attributes;
    mq_getattr(queue, &attributes);
    CHECK_EQ(1, attributes.mq_curmsgs, "messages queued after the interrupted send");
    mq_close(queue);
    mq_unlink(QUEUE_NAME);
}

static void under_sa_restart_the_receive_resumes(void)
{
    mqd_t queue = open_queue();
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        count_sigusr1(SA_RESTART);
        char buffer[8] = { 0 };
        ssize_t result = mq_receive(queue, buffer, sizeof buffer, NULL);
        _exit(result != 5 || memcmp(buffer, "later", 5) ? CHILD_WRONG_RESULT : !handled ? CHILD_NO_HANDLER
              : CHILD_OK);
    }
    CHECK(wait_until_blocked(child, "mq_recv: empty"), "the child never waited in mq_receive");
    kill(child, SIGUSR1);
    /* restarted, it waits again */
    CHECK(wait_until_blocked(child, "mq_recv: empty"), "the child did not wait again after the handler");
    mq_send(queue, "later", 5, 0);
    int status = -1;
    waitpid(child, &status, 0);
    CHECK_EQ(CHILD_OK, exit_code(status), "child's restarted mq_receive (0: got the message after the handler)");
    mq_close(queue);
    mq_unlink(QUEUE_NAME);
}

static void stop_and_continue_do_not_end_a_wait(void)
{
    mqd_t queue = open_queue();
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        char buffer[8] = { 0 };
        ssize_t result = mq_receive(queue, buffer, sizeof buffer, NULL);
        _exit(result == 4 && !memcmp(buffer, "cont", 4) ? CHILD_OK : CHILD_WRONG_RESULT);
    }
    CHECK(wait_until_blocked(child, "mq_recv: empty"), "the child never waited in mq_receive");
    kill(child, SIGSTOP);
    kill(child, SIGCONT);
    CHECK(wait_until_blocked(child, "mq_recv: empty"), "after SIGSTOP and SIGCONT the child does not wait again");
    mq_send(queue, "cont", 4, 0);
    int status = -1;
    waitpid(child, &status, 0);
    CHECK_EQ(CHILD_OK, exit_code(status), "mq_receive across a stop and a continue (0: got the message)");
    mq_close(queue);
    mq_unlink(QUEUE_NAME);
}

static void sigkill_ends_a_waiting_receiver(void)
{
    mqd_t queue = open_queue();
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        char buffer[8];
        mq_receive(queue, buffer, sizeof buffer, NULL);
        _exit(CHILD_WRONG_RESULT);
    }
    CHECK(wait_until_blocked(child, "mq_recv: empty"), "the child never waited in mq_receive");
    kill(child, SIGKILL);
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the child: status 0x%x, expected SIGKILL", status);
    /* the queue still works for the rest of us */
    CHECK_EQ(0, mq_send(queue, "ok", 2, 0), "mq_send after the receiver died");
    mq_close(queue);
    mq_unlink(QUEUE_NAME);
}

static void cases(void)
{
    a_handler_ends_a_waiting_receive_with_eintr();
    a_handler_ends_a_waiting_send_and_nothing_is_sent();
    under_sa_restart_the_receive_resumes();
    stop_and_continue_do_not_end_a_wait();
    sigkill_ends_a_waiting_receiver();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("mq_signal_interrupts_a_wait");
}

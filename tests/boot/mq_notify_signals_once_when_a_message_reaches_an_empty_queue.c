/* tests/boot/mq_notify_signals_once_when_a_message_reaches_an_empty_queue.c
 * - mq_notify with SIGEV_SIGNAL and SIGEV_NONE (POSIX mq_notify):
 *  - "the specified signal shall be sent to the process when the queue
 *    transitions from empty to non-empty"; only then, not for a message
 *    into a queue that holds one already;
 *  - "when the notification is sent to the registered process, its
 *    registration shall be removed": one signal per registration, and the
 *    process may register again;
 *  - "if some thread is blocked in mq_receive ... the arriving message
 *    shall satisfy the mq_receive and the resulting behavior is as if the
 *    message queue remains empty, and no notification shall be sent";
 *  - "only one process may be registered for notification by a message
 *    queue": EBUSY for anyone else and for the owner itself (Linux);
 *  - a null notification removes the caller's registration; from another
 *    process it changes nothing (Linux);
 *  - the registration goes when the owner closes a descriptor of the queue
 *    (any of them, as Linux's flush), or exits; a child closing its copy
 *    leaves it;
 *  - EBADF for a descriptor that is no queue, EINVAL for an unknown
 *    sigev_notify or signal number (a bad pointer faults in the library,
 *    which reads sigev_notify first, as glibc does);
 *  - no kernel object leaks.
 * The siginfo the signal carries is checked by
 * tests/boot/after-signals/mq_notify_signal_carries_si_mesgq_value_and_pid.c. */
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>

#include "boot_test.h"
#include "boot_wait.h"

#define QUEUE_NAME "/mq_notify_signal"

static mqd_t open_queue(void)
{
    struct mq_attr attributes = { .mq_maxmsg = 4, .mq_msgsize = 16 };
    mqd_t queue = mq_open(QUEUE_NAME, O_RDWR | O_CREAT, 0600, &attributes);
    CHECK(queue >= 0, "mq_open: errno %d", errno);
    return queue;
}

static int notify_by_signal(mqd_t queue, int signal)
{
    struct sigevent notification;
    memset(&notification, 0, sizeof notification);
    notification.sigev_notify = SIGEV_SIGNAL;
    notification.sigev_signo = signal;
    notification.sigev_value.sival_int = 42;
    return mq_notify(queue, &notification);
}

static int notify_by_nothing(mqd_t queue)
{
    struct sigevent notification;
    memset(&notification, 0, sizeof notification);
    notification.sigev_notify = SIGEV_NONE;
    return mq_notify(queue, &notification);
}

static void send_one(mqd_t queue)
{
    CHECK_EQ(0, mq_send(queue, "m", 1, 0), "mq_send");
}

static void drain(mqd_t queue)
{
    char buffer[16];
    struct mq_attr attributes;
    mq_getattr(queue, &attributes);
    for (long i = 0; i < attributes.mq_curmsgs; i++)
        mq_receive(queue, buffer, sizeof buffer, NULL);
}

static void fires_once_on_empty_to_non_empty(mqd_t queue)
{
    handled = 0;
    CHECK_EQ(0, notify_by_signal(queue, SIGUSR1), "mq_notify SIGEV_SIGNAL");
    CHECK_ERROR(notify_by_signal(queue, SIGUSR1), EBUSY);      /* the owner too */
    CHECK_ERROR(notify_by_nothing(queue), EBUSY);
    send_one(queue);
    CHECK_EQ(1, handled, "signals after a message into the empty queue");
    drain(queue);
    send_one(queue);                  /* empty again, but the registration is gone */
    CHECK_EQ(1, handled, "signals after a second message (one-shot)");
    drain(queue);

    /* registered while a message is queued: the next message is no transition */
    send_one(queue);
    CHECK_EQ(0, notify_by_signal(queue, SIGUSR1), "mq_notify again after the notification");
    send_one(queue);
    CHECK_EQ(1, handled, "signals after a message into a non-empty queue");
    drain(queue);
    send_one(queue);
    CHECK_EQ(2, handled, "signals once it was empty again");
    drain(queue);
}

static void not_sent_while_a_receiver_waits(mqd_t queue)
{
    handled = 0;
    CHECK_EQ(0, notify_by_signal(queue, SIGUSR1), "mq_notify");
    fflush(stdout);
    pid_t receiver = fork();
    if (receiver == 0) {
        char buffer[16];
        _exit(mq_receive(queue, buffer, sizeof buffer, NULL) == 1 ? 0 : 1);
    }
    CHECK(wait_until_blocked(receiver, "mq_recv: empty"), "the receiver did not wait");
    send_one(queue);
    expect_child_ok(receiver, "the waiting receiver got the message");
    CHECK_EQ(0, handled, "signals for a message a waiting receiver took");
    send_one(queue);                  /* the registration is still there */
    CHECK_EQ(1, handled, "signals for the next message, nobody waiting");
    drain(queue);
}

static void null_removes_only_the_callers_own(mqd_t queue)
{
    handled = 0;
    CHECK_EQ(0, notify_by_signal(queue, SIGUSR1), "mq_notify");
    CHECK_EQ(0, mq_notify(queue, NULL), "mq_notify(NULL) by the owner");
    send_one(queue);
    CHECK_EQ(0, handled, "signals after the owner removed its registration");
    drain(queue);

    CHECK_EQ(0, notify_by_signal(queue, SIGUSR1), "mq_notify");
    fflush(stdout);
    pid_t other = fork();
    if (other == 0) {
        int busy = notify_by_signal(queue, SIGUSR2) == -1 && errno == EBUSY;
        int null_ok = mq_notify(queue, NULL) == 0;
        _exit(busy && null_ok ? 0 : 1);
    }
    expect_child_ok(other, "another process: EBUSY, and mq_notify(NULL) succeeds");
    send_one(queue);
    CHECK_EQ(1, handled, "signals: another process's NULL left the registration");
    drain(queue);
}

static void sigev_none_registers_and_ends_silently(mqd_t queue)
{
    handled = 0;
    CHECK_EQ(0, notify_by_nothing(queue), "mq_notify SIGEV_NONE");
    CHECK_ERROR(notify_by_signal(queue, SIGUSR1), EBUSY);
    send_one(queue);
    CHECK_EQ(0, handled, "signals for SIGEV_NONE");
    drain(queue);
    CHECK_EQ(0, notify_by_signal(queue, 0), "mq_notify again: SIGEV_NONE's registration ended");
    send_one(queue);                  /* signal 0: registered, nothing sent (Linux) */
    CHECK_EQ(0, handled, "signals for sigev_signo 0");
    CHECK_EQ(0, notify_by_nothing(queue), "mq_notify again: the signal-0 registration ended");
    CHECK_EQ(0, mq_notify(queue, NULL), "mq_notify(NULL)");
    drain(queue);
}

static void close_and_exit_remove_the_registration(mqd_t queue)
{
    /* the owner closes another descriptor of the same queue */
    CHECK_EQ(0, notify_by_signal(queue, SIGUSR1), "mq_notify");
    int copy = dup(queue);
    CHECK_EQ(0, close(copy), "close of a dup");
    CHECK_EQ(0, notify_by_signal(queue, SIGUSR1), "mq_notify after the owner closed a descriptor");

    /* a child closing its inherited copy leaves the parent's */
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        close(queue);
        _exit(0);
    }
    expect_child_ok(child, "child closing its copy");
    CHECK_ERROR(notify_by_nothing(queue), EBUSY);
    CHECK_EQ(0, mq_notify(queue, NULL), "mq_notify(NULL)");

    /* a child that registers and exits */
    fflush(stdout);
    child = fork();
    if (child == 0)
        _exit(notify_by_signal(queue, SIGUSR2) == 0 ? 0 : 1);
    expect_child_ok(child, "child registering");
    CHECK_EQ(0, notify_by_nothing(queue), "mq_notify after the registered child exited");

    /* the owner closes its last descriptor: another open registers */
    CHECK_EQ(0, mq_close(queue), "mq_close");
    mqd_t again = open_queue();
    CHECK_EQ(0, notify_by_nothing(again), "mq_notify on a new descriptor after mq_close");
    CHECK_EQ(0, mq_close(again), "mq_close");
}

static void bad_arguments(mqd_t queue)
{
    struct sigevent notification;
    memset(&notification, 0, sizeof notification);
    notification.sigev_notify = 7;
    CHECK_ERROR(mq_notify(queue, &notification), EINVAL);
    notification.sigev_notify = SIGEV_SIGNAL;
    notification.sigev_signo = -1;
    CHECK_ERROR(mq_notify(queue, &notification), EINVAL);
    notification.sigev_signo = 1000;
    CHECK_ERROR(mq_notify(queue, &notification), EINVAL);
    CHECK_ERROR(mq_notify(-1, NULL), EBADF);
    CHECK_ERROR(mq_notify(99, NULL), EBADF);
    int ends[2];
    pipe(ends);
    CHECK_ERROR(notify_by_signal(ends[0], SIGUSR1), EBADF);
    close(ends[0]);
    close(ends[1]);
    /* EINVAL is decided before the descriptor, as on Linux */
    notification.sigev_notify = 7;
    CHECK_ERROR(mq_notify(-1, &notification), EINVAL);
}

static void cases(void)
{
    count_sigusr1(SA_RESTART);
    mqd_t queue = open_queue();
    fires_once_on_empty_to_non_empty(queue);
    not_sent_while_a_receiver_waits(queue);
    null_removes_only_the_callers_own(queue);
    sigev_none_registers_and_ends_silently(queue);
    bad_arguments(queue);
    close_and_exit_remove_the_registration(queue);    /* closes `queue` */
    mq_unlink(QUEUE_NAME);
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("mq_notify_signals_once_when_a_message_reaches_an_empty_queue");
}

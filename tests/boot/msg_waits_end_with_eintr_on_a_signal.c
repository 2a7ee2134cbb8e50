/* tests/boot/msg_waits_end_with_eintr_on_a_signal.c - a signal whose
 * handler runs ends any waiting msg_* call with EINTR, even when the
 * handler was installed with SA_RESTART: the message calls are never
 * restarted (message(7)):
 *  - msg_recv waiting for anyone, and for one process;
 *  - a synchronous msg_send waiting for its receiver: afterwards the
 *    message is not delivered;
 *  - msg_call waiting for the receiver, and waiting for the reply: a
 *    reply that comes after the interruption is EINVAL.
 * Each case runs in a child that installs a SIGUSR1 handler (SA_RESTART)
 * and blocks; the parent waits until kinfo shows it blocked, then sends
 * SIGUSR1. The child checks its call's result and exits 0 if all held. */
#include <ipc.h>
#include <signal.h>

#include "boot_test.h"
#include "boot_wait.h"

static void receive_is_interrupted(int from_parent)
{
    const char *what = from_parent ? "msg_recv(from the parent)" : "msg_recv(MSG_ANY)";
    pid_t child = fork();
    if (child == 0) {
        count_sigusr1(SA_RESTART);
        struct message m;
        check_eintr_after_one_handler(msg_recv(from_parent ? getppid() : MSG_ANY, &m, 0), what);
        _exit(check_failures ? 1 : 0);
    }
    CHECK(wait_until_blocked_with_prefix(child, "msg_recv"), "%s: the child never blocked", what);
    kill(child, SIGUSR1);
    expect_child_ok(child, what);
}

static void send_is_interrupted(void)
{
    pid_t child = fork();
    if (child == 0) {
        count_sigusr1(SA_RESTART);
        struct message m;
        set_text(&m, 1, "interrupted");
        check_eintr_after_one_handler(msg_send(getppid(), &m, 0), "msg_send waiting for its receiver");
        _exit(check_failures ? 1 : 0);
    }
    CHECK(wait_until_blocked_with_prefix(child, "msg_send"), "msg_send: the child never blocked");
    kill(child, SIGUSR1);
    expect_child_ok(child, "msg_send waiting for its receiver");
    struct message m;
    CHECK_ERROR(msg_recv(MSG_ANY, &m, MSG_NONBLOCK), EAGAIN);      /* it was not delivered */
}

static void call_is_interrupted_waiting_for_the_receiver(void)
{
    pid_t child = fork();
    if (child == 0) {
        count_sigusr1(SA_RESTART);
        struct message m;
        set_text(&m, 1, "call");
        check_eintr_after_one_handler(msg_call(getppid(), &m), "msg_call waiting for the receiver");
        _exit(check_failures ? 1 : 0);
    }
    CHECK(wait_until_blocked_with_prefix(child, "msg_call: waiting for the rec"), "msg_call: the child never blocked");
    kill(child, SIGUSR1);
    expect_child_ok(child, "msg_call waiting for the receiver");
    struct message m;
    CHECK_ERROR(msg_recv(MSG_ANY, &m, MSG_NONBLOCK), EAGAIN);      /* it was not delivered */
}

static void call_is_interrupted_waiting_for_the_reply(void)
{
    int to_parent[2], to_child[2];
    pipe(to_parent);
    pipe(to_child);
    pid_t child = fork();
    if (child == 0) {
        count_sigusr1(SA_RESTART);
        struct message m;
        set_text(&m, 1, "call");
        check_eintr_after_one_handler(msg_call(getppid(), &m), "msg_call waiting for the reply");
        write(to_parent[1], "i", 1);
        char c;
        read(to_child[0], &c, 1);                /* stay while the parent's late reply fails */
        _exit(check_failures ? 1 : 0);
    }
    struct message m;
    CHECK_EQ(0, msg_recv(child, &m, 0), "receiving the call");
    CHECK(wait_until_blocked_with_prefix(child, "msg_call: waiting for the rep"),
          "msg_call: the child never waited for the reply");
    kill(child, SIGUSR1);
    char c;
    read(to_parent[0], &c, 1);
    set_text(&m, 1, "too late");
    CHECK_ERROR(msg_reply(child, &m), EINVAL);
    write(to_child[1], "g", 1);
    expect_child_ok(child, "msg_call waiting for the reply");
    close(to_parent[0]);
    close(to_parent[1]);
    close(to_child[0]);
    close(to_child[1]);
}

int main(void)
{
    alarm(60);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    receive_is_interrupted(0);
    receive_is_interrupted(1);
    send_is_interrupted();
    call_is_interrupted_waiting_for_the_receiver();
    call_is_interrupted_waiting_for_the_reply();
    return test_finish("msg_waits_end_with_eintr_on_a_signal");
}

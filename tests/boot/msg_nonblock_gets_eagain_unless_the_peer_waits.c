/* tests/boot/msg_nonblock_gets_eagain_unless_the_peer_waits.c - MSG_NONBLOCK
 * never waits (msg_send(2), msg_recv(2)):
 *  - msg_recv with MSG_NONBLOCK and nothing to take: EAGAIN (from anyone,
 *    or from one process), but a message already there is taken;
 *  - msg_send with MSG_NONBLOCK and without MSG_ASYNC succeeds only if the
 *    receiver is already waiting in msg_recv for us (or for anyone); to a
 *    process that is not receiving, or that waits for someone else, it is
 *    EAGAIN, and the message is not delivered later either;
 *  - msg_recv with MSG_NONBLOCK takes a synchronous sender that waits. */
#include <ipc.h>

#include "boot_test.h"
#include "boot_wait.h"

static void receive_nonblock_with_nothing_there(void)
{
    struct message m;
    CHECK_ERROR(msg_recv(MSG_ANY, &m, MSG_NONBLOCK), EAGAIN);
    CHECK_ERROR(msg_recv(getppid(), &m, MSG_NONBLOCK), EAGAIN);
    CHECK_ERROR(msg_recv(getpid(), &m, MSG_NONBLOCK), EAGAIN);

    /* a waiting synchronous sender is taken without waiting */
    pid_t sender = fork();
    if (sender == 0) {
        struct message out;
        set_text(&out, 1, "waiting to be taken");
        _exit(msg_send(getppid(), &out, 0) == 0 ? 0 : 1);
    }
    CHECK(wait_until_blocked_with_prefix(sender, "msg_send"), "the sender never blocked");
    memset(&m, 0, sizeof m);
    CHECK_EQ(0, msg_recv(MSG_ANY, &m, MSG_NONBLOCK), "msg_recv MSG_NONBLOCK with a sender waiting");
    CHECK(!strcmp(m.body, "waiting to be taken"), "expected \"waiting to be taken\", got \"%s\"", m.body);
    expect_child_ok(sender, "the sender taken by a non-blocking receive");
    CHECK_ERROR(msg_recv(sender, &m, MSG_NONBLOCK), EAGAIN);
}

static void send_nonblock_to_a_process_not_receiving(void)
{
    int go[2];
    pipe(go);
    pid_t busy = fork();
    if (busy == 0) {
        char c;
        read(go[0], &c, 1);
        struct message in;
        /* the refused message must not turn up later */
        CHECK_ERROR(msg_recv(MSG_ANY, &in, MSG_NONBLOCK), EAGAIN);
        _exit(check_failures ? 1 : 0);
    }
    CHECK(wait_until_blocked_with_prefix(busy, "pipe read"), "the child never blocked reading the pipe");
    struct message m;
    set_text(&m, 1, "refused");
    CHECK_ERROR(msg_send(busy, &m, MSG_NONBLOCK), EAGAIN);
    write(go[1], "g", 1);
    expect_child_ok(busy, "the child that was not receiving");
    close(go[0]);
    close(go[1]);
}

static void send_nonblock_to_a_process_waiting_for_someone_else(void)
{
    pid_t other = fork();
    if (other == 0) {
        usleep(200000);
        _exit(0);
    }
    pid_t receiver = fork();
    if (receiver == 0) {
        struct message in;
        int result = msg_recv(other, &in, 0);         /* ends with ESRCH when `other` exits */
        CHECK(result == -1 && errno == ESRCH, "msg_recv(from other): expected ESRCH, got %d (%s)", result,
              strerror(errno));
        CHECK_ERROR(msg_recv(MSG_ANY, &in, MSG_NONBLOCK), EAGAIN);
        _exit(check_failures ? 1 : 0);
    }
    CHECK(wait_until_blocked_with_prefix(receiver, "msg_recv"), "the receiver never blocked");
    struct message m;
    set_text(&m, 1, "not the one awaited");
    CHECK_ERROR(msg_send(receiver, &m, MSG_NONBLOCK), EAGAIN);
    waitpid(other, NULL, 0);
    expect_child_ok(receiver, "the receiver waiting for someone else");
}

static void send_nonblock_to_a_waiting_receiver(int receive_from_parent)
{
    pid_t receiver = fork();
    if (receiver == 0) {
        struct message in;
        CHECK_EQ(0, msg_recv(receive_from_parent ? getppid() : MSG_ANY, &in, 0), "msg_recv");
        CHECK(!strcmp(in.body, "taken at once"), "expected \"taken at once\", got \"%s\"", in.body);
        _exit(check_failures ? 1 : 0);
    }
    CHECK(wait_until_blocked_with_prefix(receiver, "msg_recv"), "the receiver never blocked");
    struct message m;
    set_text(&m, 1, "taken at once");
    CHECK_EQ(0, msg_send(receiver, &m, MSG_NONBLOCK),
             receive_from_parent ? "msg_send MSG_NONBLOCK to a receiver waiting for us"
                                 : "msg_send MSG_NONBLOCK to a receiver waiting for anyone");
    expect_child_ok(receiver, "the waiting receiver");
}

int main(void)
{
    alarm(60);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    receive_nonblock_with_nothing_there();
    send_nonblock_to_a_process_not_receiving();
    send_nonblock_to_a_process_waiting_for_someone_else();
    send_nonblock_to_a_waiting_receiver(0);
    send_nonblock_to_a_waiting_receiver(1);
    return test_finish("msg_nonblock_gets_eagain_unless_the_peer_waits");
}

/* tests/boot/msg_esrch_when_the_peer_is_missing_or_exits.c - direct
 * messages name a process; when it does not exist, or exits while someone
 * waits on it, the call fails with ESRCH instead of waiting forever
 * (msg_send(2), msg_recv(2), msg_call(2)):
 *  - msg_send, MSG_ASYNC and msg_call to a pid that does not exist;
 *  - the same to a child that has exited but is not reaped yet (a zombie
 *    receives nothing);
 *  - a synchronous sender waiting for a receiver that exits;
 *  - msg_call whose server exits before receiving, or after receiving but
 *    before replying;
 *  - msg_recv(from = pid) when pid exits while we wait, when it has
 *    already exited (zombie), and when it never existed.
 * A call that would hang instead is cut short by an alarm after 2 s, and
 * the failure says so. */
#include <ipc.h>
#include <signal.h>

#include "boot_test.h"
#include "boot_wait.h"

enum { NEVER_A_PID = 30000 };

/* `call` must fail with ESRCH; one that waits instead is ended by the alarm
 * after 2 s, and the failure says so. */
#define CHECK_ESRCH(call)                                                              \
    do {                                                                               \
        guard(2);                                                                      \
        errno = 0;                                                                     \
        long result_ = (long)(call);                                                   \
        int error_ = errno;                                                            \
        alarm(0);                                                                      \
        CHECK(result_ == -1 && error_ == ESRCH, "%s: expected -1 with ESRCH, got %ld (%s)", #call, \
              result_, result_ != -1 ? "success" : error_ == EINTR ? "EINTR: it waited until the alarm" \
                                                                   : strerror(error_));              \
    } while (0)

/* A child that sleeps `microseconds` and exits. */
static pid_t child_exiting_after(unsigned microseconds)
{
    pid_t child = fork();
    if (child == 0) {
        usleep(microseconds);
        _exit(0);
    }
    return child;
}

/* A child that has exited, and is left a zombie until we reap it. */
static pid_t zombie_child(void)
{
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    struct kinfo_process info;
    CHECK(WAIT_UNTIL(process_info(child, &info) && info.state == 'Z'), "the child %d never became a zombie", child);
    return child;
}

static void missing_pid(void)
{
    struct message m;
    set_text(&m, 1, "to nobody");
    CHECK_ESRCH(msg_send(NEVER_A_PID, &m, 0));
    CHECK_ESRCH(msg_send(NEVER_A_PID, &m, MSG_ASYNC));
    CHECK_ESRCH(msg_send(NEVER_A_PID, &m, MSG_NONBLOCK));
    CHECK_ESRCH(msg_call(NEVER_A_PID, &m));
    CHECK_ESRCH(msg_recv(NEVER_A_PID, &m, 0));

    /* a child that has come and gone (reaped) */
    pid_t gone = child_exiting_after(0);
    waitpid(gone, NULL, 0);
    CHECK_ESRCH(msg_send(gone, &m, 0));
    CHECK_ESRCH(msg_send(gone, &m, MSG_ASYNC));
    CHECK_ESRCH(msg_call(gone, &m));
    CHECK_ESRCH(msg_recv(gone, &m, 0));
}

static void zombie(void)
{
    struct message m;
    set_text(&m, 1, "to a zombie");
    pid_t dead = zombie_child();
    CHECK_ESRCH(msg_send(dead, &m, 0));
    CHECK_ESRCH(msg_send(dead, &m, MSG_ASYNC));
    CHECK_ESRCH(msg_call(dead, &m));
    CHECK_ESRCH(msg_recv(dead, &m, 0));          /* a zombie will never send */
    waitpid(dead, NULL, 0);
}

static void receiver_exits_while_we_wait(void)
{
    struct message m;
    set_text(&m, 1, "never received");
    pid_t receiver = child_exiting_after(50000);
    CHECK_ESRCH(msg_send(receiver, &m, 0));
    waitpid(receiver, NULL, 0);

    /* msg_call: the server exits before it receives */
    receiver = child_exiting_after(50000);
    CHECK_ESRCH(msg_call(receiver, &m));
    waitpid(receiver, NULL, 0);

    /* msg_call: the server receives, then exits without a reply */
    pid_t server = fork();
    if (server == 0) {
        struct message in;
        alarm(5);           /* a call that never comes must not keep us (and the test) waiting */
        msg_recv(MSG_ANY, &in, 0);
        usleep(20000);
        _exit(0);
    }
    set_text(&m, 1, "received but never answered");
    CHECK_ESRCH(msg_call(server, &m));
    waitpid(server, NULL, 0);
}

static void sender_exits_while_we_wait(void)
{
    struct message m;
    pid_t sender = child_exiting_after(50000);
    CHECK_ESRCH(msg_recv(sender, &m, 0));
    waitpid(sender, NULL, 0);

    /* with MSG_ANY nobody in particular is awaited: a child's exit is no error */
    sender = fork();
    if (sender == 0) {
        usleep(20000);
        struct message hello;
        set_text(&hello, 1, "hello");
        _exit(msg_send(getppid(), &hello, 0) == 0 ? 0 : 1);
    }
    pid_t quiet = child_exiting_after(5000);
    CHECK_EQ(0, msg_recv(MSG_ANY, &m, 0), "msg_recv(MSG_ANY) while another child exits");
    CHECK(!strcmp(m.body, "hello"), "expected \"hello\", got \"%s\"", m.body);
    waitpid(sender, NULL, 0);
    waitpid(quiet, NULL, 0);
}

int main(void)
{
    missing_pid();
    zombie();
    receiver_exits_while_we_wait();
    sender_exits_while_we_wait();
    return test_finish("msg_esrch_when_the_peer_is_missing_or_exits");
}

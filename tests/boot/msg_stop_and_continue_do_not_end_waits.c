/* tests/boot/msg_stop_and_continue_do_not_end_waits.c - being stopped
 * (SIGSTOP, Ctrl-Z) and continued (SIGCONT, fg) runs no handler, so a
 * process waiting in msg_recv, msg_send, msg_call or mbox_recv cannot
 * tell: its call goes on waiting and ends as if nothing had happened, the
 * rule tests/boot/signal_stop_and_continue_do_not_end_waits.c states for
 * read and waitpid. (Only a signal whose handler runs ends a message wait
 * with EINTR: msg_waits_end_with_eintr_on_a_signal.c.) This is what lets
 * `print_server &`, Ctrl-Z and `fg` keep serving.
 *
 * Each child blocks; the parent waits until kinfo shows it blocked, stops
 * it, waits until it is stopped, continues it, waits until it blocks again
 * and then completes its call. The child exits 0 if its call succeeded. */
#include <ipc.h>
#include <signal.h>

#include "boot_test.h"
#include "boot_wait.h"

/* Stops and continues `child`, which must be back in `reason` afterwards. */
static void stop_and_continue(pid_t child, const char *reason, const char *what)
{
    CHECK(wait_until_blocked_with_prefix(child, reason), "%s: the child never blocked", what);
    kill(child, SIGSTOP);
    int status = 0;
    CHECK_EQ(child, waitpid(child, &status, WUNTRACED), "waitpid WUNTRACED");
    CHECK(WIFSTOPPED(status), "%s: expected the child stopped, got status 0x%x", what, status);
    kill(child, SIGCONT);
    CHECK(wait_until_blocked_with_prefix(child, reason), "%s: after SIGCONT the child should wait in its call again",
          what);
}

/* Waits for `child`, whose call must have gone on and succeeded (it exits
 * with the errno of a call that failed). */
static void expect_call_succeeded(pid_t child, const char *what)
{
    int status = 0;
    CHECK_EQ(child, waitpid(child, &status, 0), what);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "%s: expected the call to go on and succeed (exit 0), got status 0x%x (exit %d: the call failed with "
          "errno %d)", what, status, WEXITSTATUS(status), WEXITSTATUS(status));
}

int main(void)
{
    alarm(60);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    struct message m;

    pid_t child = fork();
    if (child == 0) {
        struct message in;
        _exit(msg_recv(MSG_ANY, &in, 0) == 0 ? 0 : errno);
    }
    stop_and_continue(child, "msg_recv", "msg_recv");
    set_text(&m, 1, "after the stop");
    CHECK_EQ(0, msg_send(child, &m, 0), "msg_send to the continued receiver");
    expect_call_succeeded(child, "msg_recv through a stop and continue");

    child = fork();
    if (child == 0) {
        struct message out;
        set_text(&out, 1, "sent through a stop");
        _exit(msg_send(getppid(), &out, 0) == 0 ? 0 : errno);
    }
    stop_and_continue(child, "msg_send", "msg_send");
    CHECK_EQ(0, msg_recv(child, &m, MSG_NONBLOCK), "msg_recv from the continued sender");
    expect_call_succeeded(child, "msg_send through a stop and continue");

    child = fork();
    if (child == 0) {
        struct message call;
        set_text(&call, 1, "call");
        _exit(msg_call(getppid(), &call) == 0 ? 0 : errno);
    }
    CHECK_EQ(0, msg_recv(child, &m, 0), "receiving the call");
    stop_and_continue(child, "msg_call: waiting for the rep", "msg_call");
    CHECK_EQ(0, msg_reply(child, &m), "msg_reply to the continued caller");
    expect_call_succeeded(child, "msg_call through a stop and continue");

    int box = mbox_open("stop-continue", O_CREAT | O_EXCL, 4);
    child = fork();
    if (child == 0) {
        struct message in;
        _exit(mbox_recv(box, &in, 0) == 0 ? 0 : errno);
    }
    stop_and_continue(child, "mbox_recv", "mbox_recv");
    CHECK_EQ(0, mbox_send(box, &m, 0), "mbox_send to the continued receiver");
    expect_call_succeeded(child, "mbox_recv through a stop and continue");
    mbox_unlink("stop-continue");
    close(box);
    return test_finish("msg_stop_and_continue_do_not_end_waits");
}

/* tests/boot/msg_send_closing_a_cycle_gets_edeadlk.c - a synchronous send
 * (or msg_call) that would close a cycle of processes, each waiting for the
 * next (sending to it, or waiting for its reply), fails with EDEADLK at
 * once instead of blocking them all (kernel/ipc/msg.c would_deadlock):
 *
 *   oneself:  A -> A
 *   two:      B -> A (B waits),  A -> B: EDEADLK
 *   three:    C -> A, B -> C (both wait),  A -> B: EDEADLK   (A->B->C->A)
 *   a call:   B called A (A received it, B waits for the reply),
 *             A -> B: EDEADLK (B waits for A)
 *
 * and a chain that is no cycle just waits: C -> B -> A blocks C, and all
 * are delivered once A receives. After each EDEADLK the waiting processes
 * are released by receiving their messages, and exit 0. */
#include <ipc.h>

#include "boot_test.h"
#include "boot_wait.h"

/* A child that sends `text` synchronously to `to` and exits 0 if it went. */
static pid_t sending_child(pid_t to, const char *text)
{
    pid_t child = fork();
    if (child == 0) {
        struct message m;
        set_text(&m, 1, text);
        _exit(msg_send(to, &m, 0) == 0 ? 0 : 1);
    }
    return child;
}

static void send_to_oneself(void)
{
    struct message m;
    set_text(&m, 1, "to me");
    CHECK_ERROR(msg_send(getpid(), &m, 0), EDEADLK);
    CHECK_ERROR(msg_call(getpid(), &m), EDEADLK);
}

static void two_processes(void)
{
    pid_t a = getpid();
    pid_t b = sending_child(a, "B to A");
    CHECK(wait_until_blocked_with_prefix(b, "msg_send"), "B never blocked sending to A");
    struct message m;
    set_text(&m, 1, "A to B");
    CHECK_ERROR(msg_send(b, &m, 0), EDEADLK);
    CHECK_ERROR(msg_call(b, &m), EDEADLK);
    CHECK_ERROR(msg_send(b, &m, MSG_NONBLOCK), EAGAIN);       /* never waits: no deadlock, B not receiving */
    CHECK_EQ(0, msg_send(b, &m, MSG_ASYNC), "MSG_ASYNC to B never waits, so never deadlocks");
    CHECK_EQ(0, msg_recv(b, &m, 0), "A receives B's message");
    CHECK(!strcmp(m.body, "B to A"), "expected \"B to A\", got \"%s\"", m.body);
    expect_child_ok(b, "B, released");
}

static void three_processes(void)
{
    pid_t a = getpid();
    pid_t c = sending_child(a, "C to A");
    CHECK(wait_until_blocked_with_prefix(c, "msg_send"), "C never blocked sending to A");
    pid_t b = sending_child(c, "B to C");
    CHECK(wait_until_blocked_with_prefix(b, "msg_send"), "B never blocked sending to C");
    struct message m;
    set_text(&m, 1, "A to B");
    CHECK_ERROR(msg_send(b, &m, 0), EDEADLK);
    CHECK_ERROR(msg_call(b, &m), EDEADLK);

    /* release: A receives C's message; C exits without receiving B's,
     * so B's send fails with ESRCH - B's exit status tells */
    CHECK_EQ(0, msg_recv(c, &m, 0), "A receives C's message");
    expect_child_ok(c, "C, released");
    int status = 0;
    waitpid(b, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 1,
          "B's send to C, which exited: expected it to fail (exit 1), got status 0x%x", status);
}

static void waiting_for_a_reply_counts(void)
{
    pid_t a = getpid();
    pid_t b = fork();
    if (b == 0) {
        struct message m;
        set_text(&m, 1, "B calls A");
        _exit(msg_call(a, &m) == 0 && !strcmp(m.body, "A answers") ? 0 : 1);
    }
    struct message m;
    CHECK_EQ(0, msg_recv(b, &m, 0), "A receives B's call");
    CHECK(wait_until_blocked_with_prefix(b, "msg_call: waiting for the reply"), "B never waited for the reply");
    set_text(&m, 1, "A to B");
    CHECK_ERROR(msg_send(b, &m, 0), EDEADLK);
    CHECK_ERROR(msg_call(b, &m), EDEADLK);
    set_text(&m, 1, "A answers");
    CHECK_EQ(0, msg_reply(b, &m), "A replies");
    expect_child_ok(b, "B, answered");
}

static void a_chain_is_not_a_cycle(void)
{
    pid_t a = getpid();
    pid_t b = fork();
    if (b == 0) {
        struct message m;
        set_text(&m, 1, "B to A");
        if (msg_send(a, &m, 0) != 0)
            _exit(1);
        if (msg_recv(MSG_ANY, &m, 0) != 0 || strcmp(m.body, "C to B"))
            _exit(2);
        _exit(0);
    }
    CHECK(wait_until_blocked_with_prefix(b, "msg_send"), "B never blocked sending to A");
    pid_t c = sending_child(b, "C to B");
    CHECK(wait_until_blocked_with_prefix(c, "msg_send"), "C -> B -> A is a chain: C should wait, not fail");
    struct message m;
    CHECK_EQ(0, msg_recv(b, &m, 0), "A receives B's message");
    expect_child_ok(b, "B, which then receives C's");
    expect_child_ok(c, "C, whose send reached B");
}

int main(void)
{
    alarm(60);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    send_to_oneself();
    two_processes();
    three_processes();
    waiting_for_a_reply_counts();
    a_chain_is_not_a_cycle();
    struct message m;
    CHECK_ERROR(msg_recv(MSG_ANY, &m, MSG_NONBLOCK), EAGAIN);           /* nothing left over */
    return test_finish("msg_send_closing_a_cycle_gets_edeadlk");
}

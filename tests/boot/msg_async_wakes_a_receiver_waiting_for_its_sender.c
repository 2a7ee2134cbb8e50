/* tests/boot/msg_async_wakes_a_receiver_waiting_for_its_sender.c - a
 * process waiting in msg_recv(from = A) gets A's MSG_ASYNC message at
 * once, even when its inbox already holds mail from someone else
 * (msg_recv(2): msg_recv waits for a message from `from`; MSG_ASYNC
 * leaves it in the inbox - which must wake the one waiting for it).
 *
 *   receiver: msg_recv(from = A) ... waiting
 *   B: MSG_ASYNC -> receiver      (not from A: it stays in the inbox)
 *   A: MSG_ASYNC -> receiver      (from A: the receiver must wake with it)
 *
 * Also when A exits right after sending: its message is in the inbox, so
 * the receiver gets it, not ESRCH. The same with MSG_ANY and with a
 * synchronous send from A, which must work too. A receiver that is never woken is cut short by an alarm after
 * 2 s and shows up as "got errno 4 (EINTR)". */
#include <ipc.h>
#include <signal.h>

#include "boot_test.h"
#include "boot_wait.h"

/* A child that sends `text` to `to` with `flags` once `to` waits in
 * msg_recv; it exits at once if `stay` is -1, else when `stay` is readable. */
static pid_t sender_when_waiting(pid_t to, const char *text, int flags, int stay)
{
    pid_t child = fork();
    if (child == 0) {
        if (!wait_until_blocked_with_prefix(to, "msg_recv"))
            _exit(2);
        struct message m;
        set_text(&m, 1, text);
        int result = msg_send(to, &m, flags);
        char c;
        if (stay >= 0)
            read(stay, &c, 1);
        _exit(result == 0 ? 0 : 1);
    }
    return child;
}

/* B's message sits in the inbox; then we wait for A's, sent with `flags`.
 * A stays alive until we have it, unless `a_exits`. */
static void wait_for_a_with_b_in_the_inbox(int flags, int a_exits, const char *what)
{
    pid_t b = fork();
    if (b == 0) {
        struct message m;
        set_text(&m, 1, "from B");
        _exit(msg_send(getppid(), &m, MSG_ASYNC) == 0 ? 0 : 1);
    }
    waitpid(b, NULL, 0);
    int stay[2];
    pipe(stay);
    pid_t a = sender_when_waiting(getpid(), "from A", flags, a_exits ? -1 : stay[0]);

    struct message m;
    guard(2);
    int result = msg_recv(a, &m, 0);
    int error = errno;
    alarm(0);
    CHECK(result == 0, "%s: expected msg_recv(from A) to return A's message, got %d (%s)", what, result,
          result == 0 ? "" : error == EINTR ? "EINTR: it was never woken" : strerror(error));
    if (result == 0)
        CHECK(m.src == a && !strcmp(m.body, "from A"), "%s: expected \"from A\" from %d, got \"%s\" from %d",
              what, a, m.body, m.src);
    write(stay[1], "x", 1);
    int status = 0;
    waitpid(a, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: A's msg_send failed (status 0x%x)", what, status);
    close(stay[0]);
    close(stay[1]);

    /* B's message is still there, and nothing else */
    CHECK_EQ(0, msg_recv(MSG_ANY, &m, MSG_NONBLOCK), "msg_recv of B's message afterwards");
    CHECK(!strcmp(m.body, "from B"), "expected \"from B\", got \"%s\"", m.body);
    if (result != 0)
        msg_recv(a, &m, MSG_NONBLOCK);           /* A's, which never woke us */
    CHECK_ERROR(msg_recv(MSG_ANY, &m, MSG_NONBLOCK), EAGAIN);
}

static void any_sender_wakes_msg_any(void)
{
    pid_t a = sender_when_waiting(getpid(), "to anyone waiting", MSG_ASYNC, -1);
    struct message m;
    guard(2);
    CHECK_EQ(0, msg_recv(MSG_ANY, &m, 0), "msg_recv(MSG_ANY) woken by MSG_ASYNC");
    alarm(0);
    CHECK(!strcmp(m.body, "to anyone waiting"), "expected \"to anyone waiting\", got \"%s\"", m.body);
    waitpid(a, NULL, 0);
}

int main(void)
{
    wait_for_a_with_b_in_the_inbox(0, 0, "A sends synchronously");
    wait_for_a_with_b_in_the_inbox(MSG_ASYNC, 0, "A sends MSG_ASYNC and stays");
    wait_for_a_with_b_in_the_inbox(MSG_ASYNC, 1, "A sends MSG_ASYNC and exits at once");
    any_sender_wakes_msg_any();
    return test_finish("msg_async_wakes_a_receiver_waiting_for_its_sender");
}

/* tests/boot/msg_call_sleeps_until_the_server_replies.c - msg_call sends
 * its request and then sleeps, however long the server takes, until the
 * server's msg_reply wakes it (msg_call(2)):
 *  - the server receives the call, and while it works (300 ms) the client
 *    is blocked in msg_call, as ps shows it, and has not returned;
 *  - only the reply ends the call: msg_call returns 0 after at least the
 *    server's 300 ms, its buffer holding the reply (src = the server);
 *  - the same when the call comes before the server waits in msg_recv:
 *    the client waits first to be received, then for the reply. */
#include <ipc.h>
#include <signal.h>
#include <time.h>

#include "boot_test.h"
#include "boot_wait.h"

enum { WORK_MS = 300, REQUEST = 7, ANSWER = 8 };

static long milliseconds_now(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1000L + now.tv_nsec / 1000000L;
}

/* The server: receives one call, checks its client sleeps in msg_call
 * while it works, then replies. Exits 0 when all went as expected. */
static void serve_one_call(pid_t client, int late)
{
    if (late)
        usleep(200000);     /* the call comes first and waits to be received */
    struct message m;
    if (msg_recv(MSG_ANY, &m, 0) != 0 || m.src != client || m.type != REQUEST)
        _exit(1);
    if (!wait_until_blocked_with_prefix(client, "msg_call"))
        _exit(2);           /* the client should sleep, waiting for our reply */
    usleep(WORK_MS * 1000);
    if (!is_blocked_with_prefix(client, "msg_call"))
        _exit(3);           /* it must still sleep: nothing has answered it */
    m.type = ANSWER;
    m.len = (uint32_t)snprintf(m.body, sizeof m.body, "done") + 1;
    _exit(msg_reply(client, &m) == 0 ? 0 : 4);
}

static void call_and_wait(int late)
{
    const char *what = late ? "server late" : "server waiting";
    pid_t client = getpid();
    pid_t server = fork();
    if (server == 0)
        serve_one_call(client, late);
    if (!late)
        CHECK(wait_until_blocked_with_prefix(server, "msg_recv"), "%s: the server never waited in msg_recv", what);
    struct message m;
    memset(&m, 0, sizeof m);
    m.type = REQUEST;
    long start = milliseconds_now();
    int result = msg_call(server, &m);
    long waited = milliseconds_now() - start;
    CHECK(result == 0, "%s: msg_call returned %d (%s), expected 0", what, result, result ? strerror(errno) : "");
    CHECK(waited >= WORK_MS - 20, "%s: msg_call returned after %ld ms, before the server's %d ms of work", what,
          waited, WORK_MS);
    CHECK(m.type == ANSWER && m.src == server && !strcmp(m.body, "done"),
          "%s: expected the reply \"done\" (type %d) from %d, got \"%.20s\" (type %d) from %d", what, ANSWER,
          server, m.body, m.type, m.src);
    if (result != 0)
        kill(server, SIGKILL);  /* it may wait for a call that never came */
    int status = 0;
    CHECK_EQ(server, waitpid(server, &status, 0), "waitpid of the server");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: the server saw a wrong call (exit %d: 1 bad "
          "message, 2 client not asleep, 3 client awake before the reply, 4 msg_reply failed)", what,
          exit_code(status));
}

int main(void)
{
    alarm(60);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    call_and_wait(0);
    call_and_wait(1);
    return test_finish("msg_call_sleeps_until_the_server_replies");
}

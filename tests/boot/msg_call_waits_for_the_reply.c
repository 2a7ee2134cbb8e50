/* tests/boot/msg_call_waits_for_the_reply.c - msg_call sends and then waits
 * for msg_reply from the same process, whose message overwrites the
 * caller's; msg_reply never waits (msg_call(2), msg_reply(2)):
 *  - a call to a server already waiting in msg_recv (the CPU is handed to
 *    it) and to one that comes later both get their reply;
 *  - the body arrives whole both ways, every one of its 240 bytes (the
 *    last one too: msg_call must not touch the message before sending it),
 *    whether the message lies within a page or across two;
 *  - msg_reply to a process that is not waiting for a reply from the
 *    caller is EINVAL (not calling at all, calling someone else, already
 *    answered);
 *  - a msg_reply that fails (EFAULT, EINVAL) leaves the caller waiting,
 *    and a good one then completes the call;
 *  - the buffer of msg_call must be writable: a read-only one is EFAULT. */
#include <ipc.h>

#include "boot_test.h"
#include "boot_wait.h"

enum { ECHO = 1, QUIT = 2, WHOLE_BODY = 3 };
#define PAGE 4096

/* The byte at `i` of the full-size test body: no zeros, none alike in a row. */
static char pattern(int i, int salt)
{
    return (char)('A' + (i * 7 + salt) % 50);
}

/* Index of the first byte of m's body that is not pattern(salt), or -1. */
static int first_wrong_byte(const struct message *m, int salt)
{
    for (int i = 0; i < MSG_BODY_MAX; i++)
        if (m->body[i] != pattern(i, salt))
            return i;
    return -1;
}

/* The echo server: replies to each call with its text, type + 100; a
 * full-size body is answered with whether it came whole, and a full-size
 * body of its own. */
static void echo_server(void)
{
    struct message m;
    for (;;) {
        if (msg_recv(MSG_ANY, &m, 0) != 0)
            _exit(10);
        pid_t client = m.src;
        if (m.type == QUIT) {
            msg_reply(client, &m);
            _exit(0);
        }
        if (m.type == WHOLE_BODY) {
            /* the answer: -1 if the body came whole, else where and what differed */
            int wrong = m.len == MSG_BODY_MAX ? first_wrong_byte(&m, 1) : -2;
            m.type = wrong < 0 ? wrong : wrong * 256 + (unsigned char)m.body[wrong];
            m.len = MSG_BODY_MAX;
            for (int i = 0; i < MSG_BODY_MAX; i++)
                m.body[i] = pattern(i, 2);
        } else {
            m.type += 100;
        }
        if (msg_reply(client, &m) != 0)
            _exit(11);
    }
}

static void calls_get_their_replies(void)
{
    pid_t server = fork();
    if (server == 0)
        echo_server();
    struct message m;
    char text[32];
    for (int i = 0; i < 50; i++) {
        /* every other call finds the server waiting: the CPU is handed to it */
        if (i % 2 == 0)
            CHECK(wait_until_blocked_with_prefix(server, "msg_recv"), "call %d: the server never waited in msg_recv",
                  i);
        snprintf(text, sizeof text, "call number %d", i);
        set_text(&m, ECHO + 10 * i, text);
        m.src = 999;
        if (msg_call(server, &m) != 0) {
            CHECK(0, "call %d: expected msg_call to return 0, got -1 (%s)", i, strerror(errno));
            break;
        }
        CHECK_EQ(ECHO + 10 * i + 100, m.type, "the reply's type overwrote the message");
        CHECK_EQ(server, m.src, "the reply's src: the server");
        CHECK_EQ(getpid(), m.dst, "the reply's dst: the caller");
        CHECK(m.len == strlen(text) + 1 && !strcmp(m.body, text),
              "call %d: expected the reply \"%s\", got \"%.*s\"", i, text, (int)(m.len % (MSG_BODY_MAX + 1)), m.body);
    }

    /* 240 bytes of body both ways, the last one included: in a message that
     * lies within one page, and in one that straddles two */
    static char pages[3 * PAGE] __attribute__((aligned(PAGE)));
    struct message *placements[] = { (struct message *)(pages + PAGE),
                                     (struct message *)(pages + 2 * PAGE - 100) };
    static const char *const where[] = { "within a page", "across a page boundary" };
    for (int k = 0; k < 2; k++) {
        struct message *full = placements[k];
        memset(full, 0, sizeof *full);
        full->type = WHOLE_BODY;
        full->len = MSG_BODY_MAX;
        for (int i = 0; i < MSG_BODY_MAX; i++)
            full->body[i] = pattern(i, 1);
        CHECK_EQ(0, msg_call(server, full), "msg_call with a full body");
        CHECK(full->type == -1, "a full body %s through msg_call: expected the server to get all %d bytes as "
              "sent, but byte %d differs: expected 0x%02x, got 0x%02x", where[k], MSG_BODY_MAX, full->type / 256,
              (unsigned char)pattern(full->type / 256, 1), full->type % 256);
        CHECK_EQ(MSG_BODY_MAX, full->len, "the full reply's len");
        CHECK_EQ(-1, first_wrong_byte(full, 2), "the first wrong byte of the full reply (-1: none)");
    }

    set_text(&m, QUIT, "quit");
    CHECK_EQ(0, msg_call(server, &m), "msg_call QUIT");
    expect_child_ok(server, "the echo server");
}

static void reply_to_a_process_not_waiting_is_einval(void)
{
    struct message m;
    set_text(&m, ECHO, "unasked");
    /* a child blocked in msg_recv is not calling anyone */
    pid_t receiver = fork();
    if (receiver == 0) {
        struct message in;
        _exit(msg_recv(getppid(), &in, 0) == 0 && !strcmp(in.body, "go") ? 0 : 1);
    }
    CHECK(wait_until_blocked_with_prefix(receiver, "msg_recv"), "the receiver never blocked");
    CHECK_ERROR(msg_reply(receiver, &m), EINVAL);
    set_text(&m, ECHO, "go");
    CHECK_EQ(0, msg_send(receiver, &m, 0), "msg_send to the receiver");
    expect_child_ok(receiver, "the receiver");

    /* to oneself, and to nobody */
    CHECK_ERROR(msg_reply(getpid(), &m), EINVAL);
    CHECK_ERROR(msg_reply(receiver, &m), EINVAL);       /* reaped: gone */

    /* a caller waiting for someone else's reply */
    pid_t server = fork();
    if (server == 0) {
        struct message in;
        if (msg_recv(MSG_ANY, &in, 0) != 0)
            _exit(10);
        /* wait until the parent has tried to answer for us */
        struct message go;
        if (msg_recv(getppid(), &go, 0) != 0)
            _exit(11);
        pid_t client = in.src;
        set_text(&in, ECHO, "from the server");
        _exit(msg_reply(client, &in) == 0 ? 0 : 12);
    }
    pid_t client = fork();
    if (client == 0) {
        struct message call;
        set_text(&call, ECHO, "to the server");
        if (msg_call(server, &call) != 0)
            _exit(20);
        _exit(call.src == server && !strcmp(call.body, "from the server") ? 0 : 21);
    }
    CHECK(wait_until_blocked_with_prefix(client, "msg_call: waiting for the reply"),
          "the client never waited for the server's reply");
    CHECK_ERROR(msg_reply(client, &m), EINVAL);
    set_text(&m, ECHO, "go");
    CHECK_EQ(0, msg_send(server, &m, 0), "msg_send go to the server");
    expect_child_ok(server, "the server that answers after the parent tried");
    expect_child_ok(client, "the client that got only its server's reply");
}

static void failed_reply_leaves_the_caller_waiting(void)
{
    pid_t client = fork();
    if (client == 0) {
        struct message call;
        set_text(&call, ECHO, "please answer");
        if (msg_call(getppid(), &call) != 0)
            _exit(20);
        _exit(call.type == 77 && !strcmp(call.body, "the good reply") ? 0 : 21);
    }
    struct message m;
    CHECK_EQ(0, msg_recv(client, &m, 0), "msg_recv of the call");
    CHECK_ERROR(msg_reply(client, NULL), EFAULT);
    CHECK_ERROR(msg_reply(client, (const struct message *)0xC0000000u), EFAULT);
    struct message too_long;
    set_text(&too_long, 77, "too long");
    too_long.len = MSG_BODY_MAX + 1;
    CHECK_ERROR(msg_reply(client, &too_long), EINVAL);
    CHECK(wait_until_blocked_with_prefix(client, "msg_call: waiting for the reply"),
          "after failed replies the client should still wait for the reply");
    set_text(&m, 77, "the good reply");
    CHECK_EQ(0, msg_reply(client, &m), "the good msg_reply after failed ones");
    expect_child_ok(client, "the client answered by the good reply");
    CHECK_ERROR(msg_reply(client, &m), EINVAL);          /* answered already (and gone) */

    /* answered once: a second reply while it still runs is EINVAL too */
    client = fork();
    if (client == 0) {
        struct message call;
        set_text(&call, ECHO, "once");
        if (msg_call(getppid(), &call) != 0)
            _exit(20);
        struct message hold;
        _exit(msg_recv(getppid(), &hold, 0) == 0 ? 0 : 22);   /* stays until told */
    }
    CHECK_EQ(0, msg_recv(client, &m, 0), "msg_recv of the second call");
    CHECK_EQ(0, msg_reply(client, &m), "the first reply");
    CHECK_ERROR(msg_reply(client, &m), EINVAL);
    CHECK_EQ(0, msg_send(client, &m, 0), "releasing the client");
    expect_child_ok(client, "the client answered once");
}

static void call_buffer_must_be_writable(void)
{
    static const struct message read_only = { 0, 0, ECHO, 3, "ro" };
    pid_t server = fork();
    if (server == 0)
        echo_server();
    CHECK_ERROR(msg_call(server, (struct message *)&read_only), EFAULT);
    CHECK_ERROR(msg_call(server, NULL), EFAULT);
    struct message m;
    set_text(&m, ECHO, "x");
    m.len = MSG_BODY_MAX + 1;
    CHECK_ERROR(msg_call(server, &m), EINVAL);
    /* msg_send only reads: a read-only message is fine there */
    CHECK(wait_until_blocked_with_prefix(server, "msg_recv"), "the server never waited");
    CHECK_EQ(0, msg_send(server, &read_only, MSG_ASYNC), "msg_send of a read-only message");
    /* the server answers it with msg_reply, which finds nobody calling */
    int status = 0;
    waitpid(server, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 11,
          "the server's reply to an msg_send: expected it to fail (server exit 11), got status 0x%x", status);
}

int main(void)
{
    alarm(60);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    calls_get_their_replies();
    reply_to_a_process_not_waiting_is_einval();
    failed_reply_leaves_the_caller_waiting();
    call_buffer_must_be_writable();
    return test_finish("msg_call_waits_for_the_reply");
}

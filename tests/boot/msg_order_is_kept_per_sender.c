/* tests/boot/msg_order_is_kept_per_sender.c - messages from one sender
 * arrive in the order sent (msg_recv(2)), however many senders share
 * the receiver and however each message travels:
 *  - three senders, all synchronous; all MSG_ASYNC (retrying on EAGAIN
 *    when the inbox is full); and mixed, where each sender alternates
 *    synchronous and asynchronous sends, so that its later synchronous
 *    message waits while its earlier ones sit in the inbox;
 *  - received with MSG_ANY, and received one sender at a time with
 *    msg_recv(from), the other senders waiting or queued meanwhile.
 * Each message carries (sender, sequence number); the receiver checks that
 * each sender's numbers come 0, 1, 2, ... and that nothing is left over.
 * A receive that hangs is cut short by an alarm (EINTR) after 10 s; then
 * the senders are killed and the next case runs. */
#include <ipc.h>
#include <sched.h>
#include <signal.h>

#include "boot_test.h"
#include "boot_wait.h"

enum { SENDERS = 3 };
enum mode { ALL_SYNC, ALL_ASYNC, MIXED };
static const char *const mode_names[] = { "synchronous", "MSG_ASYNC", "mixed" };

struct numbered {
    int sender;
    int sequence;
};

/* Sends `count` numbered messages to the parent, as `mode` says. */
static void sender(int index, int count, enum mode mode)
{
    struct message m;
    memset(&m, 0, sizeof m);
    m.len = sizeof(struct numbered);
    for (int i = 0; i < count; i++) {
        struct numbered n = { index, i };
        memcpy(m.body, &n, sizeof n);
        m.type = i;
        int async = mode == ALL_ASYNC || (mode == MIXED && i % 2 == 0);
        int result;
        while ((result = msg_send(getppid(), &m, async ? MSG_ASYNC : 0)) != 0 && errno == EAGAIN)
            sched_yield();                       /* the inbox is full: let the receiver run */
        if (result != 0) {
            printf("sender %d: message %d: msg_send failed: %s\n", index, i, strerror(errno));
            fflush(stdout);
            _exit(1);
        }
    }
    _exit(0);
}

static void start_senders(pid_t pids[SENDERS], int count, enum mode mode)
{
    fflush(stdout);
    for (int s = 0; s < SENDERS; s++) {
        pids[s] = fork();
        if (pids[s] == 0)
            sender(s, count, mode);
    }
    guard(10);
}

/* Reaps the senders (killing them first if the receiver gave up). */
static void finish_senders(pid_t pids[SENDERS], int gave_up, const char *what)
{
    alarm(0);
    struct message m;
    for (int s = 0; s < SENDERS; s++) {
        if (gave_up)
            kill(pids[s], SIGKILL);
        int status = 0;
        waitpid(pids[s], &status, 0);
        CHECK(gave_up || (WIFEXITED(status) && WEXITSTATUS(status) == 0),
              "%s: sender %d: expected exit 0, got status 0x%x", what, s, status);
    }
    if (gave_up)
        while (msg_recv(MSG_ANY, &m, MSG_NONBLOCK) == 0)
            ;
    else
        CHECK_ERROR(msg_recv(MSG_ANY, &m, MSG_NONBLOCK), EAGAIN);     /* nothing left over */
}

/* Receives one message from `from`; checks it is the next of its sender. */
static int receive_next(pid_t from, pid_t pids[SENDERS], int next[SENDERS], const char *what)
{
    struct message m;
    if (msg_recv(from, &m, 0) != 0) {
        CHECK(0, "%s: expected msg_recv to return 0, got -1 (%s)", what, strerror(errno));
        return 0;
    }
    struct numbered n;
    memcpy(&n, m.body, sizeof n);
    if (n.sender < 0 || n.sender >= SENDERS || m.src != pids[n.sender]) {
        CHECK(0, "%s: a message from pid %d claims to be from sender %d", what, m.src, n.sender);
        return 0;
    }
    if (n.sequence != next[n.sender]) {
        CHECK(0, "%s: sender %d: expected message %d next, got message %d", what, n.sender, next[n.sender],
              n.sequence);
        next[n.sender] = n.sequence + 1;
        return 0;
    }
    next[n.sender]++;
    return 1;
}

static void receive_with_msg_any(enum mode mode, int count)
{
    char what[64];
    snprintf(what, sizeof what, "%s senders, msg_recv(MSG_ANY)", mode_names[mode]);
    pid_t pids[SENDERS];
    int next[SENDERS] = { 0 };
    start_senders(pids, count, mode);
    int failures = check_failures;
    for (int i = 0; i < SENDERS * count && check_failures < failures + 3; i++)
        receive_next(MSG_ANY, pids, next, what);
    for (int s = 0; s < SENDERS; s++)
        CHECK_EQ(count, next[s], "messages received from one sender");
    finish_senders(pids, check_failures != failures, what);
}

static void receive_one_sender_at_a_time(enum mode mode, int count)
{
    char what[64];
    snprintf(what, sizeof what, "%s senders, msg_recv(from) one after another", mode_names[mode]);
    pid_t pids[SENDERS];
    int next[SENDERS] = { 0 };
    start_senders(pids, count, mode);
    static const int order[SENDERS] = { 2, 0, 1 };
    int failures = check_failures;
    for (int k = 0; k < SENDERS; k++)
        for (int i = 0; i < count && check_failures < failures + 3; i++)
            receive_next(pids[order[k]], pids, next, what);
    for (int s = 0; s < SENDERS; s++)
        CHECK_EQ(count, next[s], "messages received from one sender");
    finish_senders(pids, check_failures != failures, what);
}

int main(void)
{
    for (enum mode mode = ALL_SYNC; mode <= MIXED; mode++)
        receive_with_msg_any(mode, 300);
    /* one sender at a time: the others' async messages wait in the inbox,
     * so all of them must fit in it (3 x 20 <= 64) */
    for (enum mode mode = ALL_SYNC; mode <= MIXED; mode++)
        receive_one_sender_at_a_time(mode, 20);
    receive_one_sender_at_a_time(ALL_SYNC, 200);
    return test_finish("msg_order_is_kept_per_sender");
}

/* tests/boot/mbox_waits_end_with_eintr_on_a_signal.c - a signal whose
 * handler runs ends a waiting mbox_recv or mbox_send with EINTR, even
 * under SA_RESTART (API.md section 4), and leaves the mailbox as if the
 * call had never been made:
 *  - mbox_recv on an empty mailbox (capacity 0 and 4): afterwards no
 *    receiver is waiting, and a message sent later stays queued;
 *  - mbox_send waiting for a receiver (capacity 0): afterwards no sender
 *    waits and the message is not delivered;
 *  - mbox_send waiting for room (capacity 1, full): afterwards count is
 *    still 1 and only the first message is there.
 * Each case runs in a child with a SIGUSR1 handler (SA_RESTART); the
 * parent waits until mbox_stat shows it waiting, then sends SIGUSR1. */
#include <ipc.h>
#include <signal.h>

#include "boot_test.h"

static volatile sig_atomic_t handled;

static void count(int signal)
{
    (void)signal;
    handled++;
}

static void install_with_sa_restart(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = count;
    action.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &action, NULL);
}

static struct mbox_stat stat_of(int fd)
{
    struct mbox_stat st = { 99, 99, 99, 99 };
    mbox_stat(fd, &st);
    return st;
}

#define WAIT_UNTIL(condition)                                              \
    ({                                                                     \
        int held_ = 0;                                                     \
        for (int try_ = 0; try_ < 2000 && !(held_ = (condition)); try_++) \
            usleep(1000);                                                  \
        held_;                                                             \
    })

static void expect_child_ok(pid_t child, const char *what)
{
    int status = 0;
    CHECK_EQ(child, waitpid(child, &status, 0), what);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "%s: expected the child to exit 0 (all its checks held), got status 0x%x", what, status);
}

/* In the child: `result` of the interrupted call must be -1/EINTR after one handler. */
static void check_interrupted(int result, const char *what)
{
    int error = errno;
    CHECK_EQ(1, handled, "handlers that ran");
    CHECK(result == -1 && error == EINTR, "%s: expected -1 with EINTR, got %d (%s)", what, result,
          result == -1 ? strerror(error) : "no error");
}

static void numbered(struct message *m, int number)
{
    memset(m, 0, sizeof *m);
    m->type = number;
}

static void receive_is_interrupted(unsigned capacity, const char *what)
{
    int box = mbox_open("eintr", O_CREAT | O_EXCL, capacity);
    pid_t child = fork();
    if (child == 0) {
        install_with_sa_restart();
        struct message m;
        check_interrupted(mbox_recv(box, &m, 0), what);
        _exit(check_failures ? 1 : 0);
    }
    CHECK(WAIT_UNTIL(stat_of(box).receivers_waiting == 1), "%s: the child never waited", what);
    kill(child, SIGUSR1);
    expect_child_ok(child, what);
    CHECK_EQ(0, stat_of(box).receivers_waiting, "receivers waiting after the interruption");
    if (capacity > 0) {
        struct message m;
        numbered(&m, 1);
        CHECK_EQ(0, mbox_send(box, &m, 0), "mbox_send after the interrupted receive");
        CHECK_EQ(1, stat_of(box).count, "the message is queued, not given to the interrupted receiver");
    }
    mbox_unlink("eintr");
    close(box);
}

static void send_is_interrupted(unsigned capacity, const char *what)
{
    int box = mbox_open("eintr", O_CREAT | O_EXCL, capacity);
    struct message m;
    if (capacity > 0) {
        numbered(&m, 1);
        for (unsigned i = 0; i < capacity; i++)
            mbox_send(box, &m, 0);               /* full */
    }
    pid_t child = fork();
    if (child == 0) {
        install_with_sa_restart();
        struct message out;
        numbered(&out, 2);
        check_interrupted(mbox_send(box, &out, 0), what);
        _exit(check_failures ? 1 : 0);
    }
    CHECK(WAIT_UNTIL(stat_of(box).senders_waiting == 1), "%s: the child never waited", what);
    kill(child, SIGUSR1);
    expect_child_ok(child, what);
    struct mbox_stat st = stat_of(box);
    CHECK(st.senders_waiting == 0 && st.count == capacity,
          "%s, after the interruption: expected count %u and no sender waiting, got %u and %u", what, capacity,
          st.count, st.senders_waiting);
    for (unsigned i = 0; i < capacity; i++) {
        CHECK_EQ(0, mbox_recv(box, &m, MSG_NONBLOCK), "mbox_recv of what was there before");
        CHECK_EQ(1, m.type, "the message queued before");
    }
    CHECK_ERROR(mbox_recv(box, &m, MSG_NONBLOCK), EAGAIN);        /* the interrupted one is not there */
    mbox_unlink("eintr");
    close(box);
}

int main(void)
{
    alarm(60);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    receive_is_interrupted(0, "mbox_recv, capacity 0");
    receive_is_interrupted(4, "mbox_recv, capacity 4");
    send_is_interrupted(0, "mbox_send waiting for a receiver, capacity 0");
    send_is_interrupted(1, "mbox_send waiting for room, capacity 1");
    return test_finish("mbox_waits_end_with_eintr_on_a_signal");
}

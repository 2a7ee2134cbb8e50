/* poll's timeout (POSIX poll(2): "poll() shall wait at least timeout
 * milliseconds for an event"; 0 returns at once; -1 waits for ever): a
 * timeout of 0 does not wait, one of 30 ms returns 0 no sooner than 30 ms
 * (and within a few ticks after), and a wait for ever ends when another
 * process writes, for each kind of wake-up: a pipe's data, a socket's
 * data, a POSIX queue's message, a mailbox's message. select's timeout
 * alike, and its timeval comes back holding the time left (Linux). */
#include <fcntl.h>
#include <ipc.h>
#include <mqueue.h>
#include <poll.h>
#include <sys/select.h>
#include <sys/socket.h>

#include "boot_test.h"

#define MS 1000000ll
#define TICK_SLACK (30 * MS)   /* how late a wake-up may come on a busy machine */

/* A child that sleeps 20 ms, then calls `act` once. */
static pid_t later(void (*act)(int), int argument)
{
    pid_t child = fork();
    if (child == 0) {
        usleep(20000);
        act(argument);
        _exit(0);
    }
    return child;
}

static void write_a_byte(int fd) { write(fd, "x", 1); }
static void send_a_message(int queue) { mq_send(queue, "m", 1, 0); }
static void send_to_mailbox(int box)
{
    struct message message = { 0 };
    message.len = 2;
    mbox_send(box, &message, 0);
}

static void wait_for_ever_until(int fd, void (*act)(int), int act_fd, const char *what)
{
    pid_t child = later(act, act_fd);
    struct pollfd entry = { fd, POLLIN, 0 };
    long long start = monotonic_ns();
    int count = poll(&entry, 1, -1);
    long long waited = monotonic_ns() - start;
    CHECK(count == 1 && (entry.revents & POLLIN), "%s: expected 1 with POLLIN, got %d revents 0x%x", what, count,
          entry.revents);
    CHECK(waited >= 15 * MS, "%s: the wait ended after %lld ns, before the child acted", what, waited);
    waitpid(child, 0, 0);
}

int main(void)
{
    int fds[2];
    pipe(fds);
    struct pollfd entry = { fds[0], POLLIN, 0 };
    /* the quickest of three tries: on two CPUs under a busy host, QEMU
     * may be off the host's CPU for milliseconds between the two clock
     * reads of one try (the clock counts that time: clock.c); a poll that
     * waited would be slow in all three */
    long long quickest = -1, start;
    for (int try = 0; try < 3; try++) {
        start = monotonic_ns();
        CHECK_EQ(0, poll(&entry, 1, 0), "timeout 0 on an empty pipe: 0 at once");
        long long took = monotonic_ns() - start;
        if (quickest < 0 || took < quickest)
            quickest = took;
    }
    CHECK(quickest < 5 * MS, "timeout 0 waited: the quickest of three polls took %lld ns", quickest);

    for (int round = 0; round < 3; round++) {
        start = monotonic_ns();
        CHECK_EQ(0, poll(&entry, 1, 30), "timeout 30 ms on an empty pipe: 0");
        long long waited = monotonic_ns() - start;
        CHECK(waited >= 30 * MS, "poll returned after %lld ns, before its 30 ms", waited);
        CHECK(waited < 30 * MS + TICK_SLACK, "poll returned after %lld ns, long after its 30 ms", waited);
    }
    struct timespec exact = { 0, 12345678 };
    start = monotonic_ns();
    CHECK_EQ(0, ppoll(&entry, 1, &exact, 0), "ppoll 12.345678 ms: 0");
    CHECK(monotonic_ns() - start >= 12345678, "ppoll returned early");

    fd_set readable;
    FD_ZERO(&readable);
    FD_SET(fds[0], &readable);
    struct timeval timeout = { 0, 25000 };
    start = monotonic_ns();
    CHECK_EQ(0, select(fds[0] + 1, &readable, 0, 0, &timeout), "select 25 ms on an empty pipe: 0");
    CHECK(monotonic_ns() - start >= 25 * MS, "select returned early");
    CHECK(timeout.tv_sec == 0 && timeout.tv_usec == 0, "select's timeval: expected 0 left, got %ld.%06ld",
          (long)timeout.tv_sec, (long)timeout.tv_usec);
    CHECK(!FD_ISSET(fds[0], &readable), "timed out: the set comes back empty");

    wait_for_ever_until(fds[0], write_a_byte, fds[1], "a pipe");
    int pair[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
    wait_for_ever_until(pair[0], write_a_byte, pair[1], "a stream socket");
    mqd_t queue = mq_open("/poll_wait", O_RDWR | O_CREAT, 0600, 0);
    wait_for_ever_until(queue, send_a_message, queue, "a POSIX message queue");
    int box = mbox_open("poll-wait", O_CREAT, MBOX_UNBOUNDED);
    wait_for_ever_until(box, send_to_mailbox, box, "a mailbox");

    /* select wakes too, and leaves the time left in its timeval */
    char drain[8];
    read(fds[0], drain, sizeof drain);
    pid_t child = later(write_a_byte, fds[1]);
    FD_ZERO(&readable);
    FD_SET(fds[0], &readable);
    timeout.tv_sec = 5;
    timeout.tv_usec = 0;
    CHECK_EQ(1, select(fds[0] + 1, &readable, 0, 0, &timeout), "select woken by a write");
    CHECK(FD_ISSET(fds[0], &readable), "the pipe's bit is set");
    CHECK(timeout.tv_sec == 4 && timeout.tv_usec > 0, "the time left: expected 4.9..s, got %ld.%06ld",
          (long)timeout.tv_sec, (long)timeout.tv_usec);
    waitpid(child, 0, 0);

    mq_close(queue);
    mq_unlink("/poll_wait");
    close(box);
    mbox_unlink("poll-wait");
    return test_finish("poll_timeouts_are_never_short_and_data_ends_a_wait");
}

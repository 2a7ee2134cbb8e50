/* tests/boot/net_tcp_full_backlog_makes_connect_wait_until_accept.c -
 * listen(fd, 1) and no accept: what Linux does, and so must we. The
 * accept queue holds backlog + 1 connections (Linux counts "more than
 * backlog" as full), so two connects complete at once; the SYN of a third
 * is dropped (not refused), so a non-blocking connect says EINPROGRESS
 * and its socket does not become writable, and a blocking connect waits.
 * Once accept() makes room, the client's SYN, sent again after its
 * retransmission timeout, gets in: the non-blocking connect completes
 * (writable, SO_ERROR 0) and the blocking one returns 0. */
#include "boot_net.h"

#define BACKLOG             1
#define COMPLETE_AT_ONCE    (BACKLOG + 1)
#define AT_ONCE_MS          500      /* "at once": within this */
#define STILL_WAITING_MS    1500     /* a dropped SYN: still waiting after this */
#define RETRY_LIMIT_MS      20000    /* the SYN sent again gets in within this */

/* A non-blocking connect to `port`: the socket, and in *result 0 or the
 * errno connect gave. */
static int start_connect(unsigned short port, int *result)
{
    struct sockaddr_in address;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    errno = 0;
    *result = connect(fd, (struct sockaddr *)&address, loopback_address(&address, port)) == 0 ? 0 : errno;
    return fd;
}

/* Did the connect of `fd` complete (writable, SO_ERROR 0) within `ms`? */
static int connected_within(int fd, int ms)
{
    return (poll_one(fd, POLLOUT, ms) & POLLOUT) && int_option(fd, SOL_SOCKET, SO_ERROR) == 0;
}

static void a_full_backlog_holds_back_connects(void)
{
    unsigned short port = 0;
    int listener = tcp_listener(BACKLOG, &port);
    CHECK(listener >= 0, "listen(fd, %d): errno %d", BACKLOG, errno);

    int queued[COMPLETE_AT_ONCE];
    for (int i = 0; i < COMPLETE_AT_ONCE; i++) {
        int result;
        queued[i] = start_connect(port, &result);
        CHECK(result == 0 || result == EINPROGRESS, "connect %d to a backlog with room: %s", i + 1, strerror(result));
        CHECK(connected_within(queued[i], AT_ONCE_MS), "connect %d completes at once (a backlog of %d holds %d)",
              i + 1, BACKLOG, COMPLETE_AT_ONCE);
    }

    /* the next one's SYN is dropped: EINPROGRESS, not writable */
    int result;
    int held = start_connect(port, &result);
    CHECK(result == EINPROGRESS, "a non-blocking connect to a full backlog: expected EINPROGRESS, got %s",
          strerror(result));
    CHECK(!(poll_one(held, POLLOUT, STILL_WAITING_MS) & POLLOUT), "the connect to a full backlog is not writable "
          "after %d ms", STILL_WAITING_MS);
    int again_result = 0;
    errno = 0;
    struct sockaddr_in address;
    if (connect(held, (struct sockaddr *)&address, loopback_address(&address, port)) < 0)
        again_result = errno;
    CHECK(again_result == EALREADY, "connect again while one is in progress: expected EALREADY, got %s",
          strerror(again_result));

    /* a blocking connect waits */
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        net_guard(RETRY_LIMIT_MS / 1000 + 5);
        int fd = tcp_connect_to(port);
        _exit(fd >= 0 ? 0 : -fd);
    }
    int status = -1;
    CHECK(!child_ended_within(child, &status, STILL_WAITING_MS), "a blocking connect to a full backlog returned at "
          "once: exit %d (0: connected, else its errno)", net_exit_code(status));

    /* accept makes room; the SYNs sent again get in */
    int accepted[COMPLETE_AT_ONCE + 2];
    int count = 0;
    long long start = monotonic_ns();
    while (count < COMPLETE_AT_ONCE + 2 && elapsed_ms(start) < RETRY_LIMIT_MS) {
        if (!(poll_one(listener, POLLIN, 100) & POLLIN))
            continue;
        accepted[count] = accept(listener, NULL, NULL);
        count += accepted[count] >= 0;
    }
    CHECK_EQ(COMPLETE_AT_ONCE + 2, count, "connections accepted (those queued at once, then the two held back)");
    CHECK(connected_within(held, RETRY_LIMIT_MS), "the held-back non-blocking connect completed once there was room");
    if (!child_ended_within(child, &status, RETRY_LIMIT_MS)) {
        kill(child, SIGKILL);
        waitpid(child, &status, 0);
    }
    CHECK_EQ(0, net_exit_code(status), "the blocking connect once there was room (0: connected, else its errno)");

    for (int i = 0; i < count; i++)
        close(accepted[i]);
    for (int i = 0; i < COMPLETE_AT_ONCE; i++)
        close(queued[i]);
    close(held);
    close(listener);
}

int main(void)
{
    run_net_cases_checking_leaks(a_full_backlog_holds_back_connects);
    return test_finish("net_tcp_full_backlog_makes_connect_wait_until_accept");
}

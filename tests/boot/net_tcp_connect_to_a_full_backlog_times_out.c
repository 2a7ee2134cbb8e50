/* tests/boot/net_tcp_connect_to_a_full_backlog_times_out.c - ETIMEDOUT,
 * over the loopback. Nothing on 127.0.0.1 is silent but a listener whose
 * accept queue is full: Linux drops the SYNs it cannot queue, without an
 * answer, so the connecting side sends its SYN again and again, each time
 * waiting twice as long, and gives up after its last try with ETIMEDOUT
 * (Linux: six tries after the first, 1 + 2 + 4 + ... + 64 = 127 s). The
 * test asserts that the connect fails with ETIMEDOUT, no sooner than the
 * first retransmission and within MAX_WAIT_S; the blocking connect and the
 * non-blocking one (SO_ERROR) alike. The seconds are the guest's: under
 * -icount the idle ones pass in a moment. (A silent address on a card, a
 * machine that never answers, is a host test's: tests/ keep to 127.0.0.1.) */
#include "boot_net.h"

#define BACKLOG      0                  /* Linux: one connection fills it */
#define MIN_WAIT_S   3                  /* at least the first retransmissions */
#define MAX_WAIT_S   400

static void connects_to_a_full_backlog_time_out(void)
{
    unsigned short port = 0;
    int listener = tcp_listener(BACKLOG, &port);
    int queued = tcp_connect_to(port);
    CHECK(queued >= 0, "the connection that fills the backlog: %s", strerror(-queued));

    struct sockaddr_in address;
    int nonblocking = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    CHECK_ERROR(connect(nonblocking, (struct sockaddr *)&address, loopback_address(&address, port)), EINPROGRESS);

    long long start = monotonic_ns();
    net_guard(MAX_WAIT_S);
    int blocking = socket(AF_INET, SOCK_STREAM, 0);
    errno = 0;
    int result = connect(blocking, (struct sockaddr *)&address, loopback_address(&address, port));
    int error = errno;
    alarm(0);
    long waited_s = elapsed_ms(start) / 1000;
    CHECK(result == -1 && error == ETIMEDOUT, "a blocking connect to a full backlog: expected ETIMEDOUT, got %d (%s) "
          "after %ld s", result, strerror(error), waited_s);
    CHECK(waited_s >= MIN_WAIT_S, "the connect gave up after %ld s, before it had sent its SYN again", waited_s);

    int events = poll_one(nonblocking, POLLOUT, 10000);
    CHECK(events & POLLOUT, "the timed-out non-blocking connect's socket is writable: revents %#x", events);
    CHECK_EQ(ETIMEDOUT, int_option(nonblocking, SOL_SOCKET, SO_ERROR), "SO_ERROR of the non-blocking connect");

    /* the listener still works: the connection queued is there to accept */
    int accepted = accept(listener, NULL, NULL);
    CHECK(accepted >= 0, "accept of the connection that was queued: errno %d", errno);
    close(accepted);
    close(blocking);
    close(nonblocking);
    close(queued);
    close(listener);
}

int main(void)
{
    run_net_cases_checking_leaks(connects_to_a_full_backlog_time_out);
    return test_finish("net_tcp_connect_to_a_full_backlog_times_out");
}

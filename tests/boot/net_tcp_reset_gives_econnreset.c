/* tests/boot/net_tcp_reset_gives_econnreset.c - when a connection is
 * reset, as on Linux: a peer that closes with bytes it never read sends a
 * reset instead of a FIN, and so does one that closes with SO_LINGER
 * {on, 0 s}; the other end's next recv fails with ECONNRESET (then reads
 * 0), poll shows POLLERR and POLLHUP, and its send fails with EPIPE. Bytes
 * that arrived before the reset are still read first, then ECONNRESET
 * (Linux keeps its receive queue). An abortive close leaves no TIME_WAIT: the connection
 * counters are back at once, not a minute later. */
#include "boot_net.h"

#define SETTLE_MS 2000

/* Waits until the reset has come in: poll shows POLLERR or POLLHUP. */
static int reset_arrived(int fd)
{
    long long start = monotonic_ns();
    while (elapsed_ms(start) < SETTLE_MS) {
        if (poll_one(fd, POLLIN, 50) & (POLLERR | POLLHUP))
            return 1;
    }
    return 0;
}

static void close_with_unread_bytes_resets(void)
{
    int client, accepted;
    tcp_pair(&client, &accepted);
    CHECK(client >= 0 && accepted >= 0, "a connection: client %d, accepted %d", client, accepted);
    CHECK_EQ(5, send(client, "never", 5, 0), "send what the server will not read");
    usleep(100000);
    close(accepted);                                   /* unread bytes: a reset */
    CHECK(reset_arrived(client), "the client saw no reset");
    int events = poll_one(client, POLLIN | POLLOUT, 0);
    CHECK((events & POLLERR) && (events & POLLHUP), "poll after a reset: revents %#x, expected POLLERR and POLLHUP",
          events);
    char buffer[8];
    CHECK_ERROR(recv(client, buffer, sizeof buffer, 0), ECONNRESET);
    CHECK_EQ(0, recv(client, buffer, sizeof buffer, 0), "recv after the reset was reported");
    CHECK_ERROR(send(client, "x", 1, MSG_NOSIGNAL), EPIPE);
    close(client);
}

static void linger_zero_resets_and_leaves_no_time_wait(void)
{
    struct kinfo_counters before = read_counters();
    int client, accepted;
    tcp_pair(&client, &accepted);
    CHECK_EQ(3, send(accepted, "abc", 3, 0), "send bytes the server leaves unread");
    usleep(100000);
    struct linger abort_on_close = { .l_onoff = 1, .l_linger = 0 };
    CHECK_EQ(0, setsockopt(client, SOL_SOCKET, SO_LINGER, &abort_on_close, sizeof abort_on_close),
             "setsockopt SO_LINGER {1, 0}");
    struct linger read_back = { 9, 9 };
    socklen_t length = sizeof read_back;
    CHECK_EQ(0, getsockopt(client, SOL_SOCKET, SO_LINGER, &read_back, &length), "getsockopt SO_LINGER");
    CHECK(read_back.l_onoff != 0 && read_back.l_linger == 0, "SO_LINGER read back {%d, %d}", read_back.l_onoff,
          read_back.l_linger);
    close(client);                                     /* abortive: a reset */
    CHECK(reset_arrived(accepted), "the server saw no reset");
    char buffer[8];
    CHECK_ERROR(recv(accepted, buffer, sizeof buffer, 0), ECONNRESET);
    close(accepted);
    if (kernel_counters_available()) {
        struct kinfo_counters after = read_counters();
        for (int i = 0; i < SETTLE_MS / 10 && after.tcp_connections != before.tcp_connections; i++) {
            usleep(10000);
            after = read_counters();
        }
        CHECK_EQ(before.tcp_connections, after.tcp_connections, "TCP connections right after an abortive close");
    }
}

static void bytes_before_a_reset_are_read_first(void)
{
    int client, accepted;
    tcp_pair(&client, &accepted);
    CHECK_EQ(4, send(accepted, "kept", 4, 0), "bytes to the client");
    CHECK_EQ(1, send(client, "u", 1, 0), "a byte the server leaves unread");
    usleep(100000);
    close(accepted);
    CHECK(reset_arrived(client), "the client saw no reset");
    char buffer[8] = { 0 };
    CHECK_EQ(4, recv(client, buffer, sizeof buffer, 0), "the bytes that came before the reset");
    CHECK(!memcmp(buffer, "kept", 4), "they read \"%.4s\"", buffer);
    CHECK_ERROR(recv(client, buffer, sizeof buffer, 0), ECONNRESET);
    close(client);
}

static void cases(void)
{
    close_with_unread_bytes_resets();
    linger_zero_resets_and_leaves_no_time_wait();
    bytes_before_a_reset_are_read_first();
}

int main(void)
{
    run_net_cases_checking_leaks(cases);
    return test_finish("net_tcp_reset_gives_econnreset");
}

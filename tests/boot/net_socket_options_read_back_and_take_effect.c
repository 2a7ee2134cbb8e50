/* tests/boot/net_socket_options_read_back_and_take_effect.c - setsockopt
 * and getsockopt on Internet sockets, as on Linux: SO_TYPE, SO_DOMAIN,
 * SO_PROTOCOL and SO_ACCEPTCONN say what a socket is; SO_ERROR is 0 on a
 * healthy one; SO_REUSEADDR, SO_KEEPALIVE, TCP_NODELAY and IP_TTL read
 * back what was set (IP_TTL is 64 at first); SO_RCVTIMEO reads back its
 * timeval and makes a recv with nothing to read fail with EAGAIN once the
 * time is over, no sooner; SO_SNDBUF and SO_RCVBUF are positive. An
 * unknown option or level is ENOPROTOOPT, a read-only option cannot be
 * set (ENOPROTOOPT), an int option given fewer than 4 bytes is EINVAL, a
 * timeval with 10^6 microseconds or more is EDOM, a descriptor that is no
 * socket is ENOTSOCK. An accepted socket starts with its listener's
 * options (SO_KEEPALIVE, SO_OOBINLINE, SO_RCVBUF, SO_RCVTIMEO,
 * TCP_NODELAY, IP_TTL). */
#include <sys/time.h>

#include "boot_net.h"

#define TIMEOUT_MS     300
#define TIMEOUT_SLACK  1000                 /* a timed-out recv returns within this after the time */
#define DEFAULT_TTL    64

static void what_a_socket_is(void)
{
    unsigned short port = 0;
    int listener = tcp_listener(4, &port);
    int udp = socket(AF_INET, SOCK_DGRAM, 0);
    int client = tcp_connect_to(port);
    CHECK_EQ(SOCK_STREAM, int_option(listener, SOL_SOCKET, SO_TYPE), "SO_TYPE of a TCP socket");
    CHECK_EQ(SOCK_DGRAM, int_option(udp, SOL_SOCKET, SO_TYPE), "SO_TYPE of a UDP socket");
    CHECK_EQ(AF_INET, int_option(udp, SOL_SOCKET, SO_DOMAIN), "SO_DOMAIN");
    CHECK_EQ(IPPROTO_TCP, int_option(listener, SOL_SOCKET, SO_PROTOCOL), "SO_PROTOCOL of a TCP socket");
    CHECK_EQ(IPPROTO_UDP, int_option(udp, SOL_SOCKET, SO_PROTOCOL), "SO_PROTOCOL of a UDP socket");
    CHECK_EQ(1, int_option(listener, SOL_SOCKET, SO_ACCEPTCONN), "SO_ACCEPTCONN of a listener");
    CHECK_EQ(0, int_option(client, SOL_SOCKET, SO_ACCEPTCONN), "SO_ACCEPTCONN of a connected socket");
    CHECK_EQ(0, int_option(client, SOL_SOCKET, SO_ERROR), "SO_ERROR of a healthy socket");
    CHECK(int_option(client, SOL_SOCKET, SO_SNDBUF) > 0, "SO_SNDBUF is positive");
    CHECK(int_option(client, SOL_SOCKET, SO_RCVBUF) > 0, "SO_RCVBUF is positive");
    CHECK_ERROR(set_int_option(client, SOL_SOCKET, SO_TYPE, SOCK_DGRAM), ENOPROTOOPT);
    CHECK_ERROR(set_int_option(client, SOL_SOCKET, SO_ERROR, 0), ENOPROTOOPT);
    close(client);
    close(udp);
    close(listener);
}

static void flags_read_back(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    CHECK_EQ(0, int_option(fd, SOL_SOCKET, SO_REUSEADDR), "SO_REUSEADDR at first");
    CHECK_EQ(0, set_int_option(fd, SOL_SOCKET, SO_REUSEADDR, 1), "set SO_REUSEADDR");
    CHECK_EQ(1, int_option(fd, SOL_SOCKET, SO_REUSEADDR), "SO_REUSEADDR read back");
    CHECK_EQ(0, set_int_option(fd, SOL_SOCKET, SO_KEEPALIVE, 1), "set SO_KEEPALIVE");
    CHECK_EQ(1, int_option(fd, SOL_SOCKET, SO_KEEPALIVE), "SO_KEEPALIVE read back");
    CHECK_EQ(0, int_option(fd, IPPROTO_TCP, TCP_NODELAY), "TCP_NODELAY at first");
    CHECK_EQ(0, set_int_option(fd, IPPROTO_TCP, TCP_NODELAY, 1), "set TCP_NODELAY");
    CHECK_EQ(1, int_option(fd, IPPROTO_TCP, TCP_NODELAY), "TCP_NODELAY read back");
    CHECK_EQ(0, set_int_option(fd, IPPROTO_TCP, TCP_NODELAY, 0), "clear TCP_NODELAY");
    CHECK_EQ(0, int_option(fd, IPPROTO_TCP, TCP_NODELAY), "TCP_NODELAY cleared");
    CHECK_EQ(DEFAULT_TTL, int_option(fd, IPPROTO_IP, IP_TTL), "IP_TTL at first");
    CHECK_EQ(0, set_int_option(fd, IPPROTO_IP, IP_TTL, 5), "set IP_TTL");
    CHECK_EQ(5, int_option(fd, IPPROTO_IP, IP_TTL), "IP_TTL read back");

    CHECK_ERROR(set_int_option(fd, SOL_SOCKET, 999, 1), ENOPROTOOPT);
    CHECK_ERROR(set_int_option(fd, 999, 1, 1), ENOPROTOOPT);
    CHECK_ERROR(set_int_option(fd, IPPROTO_TCP, 999, 1), ENOPROTOOPT);
    int value = 0;
    socklen_t length = sizeof value;
    CHECK_ERROR(getsockopt(fd, SOL_SOCKET, 999, &value, &length), ENOPROTOOPT);
    short too_short = 1;
    CHECK_ERROR(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &too_short, sizeof too_short), EINVAL);
    CHECK_ERROR(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, NULL, sizeof value), EFAULT);
    int pipe_ends[2];
    pipe(pipe_ends);
    CHECK_ERROR(set_int_option(pipe_ends[0], SOL_SOCKET, SO_REUSEADDR, 1), ENOTSOCK);
    CHECK_ERROR(getsockopt(pipe_ends[0], SOL_SOCKET, SO_TYPE, &value, &length), ENOTSOCK);
    close(pipe_ends[0]);
    close(pipe_ends[1]);
    close(fd);
}

static void receive_timeout_gives_eagain_after_the_time(void)
{
    int client, accepted;
    tcp_pair(&client, &accepted);
    struct timeval timeout = { .tv_sec = 0, .tv_usec = TIMEOUT_MS * 1000 };
    CHECK_EQ(0, setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout), "set SO_RCVTIMEO");
    struct timeval read_back = { 99, 99 };
    socklen_t length = sizeof read_back;
    CHECK_EQ(0, getsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &read_back, &length), "get SO_RCVTIMEO");
    CHECK(read_back.tv_sec == 0 && read_back.tv_usec == TIMEOUT_MS * 1000, "SO_RCVTIMEO read back %ld.%06ld",
          (long)read_back.tv_sec, (long)read_back.tv_usec);
    char byte;
    long long start = monotonic_ns();
    CHECK_ERROR(recv(client, &byte, 1, 0), EAGAIN);
    long waited = elapsed_ms(start);
    CHECK(waited >= TIMEOUT_MS && waited < TIMEOUT_MS + TIMEOUT_SLACK, "the timed-out recv took %ld ms, expected %d",
          waited, TIMEOUT_MS);
    send(accepted, "y", 1, 0);
    CHECK_EQ(1, recv(client, &byte, 1, 0), "a recv under SO_RCVTIMEO gets a byte that is there");

    /* UDP the same */
    unsigned short port = 0;
    int udp = loopback_socket(SOCK_DGRAM, 0, &port);
    setsockopt(udp, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    start = monotonic_ns();
    CHECK_ERROR(recv(udp, &byte, 1, 0), EAGAIN);
    waited = elapsed_ms(start);
    CHECK(waited >= TIMEOUT_MS && waited < TIMEOUT_MS + TIMEOUT_SLACK, "the timed-out UDP recv took %ld ms", waited);

    struct timeval bad = { .tv_sec = 0, .tv_usec = 1000000 };
    CHECK_ERROR(setsockopt(udp, SOL_SOCKET, SO_RCVTIMEO, &bad, sizeof bad), EDOM);
    CHECK_ERROR(setsockopt(udp, SOL_SOCKET, SO_SNDTIMEO, &bad, sizeof bad), EDOM);
    close(udp);
    close(accepted);
    close(client);
}

/* An accepted socket starts with its listener's options, as on Linux. */
static void accepted_sockets_inherit_the_listeners_options(void)
{
    unsigned short port = 0;
    int listener = tcp_listener(4, &port);
    CHECK_EQ(0, set_int_option(listener, SOL_SOCKET, SO_KEEPALIVE, 1), "set SO_KEEPALIVE");
    CHECK_EQ(0, set_int_option(listener, SOL_SOCKET, SO_OOBINLINE, 1), "set SO_OOBINLINE");
    CHECK_EQ(0, set_int_option(listener, SOL_SOCKET, SO_RCVBUF, 8192), "set SO_RCVBUF");
    CHECK_EQ(0, set_int_option(listener, IPPROTO_TCP, TCP_NODELAY, 1), "set TCP_NODELAY");
    CHECK_EQ(0, set_int_option(listener, IPPROTO_IP, IP_TTL, 9), "set IP_TTL");
    struct timeval timeout = { 2, 500000 }, read_back = { 0, 0 };
    CHECK_EQ(0, setsockopt(listener, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout), "set SO_RCVTIMEO");
    int client = tcp_connect_to(port);
    int accepted = accept(listener, NULL, NULL);
    CHECK(accepted >= 0, "accept: %s", strerror(errno));
    CHECK_EQ(1, int_option(accepted, SOL_SOCKET, SO_KEEPALIVE), "SO_KEEPALIVE inherited");
    CHECK_EQ(1, int_option(accepted, SOL_SOCKET, SO_OOBINLINE), "SO_OOBINLINE inherited");
    CHECK_EQ(int_option(listener, SOL_SOCKET, SO_RCVBUF), int_option(accepted, SOL_SOCKET, SO_RCVBUF),
             "SO_RCVBUF inherited");
    CHECK_EQ(1, int_option(accepted, IPPROTO_TCP, TCP_NODELAY), "TCP_NODELAY inherited");
    CHECK_EQ(9, int_option(accepted, IPPROTO_IP, IP_TTL), "IP_TTL inherited");
    socklen_t length = sizeof read_back;
    CHECK_EQ(0, getsockopt(accepted, SOL_SOCKET, SO_RCVTIMEO, &read_back, &length), "get SO_RCVTIMEO");
    CHECK(read_back.tv_sec == 2 && read_back.tv_usec == 500000, "SO_RCVTIMEO inherited: %ld.%06ld",
          (long)read_back.tv_sec, (long)read_back.tv_usec);
    CHECK_EQ(0, int_option(client, SOL_SOCKET, SO_OOBINLINE), "the client's own stay as they were");
    close(accepted);
    close(client);
    close(listener);
}

static void cases(void)
{
    what_a_socket_is();
    flags_read_back();
    accepted_sockets_inherit_the_listeners_options();
    receive_timeout_gives_eagain_after_the_time();
}

int main(void)
{
    run_net_cases_checking_leaks(cases);
    return test_finish("net_socket_options_read_back_and_take_effect");
}

/* tests/boot/net_poll_and_select_report_tcp_and_udp_readiness.c - poll
 * and select on Internet sockets, as on Linux: a listener is readable when
 * a connection waits to be accepted; a connected TCP socket is writable at
 * once and readable when bytes came, or when the peer shut its half down
 * (recv then reads 0); a full connection is not writable, and becomes so
 * when the peer reads; a UDP socket is writable at once and readable when
 * a datagram came. A poll or select that waits is woken by a connection,
 * bytes or a datagram another process sends later. */
#include <sys/select.h>

#include "boot_net.h"

#define WAIT_MS      2000
#define LATER_MS     200
#define FILL_CHUNK   4096
#define FILL_LIMIT   (64L << 20)

/* select on one descriptor for reading and, if `watch_writing`, for
 * writing: how many it reported ready in `timeout_ms`, and which. */
static int select_one(int fd, int watch_writing, int timeout_ms, int *readable, int *writable)
{
    fd_set read_set, write_set;
    FD_ZERO(&read_set);
    FD_ZERO(&write_set);
    FD_SET(fd, &read_set);
    if (watch_writing)
        FD_SET(fd, &write_set);
    struct timeval timeout = { timeout_ms / 1000, (timeout_ms % 1000) * 1000 };
    int count = select(fd + 1, &read_set, &write_set, NULL, &timeout);
    *readable = FD_ISSET(fd, &read_set) != 0;
    *writable = FD_ISSET(fd, &write_set) != 0;
    return count;
}

/* Forks a child that after LATER_MS runs `act(argument)` and exits. */
static pid_t later(void (*act)(int), int argument)
{
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        usleep(LATER_MS * 1000);
        act(argument);
        _exit(0);
    }
    return child;
}

static void connect_to_port(int port)
{
    int fd = tcp_connect_to((unsigned short)port);
    char byte;
    if (fd >= 0)
        recv(fd, &byte, 1, 0);              /* held open until the test closes its end */
}

static void send_a_byte(int fd)
{
    send(fd, "b", 1, 0);
}

static void send_a_datagram_to(int port)
{
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in address;
    sendto(fd, "d", 1, 0, (struct sockaddr *)&address, loopback_address(&address, (unsigned short)port));
}

static void tcp_readiness(void)
{
    unsigned short port = 0;
    int listener = tcp_listener(4, &port);
    CHECK_EQ(0, poll_one(listener, POLLIN, 0), "a listener with nobody waiting");
    pid_t child = later(connect_to_port, port);
    long long start = monotonic_ns();
    CHECK(poll_one(listener, POLLIN, WAIT_MS) & POLLIN, "a waiting poll on a listener is woken by a connect");
    CHECK(elapsed_ms(start) >= LATER_MS / 2, "the poll returned before the connect (%ld ms)", elapsed_ms(start));
    int accepted = accept(listener, NULL, NULL);

    int readable, writable;
    CHECK_EQ(1, select_one(accepted, 1, 0, &readable, &writable), "select on a fresh connection: descriptors ready");
    CHECK(!readable && writable, "select on a fresh connection: readable %d, writable %d", readable, writable);
    CHECK_EQ(POLLOUT, poll_one(accepted, POLLIN | POLLOUT, 0), "poll on a fresh connection");

    int client, server;
    tcp_pair(&client, &server);
    pid_t sender = later(send_a_byte, client);
    CHECK_EQ(1, select_one(server, 0, WAIT_MS, &readable, &writable), "a waiting select for reading: ready");
    CHECK(readable, "select is woken by bytes sent later");
    char byte;
    recv(server, &byte, 1, 0);
    CHECK_EQ(POLLOUT, poll_one(server, POLLIN | POLLOUT, 0), "after reading the byte: writable only");

    shutdown(client, SHUT_WR);
    CHECK(poll_one(server, POLLIN, WAIT_MS) & POLLIN, "readable once the peer shut its half down");
    CHECK_EQ(0, recv(server, &byte, 1, 0), "recv after the peer's SHUT_WR reads end of file");

    /* full: not writable; the peer reads: writable again */
    static char chunk[FILL_CHUNK];
    set_nonblocking(server, 1);
    long total = 0;
    while (total < FILL_LIMIT && send(server, chunk, sizeof chunk, 0) > 0)
        total += sizeof chunk;
    CHECK(!(poll_one(server, POLLOUT, 0) & POLLOUT), "a full connection is not writable (%ld bytes sent)", total);
    select_one(server, 1, 0, &readable, &writable);
    CHECK(readable && !writable, "select on a full connection at end of file: readable %d (expected 1), writable %d "
          "(expected 0)", readable, writable);
    long drained = 0;
    set_nonblocking(client, 1);
    long long drain_start = monotonic_ns();
    while (drained < total && elapsed_ms(drain_start) < WAIT_MS * 5) {
        ssize_t got = recv(client, chunk, sizeof chunk, 0);
        if (got > 0)
            drained += got;
        else
            poll_one(client, POLLIN, 100);
    }
    CHECK(poll_one(server, POLLOUT, WAIT_MS) & POLLOUT, "writable again once the peer read");

    waitpid(sender, NULL, 0);
    close(accepted);
    waitpid(child, NULL, 0);
    close(client);
    close(server);
    close(listener);
}

static void udp_readiness(void)
{
    unsigned short port = 0;
    int fd = loopback_socket(SOCK_DGRAM, 0, &port);
    CHECK_EQ(POLLOUT, poll_one(fd, POLLIN | POLLOUT, 0), "a UDP socket with nothing queued");
    pid_t child = later(send_a_datagram_to, port);
    struct pollfd entry = { .fd = fd, .events = POLLIN };
    CHECK_EQ(1, poll(&entry, 1, WAIT_MS), "a waiting poll woken by a datagram");
    CHECK_EQ(POLLIN, entry.revents, "its revents");
    int readable, writable;
    CHECK_EQ(2, select_one(fd, 1, 0, &readable, &writable), "select: readable and writable");
    char byte;
    recv(fd, &byte, 1, 0);
    CHECK_EQ(0, poll_one(fd, POLLIN, 0), "not readable once the datagram is read");
    waitpid(child, NULL, 0);
    close(fd);
}

static void cases(void)
{
    tcp_readiness();
    udp_readiness();
}

int main(void)
{
    run_net_cases_checking_leaks(cases);
    return test_finish("net_poll_and_select_report_tcp_and_udp_readiness");
}

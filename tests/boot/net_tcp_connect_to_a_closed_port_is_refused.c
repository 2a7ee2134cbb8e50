/* tests/boot/net_tcp_connect_to_a_closed_port_is_refused.c - a connect
 * to a port of 127.0.0.1 where nobody listens is answered with a reset:
 * a blocking connect fails with ECONNREFUSED; a non-blocking one fails
 * with it at once or says EINPROGRESS and then reports it through
 * SO_ERROR (read once: then 0) with the socket writable. A port bound but
 * not listening is just as closed, and so is one whose listener has
 * closed. Without a network card, an address that is not ours has no
 * route: ENETUNREACH, and no packet goes anywhere (the test asks kinfo
 * which interfaces there are and tries it only when "lo" is the only
 * one). */
#include "boot_net.h"

#define SETTLE_MS 2000

/* A port that nobody holds: bound once and released. */
static unsigned short free_port(void)
{
    unsigned short port = 0;
    int fd = loopback_socket(SOCK_DGRAM, 0, &port);
    close(fd);
    return port;
}

static void blocking_connects_are_refused(void)
{
    CHECK_EQ(-ECONNREFUSED, tcp_connect_to(free_port()), "connect to a closed port (-ECONNREFUSED)");

    unsigned short port = 0;
    int bound = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address;
    CHECK_EQ(0, bind(bound, (struct sockaddr *)&address, loopback_address(&address, 0)), "bind");
    port = local_port_of(bound);
    CHECK_EQ(-ECONNREFUSED, tcp_connect_to(port), "connect to a port bound but not listening (-ECONNREFUSED)");
    close(bound);

    int listener = tcp_listener(4, &port);
    int first = tcp_connect_to(port);
    CHECK(first >= 0, "connect while listening: %s", strerror(-first));
    close(listener);
    CHECK_EQ(-ECONNREFUSED, tcp_connect_to(port), "connect after the listener closed (-ECONNREFUSED)");
    if (first >= 0)
        close(first);

    /* a socket whose connect was refused may connect again */
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    unsigned short closed = free_port();
    CHECK_ERROR(connect(fd, (struct sockaddr *)&address, loopback_address(&address, closed)), ECONNREFUSED);
    listener = tcp_listener(4, &port);
    errno = 0;
    int again = connect(fd, (struct sockaddr *)&address, loopback_address(&address, port));
    CHECK(again == 0, "connect again after a refusal, to a listener: %d (%s)", again, strerror(errno));
    close(fd);
    close(listener);
}

static void nonblocking_connect_reports_the_refusal(void)
{
    struct sockaddr_in address;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    errno = 0;
    int result = connect(fd, (struct sockaddr *)&address, loopback_address(&address, free_port()));
    int error = result < 0 ? errno : 0;
    CHECK(error == ECONNREFUSED || error == EINPROGRESS,
          "non-blocking connect to a closed port: expected ECONNREFUSED or EINPROGRESS, got %s", strerror(error));
    if (error == EINPROGRESS) {
        int events = poll_one(fd, POLLOUT, SETTLE_MS);
        CHECK(events & POLLOUT, "the refused connect's socket is writable: revents %#x", events);
        CHECK_EQ(ECONNREFUSED, int_option(fd, SOL_SOCKET, SO_ERROR), "SO_ERROR after the refusal");
    }
    CHECK_EQ(0, int_option(fd, SOL_SOCKET, SO_ERROR), "SO_ERROR read a second time");
    close(fd);
}

/* Is "lo" the only interface? -1 when kinfo cannot tell (a Linux host). */
static int loopback_only(void)
{
    struct kinfo_net_interface interfaces[8];
    int bytes = kinfo(KINFO_NET_INTERFACES, interfaces, sizeof interfaces);
    if (bytes <= 0)
        return -1;
    for (int i = 0; i < bytes / (int)sizeof interfaces[0]; i++)
        if (!(interfaces[i].flags & KINFO_NET_LOOPBACK))
            return 0;
    return 1;
}

static void no_route_without_a_card(void)
{
    int only = loopback_only();
    if (only != 1) {
        printf("(ENETUNREACH not tried: %s)\n", only < 0 ? "kinfo gives no interfaces" : "there is a network card");
        return;
    }
    struct sockaddr_in address;
    loopback_address(&address, 7);
    inet_pton(AF_INET, "10.0.3.1", &address.sin_addr);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    CHECK_ERROR(connect(fd, (struct sockaddr *)&address, sizeof address), ENETUNREACH);
    close(fd);
    fd = socket(AF_INET, SOCK_DGRAM, 0);
    CHECK_ERROR(sendto(fd, "x", 1, 0, (struct sockaddr *)&address, sizeof address), ENETUNREACH);
    close(fd);
}

static void cases(void)
{
    blocking_connects_are_refused();
    nonblocking_connect_reports_the_refusal();
    no_route_without_a_card();
}

int main(void)
{
    run_net_cases_checking_leaks(cases);
    return test_finish("net_tcp_connect_to_a_closed_port_is_refused");
}

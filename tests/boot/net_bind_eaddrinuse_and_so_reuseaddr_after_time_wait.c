/* tests/boot/net_bind_eaddrinuse_and_so_reuseaddr_after_time_wait.c -
 * who may bind a port, as on Linux: a second TCP or UDP socket on a port
 * already bound gets EADDRINUSE, on the same address or INADDR_ANY; so
 * does a bind while a listener holds the port, even with SO_REUSEADDR on
 * both. A connection closed first by the server stays in TIME_WAIT on the
 * server's port: after the listener is closed, a new socket binding that
 * port gets EADDRINUSE, unless both it and the listener the connection
 * came from set SO_REUSEADDR (a server started again, as servers do it),
 * and then it may listen there and take connections. Port 0 gives an ephemeral port
 * (32768..60999), different for two sockets. Binding twice is EINVAL; an
 * address not ours, EADDRNOTAVAIL; the wrong family, EAFNOSUPPORT. */
#include "boot_net.h"

#define EPHEMERAL_FIRST 32768
#define EPHEMERAL_LAST  60999

static int bind_to(int fd, in_addr_t host_address, unsigned short port)
{
    struct sockaddr_in address;
    loopback_address(&address, port);
    address.sin_addr.s_addr = htonl(host_address);
    return bind(fd, (struct sockaddr *)&address, sizeof address);
}

static void second_binds_are_refused(int type)
{
    const char *kind = type == SOCK_STREAM ? "TCP" : "UDP";
    unsigned short port = 0;
    int first = loopback_socket(type, 4, &port);
    CHECK(first >= 0 && port >= EPHEMERAL_FIRST && port <= EPHEMERAL_LAST, "%s: port 0 gave port %u", kind, port);
    int second = socket(AF_INET, type, 0);
    CHECK_ERROR(bind_to(second, INADDR_LOOPBACK, port), EADDRINUSE);
    CHECK_ERROR(bind_to(second, INADDR_ANY, port), EADDRINUSE);
    unsigned short other = 0;
    int third = loopback_socket(type, 4, &other);
    CHECK(other != port, "%s: two binds to port 0 gave the same port %u", kind, port);
    close(third);
    close(second);
    close(first);
    second = socket(AF_INET, type, 0);
    CHECK_EQ(0, bind_to(second, INADDR_LOOPBACK, port), "bind to the port once its holder closed");
    close(second);
}

static void a_listener_holds_its_port_even_under_reuse(void)
{
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    set_int_option(listener, SOL_SOCKET, SO_REUSEADDR, 1);
    CHECK_EQ(0, bind_to(listener, INADDR_LOOPBACK, 0), "bind the listener");
    CHECK_EQ(0, listen(listener, 4), "listen");
    unsigned short port = local_port_of(listener);
    int other = socket(AF_INET, SOCK_STREAM, 0);
    set_int_option(other, SOL_SOCKET, SO_REUSEADDR, 1);
    CHECK_ERROR(bind_to(other, INADDR_LOOPBACK, port), EADDRINUSE);
    close(other);
    close(listener);
}

/* A connection on `port` of `listener`, closed by the server first: the
 * server's end is left in TIME_WAIT. */
static void leave_time_wait_on(int listener, unsigned short port)
{
    int client = tcp_connect_to(port);
    int accepted = accept(listener, NULL, NULL);
    CHECK(client >= 0 && accepted >= 0, "the connection to close: client %d, accepted %d", client, accepted);
    close(accepted);                                  /* the server closes first */
    char byte;
    CHECK_EQ(0, recv(client, &byte, 1, 0), "the client reads end of file");
    close(client);
    usleep(100000);                                   /* the last ACK goes through */
}

static void time_wait_needs_so_reuseaddr(void)
{
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    CHECK_EQ(0, set_int_option(listener, SOL_SOCKET, SO_REUSEADDR, 1), "setsockopt SO_REUSEADDR");
    bind_to(listener, INADDR_LOOPBACK, 0);
    listen(listener, 4);
    unsigned short port = local_port_of(listener);
    leave_time_wait_on(listener, port);
    close(listener);

    int fresh = socket(AF_INET, SOCK_STREAM, 0);
    CHECK_ERROR(bind_to(fresh, INADDR_LOOPBACK, port), EADDRINUSE);
    CHECK_EQ(0, set_int_option(fresh, SOL_SOCKET, SO_REUSEADDR, 1), "setsockopt SO_REUSEADDR");
    CHECK_EQ(0, bind_to(fresh, INADDR_LOOPBACK, port), "bind with SO_REUSEADDR over a connection in TIME_WAIT");
    CHECK_EQ(0, listen(fresh, 4), "listen on the port reused");
    int client = tcp_connect_to(port);
    CHECK(client >= 0, "connect to the reused port: %s", strerror(-client));
    net_guard(5);
    int accepted = client < 0 ? -1 : accept(fresh, NULL, NULL);
    CHECK(accepted >= 0, "accept on the reused port: errno %d", errno);
    CHECK_EQ(2, send(client, "ok", 2, 0), "send over the new connection");
    char text[2] = { 0 };
    CHECK_EQ(2, recv(accepted, text, 2, MSG_WAITALL), "its bytes arrive");
    alarm(0);
    close(accepted);
    close(client);
    close(fresh);
}

static void bad_binds(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    CHECK_EQ(0, bind_to(fd, INADDR_LOOPBACK, 0), "bind");
    CHECK_ERROR(bind_to(fd, INADDR_LOOPBACK, 0), EINVAL);
    close(fd);

    fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in address;
    loopback_address(&address, 0);
    inet_pton(AF_INET, "192.0.2.1", &address.sin_addr);     /* TEST-NET-1: never ours */
    CHECK_ERROR(bind(fd, (struct sockaddr *)&address, sizeof address), EADDRNOTAVAIL);
    loopback_address(&address, 0);
    address.sin_family = AF_UNIX;
    CHECK_ERROR(bind(fd, (struct sockaddr *)&address, sizeof address), EAFNOSUPPORT);
    loopback_address(&address, 0);
    CHECK_ERROR(bind(fd, (struct sockaddr *)&address, sizeof address - 1), EINVAL);
    close(fd);
}

static void cases(void)
{
    second_binds_are_refused(SOCK_STREAM);
    second_binds_are_refused(SOCK_DGRAM);
    a_listener_holds_its_port_even_under_reuse();
    time_wait_needs_so_reuseaddr();
    bad_binds();
}

int main(void)
{
    run_net_cases_checking_leaks(cases);
    return test_finish("net_bind_eaddrinuse_and_so_reuseaddr_after_time_wait");
}

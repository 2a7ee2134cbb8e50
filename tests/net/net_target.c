/* tests/net/net_target.c - the guest's side of the malformed-packet test
 * (tests/net/malformed_test.py): a machine on a virtual cable whose other
 * end is the test itself, sending frames by hand.
 *
 *   net_target UDP_PORT TCP_PORT
 *
 * answers every datagram on UDP_PORT: "counters" with the kernel's network
 * counters (kinfo(2), KINFO_COUNTERS), "quit" with "bye" and an exit 0,
 * anything else with its copy.
 *
 * Listens on TCP_PORT and accepts up to MAX_CONNECTIONS connections at a
 * time (one more is closed at once), each an echo: every byte read is
 * sent back. Of each it says
 *
 *   net_target: accepted 10.0.3.2:50000
 *   net_target: 10.0.3.2:50000 end of file after N bytes
 *   net_target: 10.0.3.2:50000 Connection reset by peer after N bytes
 *
 * N every byte read: the test checks that what it sent came exactly once.
 * The test's SYN flood only ever half-opens connections: nothing to accept.
 * A send blocks while the peer's window is shut; the test keeps what it
 * sends on one connection well below the send ring (64 KiB), so the bytes
 * always fit and the datagrams are answered meanwhile. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <kernel.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <uapi/kinfo.h>
#include <unistd.h>

#define BUFFER_SIZE 2048
#define BACKLOG 8
#define QUIT_LINGER_SECONDS 1
#define MAX_CONNECTIONS 4
#define NAME_SIZE 32

struct connection {
    int fd;                            /* -1: a free slot */
    unsigned long bytes;               /* read (and sent back) so far */
    char name[NAME_SIZE];              /* the peer, "address:port" */
};

static struct connection connections[MAX_CONNECTIONS];

static void fail(const char *what)
{
    printf("net_target: %s: %s\n", what, strerror(errno));
    exit(1);
}

static int bound_socket(int type, int port)
{
    int fd = socket(AF_INET, type, 0);
    if (fd < 0)
        fail("socket");
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_ANY);
    if (bind(fd, (struct sockaddr *)&address, sizeof address) < 0)
        fail("bind");
    return fd;
}

/* The counters a leak would move, as one line. */
static int describe_counters(char *text, size_t size)
{
    struct kinfo_counters counters;
    memset(&counters, 0, sizeof counters);
    if (kinfo(KINFO_COUNTERS, &counters, sizeof counters) < 0)
        fail("kinfo");
    return snprintf(text, size, "packets=%u inet_sockets=%u tcp_connections=%u net_timers=%u heap=%u",
                    counters.packets, counters.inet_sockets, counters.tcp_connections, counters.net_timers,
                    counters.heap_bytes_used);
}

/* Sends all `length` bytes of `data`; 0, or -1 on an error. */
static int send_all(int fd, const char *data, size_t length)
{
    while (length > 0) {
        ssize_t sent = send(fd, data, length, MSG_NOSIGNAL);
        if (sent <= 0)
            return -1;
        data += sent;
        length -= (size_t)sent;
    }
    return 0;
}

/* A connection the listener has ready (the listener does not block: it
 * may have gone between poll and accept). */
static void accept_one(int listener)
{
    struct sockaddr_in peer;
    socklen_t length = sizeof peer;
    int fd = accept(listener, (struct sockaddr *)&peer, &length);
    if (fd < 0)
        return;
    for (int i = 0; i < MAX_CONNECTIONS; i++) {
        if (connections[i].fd >= 0)
            continue;
        connections[i].fd = fd;
        connections[i].bytes = 0;
        snprintf(connections[i].name, NAME_SIZE, "%s:%u", inet_ntoa(peer.sin_addr), ntohs(peer.sin_port));
        printf("net_target: accepted %s\n", connections[i].name);
        fflush(stdout);
        return;
    }
    printf("net_target: no room for %s:%u\n", inet_ntoa(peer.sin_addr), ntohs(peer.sin_port));
    fflush(stdout);
    close(fd);
}

/* The connection is readable: its bytes go back, or it ended. */
static void echo_some(struct connection *connection, char *buffer)
{
    ssize_t got = recv(connection->fd, buffer, BUFFER_SIZE, MSG_DONTWAIT);
    if (got < 0 && errno == EAGAIN)
        return;
    if (got > 0) {
        connection->bytes += (unsigned long)got;
        if (send_all(connection->fd, buffer, (size_t)got) == 0)
            return;
    }
    if (got == 0)
        printf("net_target: %s end of file after %lu bytes\n", connection->name, connection->bytes);
    else
        printf("net_target: %s %s after %lu bytes\n", connection->name, strerror(errno), connection->bytes);
    fflush(stdout);
    close(connection->fd);
    connection->fd = -1;
}

int main(int argc, char **argv)
{
    static char buffer[BUFFER_SIZE];
    if (argc != 3) {
        printf("usage: net_target UDP_PORT TCP_PORT\n");
        return 2;
    }
    for (int i = 0; i < MAX_CONNECTIONS; i++)
        connections[i].fd = -1;
    int datagrams = bound_socket(SOCK_DGRAM, atoi(argv[1]));
    int listener = bound_socket(SOCK_STREAM, atoi(argv[2]));
    if (listen(listener, BACKLOG) < 0)
        fail("listen");
    if (fcntl(listener, F_SETFL, O_NONBLOCK) < 0)
        fail("fcntl");
    printf("listening udp %s tcp %s\n", argv[1], argv[2]);
    fflush(stdout);
    for (;;) {
        struct pollfd fds[2 + MAX_CONNECTIONS];
        fds[0] = (struct pollfd){ .fd = datagrams, .events = POLLIN };
        fds[1] = (struct pollfd){ .fd = listener, .events = POLLIN };
        for (int i = 0; i < MAX_CONNECTIONS; i++)
            fds[2 + i] = (struct pollfd){ .fd = connections[i].fd, .events = POLLIN };
        if (poll(fds, 2 + MAX_CONNECTIONS, -1) < 0) {
            if (errno == EINTR)
                continue;
            fail("poll");
        }
        for (int i = 0; i < MAX_CONNECTIONS; i++)
            if (connections[i].fd >= 0 && fds[2 + i].revents)
                echo_some(&connections[i], buffer);
        if (fds[1].revents)
            accept_one(listener);
        if (!(fds[0].revents & POLLIN))
            continue;
        struct sockaddr_in sender;
        socklen_t length = sizeof sender;
        ssize_t got = recvfrom(datagrams, buffer, sizeof buffer - 1, 0, (struct sockaddr *)&sender, &length);
        if (got < 0)
            fail("recvfrom");
        buffer[got] = '\0';
        int quit = strcmp(buffer, "quit") == 0;
        if (strcmp(buffer, "counters") == 0)
            got = describe_counters(buffer, sizeof buffer);
        else if (quit)
            got = (ssize_t)strlen(strcpy(buffer, "bye"));
        if (sendto(datagrams, buffer, (size_t)got, 0, (struct sockaddr *)&sender, length) < 0)
            fail("sendto");
        if (quit)
            break;
    }
    /* The answer may still wait for ARP (the test's entry may have timed
     * out): give it time to leave before the machine powers off. */
    sleep(QUIT_LINGER_SECONDS);
    for (int i = 0; i < MAX_CONNECTIONS; i++)
        if (connections[i].fd >= 0)
            close(connections[i].fd);
    close(listener);
    close(datagrams);
    return 0;
}

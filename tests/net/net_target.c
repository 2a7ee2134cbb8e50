/* tests/net/net_target.c - the guest's side of the malformed-packet test
 * (tests/net/net_tests.py): a machine on a virtual cable whose other end
 * is the test itself, sending frames by hand.
 *
 *   net_target UDP_PORT TCP_PORT
 *
 * listens on TCP_PORT (and never accepts: the test's SYNs only ever
 * half-open connections) and answers every datagram on UDP_PORT:
 * "counters" with the kernel's network counters (kinfo(2),
 * KINFO_COUNTERS), "quit" with "bye" and an exit 0, anything else with
 * its copy. */
#include <arpa/inet.h>
#include <errno.h>
#include <kernel.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <uapi/kinfo.h>
#include <unistd.h>

#define BUFFER_SIZE 2048
#define BACKLOG 8
#define QUIT_LINGER_SECONDS 1

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

int main(int argc, char **argv)
{
    static char buffer[BUFFER_SIZE];
    if (argc != 3) {
        printf("usage: net_target UDP_PORT TCP_PORT\n");
        return 2;
    }
    int datagrams = bound_socket(SOCK_DGRAM, atoi(argv[1]));
    int listener = bound_socket(SOCK_STREAM, atoi(argv[2]));
    if (listen(listener, BACKLOG) < 0)
        fail("listen");
    printf("listening udp %s tcp %s\n", argv[1], argv[2]);
    fflush(stdout);
    for (;;) {
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
    close(listener);
    close(datagrams);
    return 0;
}

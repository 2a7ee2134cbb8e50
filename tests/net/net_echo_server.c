/* tests/net/net_echo_server.c - the guest's side of the host tests
 * (tests/net/net_tests.py): an echo server.
 *
 *   net_echo_server tcp PORT COUNT   serves COUNT connections one after the
 *                                    other, sending back every byte
 *   net_echo_server udp PORT COUNT   answers COUNT datagrams with their copy,
 *                                    and says of each "datagram N: LEN bytes, sum S"
 *
 * It says "listening tcp|udp PORT" once it listens, and "served COUNT"
 * before it exits 0. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUFFER_SIZE 4096

static void fail(const char *what)
{
    printf("net_echo_server: %s: %s\n", what, strerror(errno));
    exit(1);
}

/* A socket of `type` bound to every address of this machine, port `port`. */
static int bound_socket(int type, int port)
{
    int fd = socket(AF_INET, type, 0);
    if (fd < 0)
        fail("socket");
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_ANY);
    if (bind(fd, (struct sockaddr *)&address, sizeof address) < 0)
        fail("bind");
    return fd;
}

/* Sends all `length` bytes of `data`; 0, or -1 on an error. */
static int send_all(int fd, const char *data, size_t length)
{
    while (length > 0) {
        ssize_t sent = send(fd, data, length, 0);
        if (sent <= 0)
            return -1;
        data += sent;
        length -= (size_t)sent;
    }
    return 0;
}

static void serve_tcp(int port, int count)
{
    static char buffer[BUFFER_SIZE];
    int listener = bound_socket(SOCK_STREAM, port);
    if (listen(listener, 4) < 0)
        fail("listen");
    printf("listening tcp %d\n", port);
    fflush(stdout);
    for (int served = 0; served < count; served++) {
        int connection = accept(listener, NULL, NULL);
        if (connection < 0)
            fail("accept");
        unsigned long total = 0;
        ssize_t got;
        while ((got = recv(connection, buffer, sizeof buffer, 0)) > 0) {
            if (send_all(connection, buffer, (size_t)got) < 0)
                fail("send");
            total += (unsigned long)got;
        }
        if (got < 0)
            fail("recv");
        close(connection);
        printf("connection %d: echoed %lu bytes\n", served + 1, total);
        fflush(stdout);
    }
    close(listener);
}

static void serve_udp(int port, int count)
{
    static char buffer[BUFFER_SIZE];
    int fd = bound_socket(SOCK_DGRAM, port);
    printf("listening udp %d\n", port);
    fflush(stdout);
    for (int served = 0; served < count; served++) {
        struct sockaddr_in sender;
        socklen_t length = sizeof sender;
        ssize_t got = recvfrom(fd, buffer, sizeof buffer, 0, (struct sockaddr *)&sender, &length);
        if (got < 0)
            fail("recvfrom");
        unsigned sum = 0;
        for (ssize_t i = 0; i < got; i++)
            sum = sum * 31 + (unsigned char)buffer[i];
        printf("datagram %d: %d bytes, sum %u\n", served + 1, (int)got, sum);
        fflush(stdout);
        if (sendto(fd, buffer, (size_t)got, 0, (struct sockaddr *)&sender, length) < 0)
            fail("sendto");
    }
    close(fd);
}

int main(int argc, char **argv)
{
    if (argc != 4 || (strcmp(argv[1], "tcp") != 0 && strcmp(argv[1], "udp") != 0)) {
        printf("usage: net_echo_server tcp|udp PORT COUNT\n");
        return 2;
    }
    int port = atoi(argv[2]), count = atoi(argv[3]);
    if (strcmp(argv[1], "tcp") == 0)
        serve_tcp(port, count);
    else
        serve_udp(port, count);
    printf("served %d\n", count);
    return 0;
}

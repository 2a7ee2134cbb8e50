/* user/demos/network/tcp_echo_client.c - talks to tcp_echo_server (or any
 * echo server): connects, sends its message, shuts its sending half down
 * so that the server sees end of file, and prints what comes back until
 * the server closes the connection.
 *
 *     tcp_echo_client [ADDRESS [PORT [MESSAGE...]]]
 *
 * ADDRESS is numeric ("127.0.0.1"); without it, the server of a two-machine
 * run (10.0.3.1, tools/run-pair) when this machine is on that cable, else
 * this machine (127.0.0.1). PORT defaults to 7, MESSAGE to a greeting.
 *
 * Things to watch for: inet_pton turns the text into an address, htons
 * puts the port in network byte order; connect does TCP's three-way
 * handshake; shutdown(SHUT_WR) is a half-close: we can still read. */
#include <arpa/inet.h>
#include <errno.h>
#include <kernel.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "demo_client.h"

#define ECHO_PORT      7
#define CONNECT_TRIES     20           /* a server starting up: tries ... */
#define CONNECT_PAUSE_US  250000       /* ... 250 ms apart */

int main(int argc, char **argv)
{
    const char *server = argc > 1 ? argv[1] : default_server();
    int port = argc > 2 ? atoi(argv[2]) : ECHO_PORT;
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons(port) };
    if (inet_pton(AF_INET, server, &address.sin_addr) != 1 || port <= 0 || port > 65535) {
        fprintf(stderr, "usage: tcp_echo_client [ADDRESS [PORT [MESSAGE...]]]\n");
        return 2;
    }
    int fd = connect_with_retries(&address, CONNECT_TRIES, CONNECT_PAUSE_US);
    if (fd < 0) {
        fprintf(stderr, "tcp_echo_client: %s port %d: %s\n", server, port, strerror(errno));
        return 1;
    }
    printf("tcp_echo_client: connected to %s port %d\n", server, port);
    char message[512] = "hello over TCP";
    if (argc > 3) {
        message[0] = 0;
        for (int i = 3; i < argc; i++) {
            strncat(message, argv[i], sizeof message - strlen(message) - 2);
            strcat(message, i + 1 < argc ? " " : "");
        }
    }
    strcat(message, "\n");
    size_t length = strlen(message);
    if (send(fd, message, length, MSG_NOSIGNAL) != (ssize_t)length) {
        fprintf(stderr, "tcp_echo_client: send: %s\n", strerror(errno));
        return 1;
    }
    shutdown(fd, SHUT_WR);             /* the server reads end of file once it has all */
    char buffer[512];
    size_t received = 0;
    ssize_t count;
    fflush(stdout);
    while ((count = recv(fd, buffer, sizeof buffer, 0)) > 0) {
        write(STDOUT_FILENO, buffer, count);
        received += count;
    }
    close(fd);
    printf("tcp_echo_client: sent %zu bytes, got %zu back\n", length, received);
    return received == length ? 0 : 1;
}

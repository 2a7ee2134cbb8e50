/* user/demos/network/udp_echo_server.c - the datagram half of the echo
 * demos: every datagram that comes to UDP port 7 goes back to whoever
 * sent it, whole, as one datagram. There is no connection: one socket
 * serves everyone, and recvfrom says who each datagram is from.
 *
 *     $ udp_echo_server &
 *     $ udp_echo_client 127.0.0.1 7 5
 *
 * Usage: udp_echo_server [PORT [DATAGRAMS]]  (default 7, no limit)
 *
 * Things to watch for: bind is all a datagram server needs (no listen, no
 * accept); sendto answers to the address recvfrom filled in; a datagram's
 * boundaries are kept, a short buffer cuts it (MSG_TRUNC would say its
 * real length). */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define ECHO_PORT     7
#define DATAGRAM_MAX  2048

int main(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : ECHO_PORT;
    int datagrams = argc > 2 ? atoi(argv[2]) : 0;        /* 0: for ever */
    if (port <= 0 || port > 65535 || datagrams < 0) {
        fprintf(stderr, "usage: udp_echo_server [PORT [DATAGRAMS]]\n");
        return 2;
    }
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons(port),
                                   .sin_addr.s_addr = htonl(INADDR_ANY) };
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&address, sizeof address) < 0) {
        fprintf(stderr, "udp_echo_server: port %d: %s\n", port, strerror(errno));
        return 1;
    }
    printf("udp_echo_server: waiting for datagrams on port %d\n", port);
    fflush(stdout);
    static char datagram[DATAGRAM_MAX];
    for (int served = 0; datagrams == 0 || served < datagrams; served++) {
        struct sockaddr_in from;
        socklen_t length = sizeof from;
        ssize_t size = recvfrom(fd, datagram, sizeof datagram, 0, (struct sockaddr *)&from, &length);
        if (size < 0) {
            fprintf(stderr, "udp_echo_server: recvfrom: %s\n", strerror(errno));
            continue;
        }
        char name[INET_ADDRSTRLEN];
        inet_ntop(AF_INET, &from.sin_addr, name, sizeof name);
        printf("udp_echo_server: %zd bytes from %s port %d\n", size, name, ntohs(from.sin_port));
        fflush(stdout);
        if (sendto(fd, datagram, size, 0, (struct sockaddr *)&from, length) != size)
            fprintf(stderr, "udp_echo_server: sendto: %s\n", strerror(errno));
    }
    close(fd);
    return 0;
}

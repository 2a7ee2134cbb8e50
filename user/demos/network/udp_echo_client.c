/* user/demos/network/udp_echo_client.c - sends numbered datagrams to
 * udp_echo_server and waits for each to come back, with a timeout: UDP
 * promises nothing, so a datagram that does not return within a second is
 * counted lost and the next one goes. It prints each round trip's time.
 *
 *     udp_echo_client [ADDRESS [PORT [COUNT]]]
 *
 * ADDRESS is numeric; without it, the server of a two-machine run
 * (10.0.3.1, tools/run-pair) when this machine is on that cable, else
 * 127.0.0.1. PORT defaults to 7, COUNT to 5.
 *
 * Things to watch for: connect on a datagram socket only sets the default
 * destination (and filters what is received to that peer): no packet is
 * sent; SO_RCVTIMEO makes recv give up with EAGAIN; ECONNREFUSED on a recv
 * means an ICMP "port unreachable" came back for an earlier datagram. */
#include <arpa/inet.h>
#include <errno.h>
#include <kernel.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "demo_client.h"

#define ECHO_PORT      7
#define COUNT_DEFAULT  5
#define REPLY_WAIT_US  1000000         /* a reply later than this is lost */
#define FIRST_TRIES    10              /* the server may still be starting */

static long long now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000LL + t.tv_nsec / 1000;
}

int main(int argc, char **argv)
{
    const char *server = argc > 1 ? argv[1] : default_server();
    int port = argc > 2 ? atoi(argv[2]) : ECHO_PORT;
    int count = argc > 3 ? atoi(argv[3]) : COUNT_DEFAULT;
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons(port) };
    if (inet_pton(AF_INET, server, &address.sin_addr) != 1 || port <= 0 || port > 65535 || count <= 0) {
        fprintf(stderr, "usage: udp_echo_client [ADDRESS [PORT [COUNT]]]\n");
        return 2;
    }
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct timeval wait = { REPLY_WAIT_US / 1000000, REPLY_WAIT_US % 1000000 };
    if (fd < 0 || connect(fd, (struct sockaddr *)&address, sizeof address) < 0 ||
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait) < 0) {
        fprintf(stderr, "udp_echo_client: %s port %d: %s\n", server, port, strerror(errno));
        return 1;
    }
    int returned = 0;
    for (int number = 1; number <= count; number++) {
        char datagram[64], reply[64];
        int length = snprintf(datagram, sizeof datagram, "datagram %d", number);
        for (int try = 0; try < (number == 1 ? FIRST_TRIES : 1); try++) {
            long long start = now_us();
            send(fd, datagram, length, 0);
            ssize_t got = recv(fd, reply, sizeof reply - 1, 0);
            if (got == length && !memcmp(reply, datagram, length)) {
                printf("udp_echo_client: \"%s\" back from %s in %lld us\n", datagram, server, now_us() - start);
                returned++;
                break;
            }
            if (got < 0 && errno != EAGAIN && errno != ECONNREFUSED) {
                fprintf(stderr, "udp_echo_client: recv: %s\n", strerror(errno));
                return 1;
            }
            if (got < 0 && errno == ECONNREFUSED)
                usleep(REPLY_WAIT_US / 4);     /* nobody on the port yet */
        }
    }
    printf("udp_echo_client: %d of %d datagrams came back\n", returned, count);
    close(fd);
    return returned == count ? 0 : 1;
}

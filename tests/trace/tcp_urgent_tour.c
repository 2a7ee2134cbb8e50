/* tests/trace/tcp_urgent_tour.c - the picture of docs/network.md's
 * "Urgent data": a client sends "abc", the urgent byte '!' (MSG_OOB) and
 * "def" over the loopback; the server, a second later, reads up to the
 * mark, takes the urgent byte with MSG_OOB and reads the rest:
 *
 *   read 'abc', at the mark: 1
 *   urgent byte '!'
 *   read 'def', at the mark: 0
 *
 * Made with:
 *   tools/run-prog --trace tests/trace/logs/tcp_urgent_tour.log tests/trace/tcp_urgent_tour.c
 *   tools/trace_view.py tests/trace/logs/tcp_urgent_tour.log --network -o docs/network-urgent.svg */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define TOUR_PORT 7777

static void read_and_say(int fd)
{
    char buffer[16];
    ssize_t got = read(fd, buffer, sizeof buffer - 1);   /* stops at the mark */
    buffer[got > 0 ? got : 0] = 0;
    printf("read '%s', at the mark: %d\n", buffer, sockatmark(fd));
}

int main(void)
{
    int one = 1;
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons(TOUR_PORT),
                                   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(listener, (struct sockaddr *)&address, sizeof address) < 0 || listen(listener, 1) < 0) {
        perror("tcp_urgent_tour: bind and listen");
        return 1;
    }
    if (fork() == 0) {
        int client = socket(AF_INET, SOCK_STREAM, 0);
        connect(client, (struct sockaddr *)&address, sizeof address);
        setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);   /* each send a segment */
        send(client, "abc", 3, 0);
        send(client, "!", 1, MSG_OOB);
        send(client, "def", 3, 0);
        sleep(2);
        close(client);
        _exit(0);
    }
    int server = accept(listener, NULL, NULL);
    sleep(1);                                 /* every byte is there */
    read_and_say(server);
    char urgent = '-';
    recv(server, &urgent, 1, MSG_OOB);
    printf("urgent byte '%c'\n", urgent);
    read_and_say(server);
    wait(NULL);
    close(server);
    close(listener);
    return 0;
}

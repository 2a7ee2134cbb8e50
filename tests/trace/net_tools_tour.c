/* tests/trace/net_tools_tour.c - the transcripts of docs/network.md's
 * "Watching packets": ifconfig, ping, netstat and ps with a listener and
 * a connection alive, then netstat again once the connection is closed
 * (TIME_WAIT). Run with a card, recording its frames:
 *
 *   tools/run-prog --net card --pcap /tmp/show.pcap tests/trace/net_tools_tour.c
 *   tcpdump -nr /tmp/show.pcap
 *
 * It waits 2 s first, for the card's address from DHCP. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define TOUR_PORT       7          /* the echo port: run-prog's programs run as root */
#define DHCP_WAIT_S     2
#define SETTLE_US       100000     /* lets the server take the bytes before netstat */
#define TOUR_BACKLOG    5          /* netstat shows it as the listener's Send-Q */

/* Shows a command line as typed, then runs it through the shell. */
static void run(const char *command)
{
    printf("$ %s\n", command);
    fflush(stdout);
    system(command);
    fflush(stdout);
}

int main(void)
{
    sleep(DHCP_WAIT_S);
    run("ifconfig");
    run("ping -c 3 10.0.2.2");
    run("ping -c 2 127.0.0.1");
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons(TOUR_PORT) };
    bind(listener, (struct sockaddr *)&address, sizeof address);
    listen(listener, TOUR_BACKLOG);
    pid_t child = fork();
    if (child == 0) {
        int connection = accept(listener, NULL, NULL);
        char buffer[64];
        int got = recv(connection, buffer, sizeof buffer, 0);
        printf("server got %d bytes\n", got);
        recv(connection, buffer, sizeof buffer, 0);   /* until the client closes */
        _exit(0);
    }
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(TOUR_PORT) };
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connect(fd, (struct sockaddr *)&to, sizeof to);
    send(fd, "hello", 5, 0);
    usleep(SETTLE_US);
    run("netstat");
    run("ps");
    close(fd);
    waitpid(child, 0, 0);
    run("netstat");
    run("ifconfig -s");
    return 0;
}

/* user/demos/network/tcp_echo_server.c - the classic first network
 * server: it sends back every byte it receives, on TCP port 7 (the port
 * "echo" has had since 1983), one child process per connection so that
 * several clients are served at once.
 *
 *     $ tcp_echo_server &                 port 7, serves until killed
 *     $ tcp_echo_client 127.0.0.1 hello
 *     tcp_echo_client: connected to 127.0.0.1 port 7
 *     hello
 *
 * `make run NET=1` forwards the host's 127.0.0.1:5555 to the guest's port
 * 7, so from the host: `nc 127.0.0.1 5555`. Across two machines:
 * `tools/run-pair user/demos/network/tcp_echo_server.c
 * user/demos/network/tcp_echo_client.c`.
 *
 * Usage: tcp_echo_server [PORT [CONNECTIONS]]  (default 7, no limit)
 *
 * Things to watch for: socket, bind to INADDR_ANY (every address of this
 * machine), listen, then accept in a loop, each accepted connection a new
 * descriptor; the server learns who called from accept's address; a child
 * per connection, and SIGCHLD ignored so that the children leave no
 * zombies. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define ECHO_PORT 7
#define BACKLOG   8

/* Echoes one connection until the client closes it; returns the bytes. */
static long echo(int connection)
{
    char buffer[4096];
    long total = 0;
    ssize_t count;
    while ((count = recv(connection, buffer, sizeof buffer, 0)) > 0) {
        for (ssize_t sent = 0; sent < count;) {
            ssize_t written = send(connection, buffer + sent, count - sent, MSG_NOSIGNAL);
            if (written <= 0)
                return total;
            sent += written;
        }
        total += count;
    }
    return total;
}

int main(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : ECHO_PORT;
    int connections = argc > 2 ? atoi(argv[2]) : 0;        /* 0: for ever */
    if (port <= 0 || port > 65535 || connections < 0) {
        fprintf(stderr, "usage: tcp_echo_server [PORT [CONNECTIONS]]\n");
        return 2;
    }
    signal(SIGCHLD, SIG_IGN);          /* finished children are freed at once */
    int one = 1;
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons(port),
                                   .sin_addr.s_addr = htonl(INADDR_ANY) };
    int server = socket(AF_INET, SOCK_STREAM, 0);
    if (server < 0 || setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
        bind(server, (struct sockaddr *)&address, sizeof address) < 0 || listen(server, BACKLOG) < 0) {
        fprintf(stderr, "tcp_echo_server: port %d: %s\n", port, strerror(errno));
        return 1;
    }
    printf("tcp_echo_server: listening on port %d\n", port);
    fflush(stdout);
    for (int served = 0; connections == 0 || served < connections; served++) {
        struct sockaddr_in client;
        socklen_t length = sizeof client;
        int connection = accept(server, (struct sockaddr *)&client, &length);
        if (connection < 0) {
            fprintf(stderr, "tcp_echo_server: accept: %s\n", strerror(errno));
            continue;
        }
        char name[INET_ADDRSTRLEN];
        inet_ntop(AF_INET, &client.sin_addr, name, sizeof name);
        printf("tcp_echo_server: connection from %s port %d\n", name, ntohs(client.sin_port));
        fflush(stdout);
        pid_t child = connections == 1 ? 0 : fork();   /* one connection: serve it ourselves */
        if (child == 0) {
            close(server);
            long bytes = echo(connection);
            printf("tcp_echo_server: %s port %d left after %ld bytes\n", name, ntohs(client.sin_port), bytes);
            fflush(stdout);
            close(connection);
            if (connections == 1)
                return 0;
            _exit(0);
        }
        close(connection);             /* the child has its own copy */
    }
    close(server);
    return 0;
}

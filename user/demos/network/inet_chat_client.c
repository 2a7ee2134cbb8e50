/* user/demos/network/inet_chat_client.c - the visitor of inet_chat_server,
 * user/demos/sockets/chat_client.c over TCP:
 *
 *     inet_chat_client [-s ADDRESS] [-p PORT] [-n NAME] MESSAGE...
 *                        says MESSAGE (the words joined) in the room
 *     inet_chat_client [-s ADDRESS] [-p PORT] [-n NAME] -
 *                        says each line typed, until end of input
 *
 * ADDRESS is numeric; without it, the server of a two-machine run
 * (10.0.3.1, tools/run-pair) when this machine is on that cable, else
 * 127.0.0.1. PORT defaults to 7777, NAME to "guest", MESSAGE to a
 * greeting.
 *
 * It connects (trying again for a few seconds while the server is
 * starting), sends its name and its lines, then shuts down its
 * writing half: the server sees end of file. A child process prints what
 * the server answers meanwhile, until the server closes the connection. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <kernel.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "demo_client.h"

#define CHAT_PORT 7777
#define CONNECT_ATTEMPTS 50            /* a server starting up: tries ... */
#define CONNECT_PAUSE_US 100000        /* ... 100 ms apart */

static int send_text(int fd, const char *text)
{
    size_t length = strlen(text);
    while (length > 0) {
        ssize_t count = send(fd, text, length, MSG_NOSIGNAL);
        if (count <= 0)
            return -1;
        text += count;
        length -= (size_t)count;
    }
    return 0;
}

/* Prints what the server says until it closes the connection. */
static void print_replies(int fd)
{
    char buffer[256];
    ssize_t count;
    while ((count = recv(fd, buffer, sizeof buffer, 0)) > 0)
        write(STDOUT_FILENO, buffer, (size_t)count);
    _exit(count == 0 || errno == ECONNRESET ? 0 : 1);
}

int main(int argc, char **argv)
{
    const char *server = NULL, *name = "guest";
    int port = CHAT_PORT, first = 1;
    for (; first + 1 < argc && argv[first][0] == '-' && argv[first][1] && !argv[first][2]; first += 2) {
        if (argv[first][1] == 's')
            server = argv[first + 1];
        else if (argv[first][1] == 'p')
            port = atoi(argv[first + 1]);
        else if (argv[first][1] == 'n')
            name = argv[first + 1];
        else
            break;
    }
    if (!server)
        server = default_server();
    struct sockaddr_in room = { .sin_family = AF_INET, .sin_port = htons(port) };
    if (inet_pton(AF_INET, server, &room.sin_addr) != 1 || port <= 0 || port > 65535) {
        fprintf(stderr, "usage: inet_chat_client [-s ADDRESS] [-p PORT] [-n NAME] [MESSAGE... | -]\n");
        return 2;
    }
    int fd = connect_with_retries(&room, CONNECT_ATTEMPTS, CONNECT_PAUSE_US);
    if (fd < 0) {
        fprintf(stderr, "inet_chat_client: cannot reach %s port %d: %s\n", server, port, strerror(errno));
        return 1;
    }
    fflush(stdout);
    pid_t reader = fork();
    if (reader == 0)
        print_replies(fd);

    int failed = send_text(fd, name) < 0 || send_text(fd, "\n") < 0;
    if (first < argc && strcmp(argv[first], "-") == 0) {
        char line[200];
        while (!failed && fgets(line, sizeof line, stdin))
            failed = send_text(fd, line) < 0;
    } else if (first < argc) {         /* the words are one message */
        for (int i = first; i < argc && !failed; i++)
            failed = send_text(fd, argv[i]) < 0 || send_text(fd, i + 1 < argc ? " " : "\n") < 0;
    } else {
        failed = send_text(fd, "hello from the other end of the cable\n") < 0;
    }
    shutdown(fd, SHUT_WR);             /* the server reads end of file, and finishes */
    close(fd);                         /* the reader keeps its copy */
    int status = 1;
    waitpid(reader, &status, 0);
    if (failed)
        fprintf(stderr, "inet_chat_client: the server went away\n");
    return failed || !WIFEXITED(status) ? 1 : WEXITSTATUS(status);
}

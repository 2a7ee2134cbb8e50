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
 * the server answers meanwhile, until the server closes the connection
 * (the visit is user/demos/chat_visitor.h, shared with chat_client). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <kernel.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../chat_visitor.h"
#include "demo_client.h"

#define CHAT_PORT 7777
#define CONNECT_ATTEMPTS 50            /* a server starting up: tries ... */
#define CONNECT_PAUSE_US 100000        /* ... 100 ms apart */

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
    char *greeting[] = { "hello from the other end of the cable" };
    if (first < argc && strcmp(argv[first], "-") == 0)
        return chat_visit(fd, name, NULL, 0, "inet_chat_client");
    if (first < argc)
        return chat_visit(fd, name, argv + first, argc - first, "inet_chat_client");
    return chat_visit(fd, name, greeting, 1, "inet_chat_client");
}

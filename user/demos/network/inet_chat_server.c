/* user/demos/network/inet_chat_server.c - the chat room of
 * user/demos/sockets/chat_server.c on a TCP port instead of a local
 * socket, so that visitors may come from another machine. Only the
 * address changed: a struct sockaddr_in with INADDR_ANY and a port where
 * the local version has a path; the rest of the program is the same.
 *
 *     $ inet_chat_server 7777 3 &
 *     $ inet_chat_client -n alice hello everyone
 *     $ inet_chat_client -n bob hi alice
 *     $ inet_chat_client -n carol quit
 *
 * Across two machines: `tools/run-pair user/demos/network/inet_chat_server.c
 * user/demos/network/inet_chat_client.c` (the client finds 10.0.3.1).
 *
 * Usage: inet_chat_server [PORT [VISITORS]]   (default 7777, 5 visitors)
 *
 * It binds the port, listens, and serves one visitor at a time: a
 * visitor sends its name on the first line and messages on the lines
 * after it; the server welcomes it with the last lines said in the room,
 * then echoes each message back as "name: message" and logs it on its own
 * output. It stops after N visitors (default 5), or when someone says
 * "quit". Each visitor is greeted with the address it came from. The
 * room itself is user/demos/chat_room.h, shared with chat_server: only
 * the socket is made here. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../chat_room.h"

#define CHAT_PORT 7777

int main(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : CHAT_PORT;
    int visitors = argc > 2 ? atoi(argv[2]) : CHAT_VISITORS_DEFAULT;
    if (port <= 0 || port > 65535 || visitors <= 0) {
        fprintf(stderr, "usage: inet_chat_server [port [visitors]]\n");
        return 2;
    }
    int one = 1;
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons(port),
                                   .sin_addr.s_addr = htonl(INADDR_ANY) };
    int server = socket(AF_INET, SOCK_STREAM, 0);
    if (server < 0 || setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
        bind(server, (struct sockaddr *)&address, sizeof address) < 0 || listen(server, 8) < 0) {
        fprintf(stderr, "inet_chat_server: port %d: %s\n", port, strerror(errno));
        return 1;
    }
    char where[16];
    snprintf(where, sizeof where, "port %d", port);
    chat_room_run(server, where, visitors, "inet_chat_server");
    return 0;
}

/* user/demos/sockets/chat_server.c - a small chat room on a local stream
 * socket: the server half of the socket demo (docs/sockets.md). Start it in
 * the background, then talk to it with chat_client:
 *
 *     $ chat_server 3 &
 *     $ chat_client alice hello everyone
 *     $ chat_client bob hi alice
 *     $ chat_client carol quit
 *
 * It binds /tmp/chat.sock, listens, and serves one visitor at a time: a
 * visitor sends its name on the first line and messages on the lines
 * after it; the server welcomes it with the last lines said in the room,
 * then echoes each message back as "name: message" and logs it on its own
 * output. It stops after N visitors (default 5), or when someone says
 * "quit", and removes /tmp/chat.sock on the way out. The room itself is
 * user/demos/chat_room.h, which the TCP version (inet_chat_server) runs
 * too: only the socket is made here. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "../chat_room.h"

#define CHAT_PATH "/tmp/chat.sock"

int main(int argc, char **argv)
{
    int visitors = argc > 1 ? atoi(argv[1]) : CHAT_VISITORS_DEFAULT;
    if (visitors <= 0) {
        fprintf(stderr, "usage: chat_server [visitors]\n");
        return 2;
    }
    struct sockaddr_un address;
    memset(&address, 0, sizeof address);
    address.sun_family = AF_UNIX;
    strcpy(address.sun_path, CHAT_PATH);
    unlink(CHAT_PATH);                 /* a node left by an earlier run */
    int server = socket(AF_UNIX, SOCK_STREAM, 0);
    if (server < 0 || bind(server, (struct sockaddr *)&address, sizeof address) < 0 || listen(server, 8) < 0) {
        fprintf(stderr, "chat_server: %s: %s\n", CHAT_PATH, strerror(errno));
        return 1;
    }
    chat_room_run(server, CHAT_PATH, visitors, "chat_server");
    unlink(CHAT_PATH);
    return 0;
}

/* user/demos/sockets/chat_client.c - the visitor half of the chat demo (see
 * chat_server.c and docs/sockets.md):
 *
 *     chat_client NAME MESSAGE...     says MESSAGE (the words joined) in the room
 *     chat_client NAME                says each line typed, until end of input
 *
 * It connects to /tmp/chat.sock (trying again for a few seconds while the
 * server is starting), sends its name and its lines, then shuts down its
 * writing half: the server sees end of file. A child process prints what
 * the server answers meanwhile, until the server closes the connection
 * (the visit is user/demos/chat_visitor.h, shared with inet_chat_client). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "../chat_visitor.h"

#define CHAT_PATH "/tmp/chat.sock"
#define CONNECT_ATTEMPTS 50            /* tries, 100 ms apart */

static int connect_to_room(void)
{
    struct sockaddr_un address;
    memset(&address, 0, sizeof address);
    address.sun_family = AF_UNIX;
    strcpy(address.sun_path, CHAT_PATH);
    for (int attempt = 0; attempt < CONNECT_ATTEMPTS; attempt++) {
        int fd = socket(AF_UNIX, SOCK_STREAM, 0);
        if (fd < 0)
            return -1;
        if (connect(fd, (struct sockaddr *)&address, sizeof address) == 0)
            return fd;
        int error = errno;
        close(fd);
        if (error != ENOENT && error != ECONNREFUSED) {
            errno = error;
            return -1;
        }
        usleep(100000);                /* the server may not be listening yet */
    }
    errno = ECONNREFUSED;
    return -1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: chat_client NAME [MESSAGE...]\n");
        return 2;
    }
    int fd = connect_to_room();
    if (fd < 0) {
        fprintf(stderr, "chat_client: cannot reach %s: %s\n", CHAT_PATH, strerror(errno));
        return 1;
    }
    return chat_visit(fd, argv[1], argv + 2, argc - 2, "chat_client");
}

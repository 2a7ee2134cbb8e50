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
 * "quit". Each visitor is greeted with the address it came from. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#define CHAT_PORT 7777
#define HISTORY_LINES 8                /* lines a newcomer is shown */
#define LINE_MAX_BYTES 200            /* a message line; longer ones are cut */
#define NAME_MAX_BYTES 40
#define SAID_MAX (NAME_MAX_BYTES + 2 + LINE_MAX_BYTES + 2)   /* "name: line\n" and its NUL */
#define VISITORS_DEFAULT 5

/* Lines from a stream socket, read a buffer at a time. */
struct line_reader {
    int fd;
    char buffer[512];
    int start, end;
};

/* The next line, without its newline, in `line`: returns its length, or
 * -1 at end of file (a last line with no newline still counts). */
static int read_line(struct line_reader *reader, char *line, int size)
{
    int length = 0, got_any = 0;
    for (;;) {
        if (reader->start == reader->end) {
            ssize_t count = read(reader->fd, reader->buffer, sizeof reader->buffer);
            if (count <= 0)
                break;
            reader->start = 0;
            reader->end = (int)count;
        }
        char c = reader->buffer[reader->start++];
        got_any = 1;
        if (c == '\n')
            break;
        if (length < size - 1)
            line[length++] = c;
    }
    line[length] = 0;
    return got_any ? length : -1;
}

static char history[HISTORY_LINES][SAID_MAX];
static int history_count;

static void remember(const char *line)
{
    if (history_count == HISTORY_LINES) {
        memmove(history[0], history[1], sizeof history[0] * (HISTORY_LINES - 1));
        history_count--;
    }
    snprintf(history[history_count++], sizeof history[0], "%s", line);
}

static void say(int fd, const char *text)
{
    size_t length = strlen(text);
    while (length > 0) {
        ssize_t count = write(fd, text, length);
        if (count <= 0)
            return;                    /* the visitor left: EPIPE */
        text += count;
        length -= (size_t)count;
    }
}

/* Serves one visitor; returns 1 if it asked the room to close. */
static int serve(int connection, const char *from, int visitor, int visitors)
{
    struct line_reader reader = { .fd = connection };
    char name[NAME_MAX_BYTES], line[LINE_MAX_BYTES], said[SAID_MAX + 16];
    if (read_line(&reader, name, sizeof name) <= 0)
        return 0;
    snprintf(said, sizeof said, "welcome, %s from %s: you are visitor %d of %d\n", name, from, visitor, visitors);
    say(connection, said);
    for (int i = 0; i < history_count; i++) {
        say(connection, "  earlier: ");
        say(connection, history[i]);
        say(connection, "\n");
    }
    int quit = 0;
    while (read_line(&reader, line, sizeof line) >= 0) {
        snprintf(said, sizeof said, "%s: %s", name, line);
        remember(said);
        printf("[chat] %s\n", said);
        fflush(stdout);
        strcat(said, "\n");
        say(connection, said);
        if (!strcmp(line, "quit")) {
            say(connection, "server: bye, the room is closing\n");
            quit = 1;
            break;
        }
    }
    return quit;
}

int main(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : CHAT_PORT;
    int visitors = argc > 2 ? atoi(argv[2]) : VISITORS_DEFAULT;
    if (port <= 0 || port > 65535 || visitors <= 0) {
        fprintf(stderr, "usage: inet_chat_server [port [visitors]]\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);          /* a visitor that leaves early is not our death */
    int one = 1;
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons(port),
                                   .sin_addr.s_addr = htonl(INADDR_ANY) };
    int server = socket(AF_INET, SOCK_STREAM, 0);
    if (server < 0 || setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
        bind(server, (struct sockaddr *)&address, sizeof address) < 0 || listen(server, 8) < 0) {
        fprintf(stderr, "inet_chat_server: port %d: %s\n", port, strerror(errno));
        return 1;
    }
    printf("inet_chat_server: listening on port %d for %d visitors\n", port, visitors);
    fflush(stdout);
    for (int visitor = 1; visitor <= visitors; visitor++) {
        struct sockaddr_in client;
        socklen_t length = sizeof client;
        int connection = accept(server, (struct sockaddr *)&client, &length);
        if (connection < 0) {
            fprintf(stderr, "inet_chat_server: accept: %s\n", strerror(errno));
            break;
        }
        char from[INET_ADDRSTRLEN + 8];
        inet_ntop(AF_INET, &client.sin_addr, from, INET_ADDRSTRLEN);
        snprintf(from + strlen(from), 8, ":%d", ntohs(client.sin_port));
        int quit = serve(connection, from, visitor, visitors);
        close(connection);
        if (quit)
            break;
    }
    close(server);
    printf("inet_chat_server: the room is closed\n");
    return 0;
}

/* user/demos/chat_room.h - the chat room that two demo servers run: on a
 * local stream socket (user/demos/sockets/chat_server.c) and on a TCP port
 * (user/demos/network/inet_chat_server.c). Each server only makes its
 * listening socket; the room is the same whatever the socket's family:
 *
 *   - one visitor at a time is accepted; it sends its name on the first
 *     line and messages on the lines after it;
 *   - the server welcomes it (with the address it came from, for a TCP
 *     visitor) and shows it the last lines said in the room;
 *   - it echoes each message back as "name: message" and logs it on its
 *     own output as "[chat] name: message";
 *   - it stops after N visitors, or when someone says "quit".
 *
 * The room is a header, as every file of user/demos/ is a program of its
 * own (user/README.md). */
#ifndef USER_DEMOS_CHAT_ROOM_H
#define USER_DEMOS_CHAT_ROOM_H

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#define CHAT_VISITORS_DEFAULT 5
#define CHAT_HISTORY_LINES 8           /* lines a newcomer is shown */
#define CHAT_LINE_MAX_BYTES 200        /* a message line; longer ones are cut */
#define CHAT_NAME_MAX_BYTES 40
#define CHAT_SAID_MAX (CHAT_NAME_MAX_BYTES + 2 + CHAT_LINE_MAX_BYTES + 2)   /* "name: line\n" and its NUL */
#define CHAT_ORIGIN_MAX (6 + INET_ADDRSTRLEN + 6)   /* " from 255.255.255.255:65535" */

/* Lines from a stream socket, read a buffer at a time. */
struct chat_line_reader {
    int fd;
    char buffer[512];
    int start, end;
};

/* The next line, without its newline, in `line`: returns its length, or
 * -1 at end of file (a last line with no newline still counts). */
static inline int chat_read_line(struct chat_line_reader *reader, char *line, int size)
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

/* What was said in the room, the last CHAT_HISTORY_LINES lines. */
struct chat_history {
    char lines[CHAT_HISTORY_LINES][CHAT_SAID_MAX];
    int count;
};

static inline void chat_remember(struct chat_history *history, const char *line)
{
    if (history->count == CHAT_HISTORY_LINES) {
        memmove(history->lines[0], history->lines[1], sizeof history->lines[0] * (CHAT_HISTORY_LINES - 1));
        history->count--;
    }
    snprintf(history->lines[history->count++], sizeof history->lines[0], "%s", line);
}

/* Writes all of `text` to the visitor, unless it left (EPIPE). */
static inline void chat_say(int fd, const char *text)
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

/* " from a.b.c.d:port" for a visitor that came over IPv4; "" for one on a
 * local socket, which has no address to show. */
static inline void chat_origin_text(const struct sockaddr_storage *peer, char text[CHAT_ORIGIN_MAX])
{
    text[0] = 0;
    if (peer->ss_family != AF_INET)
        return;
    const struct sockaddr_in *in = (const struct sockaddr_in *)peer;
    char digits[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &in->sin_addr, digits, sizeof digits);
    snprintf(text, CHAT_ORIGIN_MAX, " from %s:%d", digits, ntohs(in->sin_port));
}

/* Serves one visitor; returns 1 if it asked the room to close. */
static inline int chat_serve_visitor(struct chat_history *history, int connection, const char *origin, int visitor,
                                     int visitors)
{
    struct chat_line_reader reader = { .fd = connection };
    char name[CHAT_NAME_MAX_BYTES], line[CHAT_LINE_MAX_BYTES], said[CHAT_SAID_MAX + CHAT_ORIGIN_MAX + 16];
    if (chat_read_line(&reader, name, sizeof name) <= 0)
        return 0;
    snprintf(said, sizeof said, "welcome, %s%s: you are visitor %d of %d\n", name, origin, visitor, visitors);
    chat_say(connection, said);
    for (int i = 0; i < history->count; i++) {
        chat_say(connection, "  earlier: ");
        chat_say(connection, history->lines[i]);
        chat_say(connection, "\n");
    }
    int quit = 0;
    while (chat_read_line(&reader, line, sizeof line) >= 0) {
        snprintf(said, sizeof said, "%s: %s", name, line);
        chat_remember(history, said);
        printf("[chat] %s\n", said);
        fflush(stdout);
        strcat(said, "\n");
        chat_say(connection, said);
        if (!strcmp(line, "quit")) {
            chat_say(connection, "server: bye, the room is closing\n");
            quit = 1;
            break;
        }
    }
    return quit;
}

/* The room on `listener`, a listening stream socket of any family, which
 * `where` names ("/tmp/chat.sock", "port 7777"): says so, serves
 * `visitors` visitors one after the other, or fewer if one says "quit" or
 * accept fails (reported as `program`: accept: ...), then closes the
 * listener and says the room is closed. Ignores SIGPIPE, so that a
 * visitor that leaves early does not end the server. */
static inline void chat_room_run(int listener, const char *where, int visitors, const char *program)
{
    static struct chat_history history;
    signal(SIGPIPE, SIG_IGN);
    printf("%s: listening on %s for %d visitors\n", program, where, visitors);
    fflush(stdout);
    for (int visitor = 1; visitor <= visitors; visitor++) {
        struct sockaddr_storage peer;
        socklen_t length = sizeof peer;
        memset(&peer, 0, sizeof peer);
        int connection = accept(listener, (struct sockaddr *)&peer, &length);
        if (connection < 0) {
            fprintf(stderr, "%s: accept: %s\n", program, strerror(errno));
            break;
        }
        char origin[CHAT_ORIGIN_MAX];
        chat_origin_text(&peer, origin);
        int quit = chat_serve_visitor(&history, connection, origin, visitor, visitors);
        close(connection);
        if (quit)
            break;
    }
    close(listener);
    printf("%s: the room is closed\n", program);
}

#endif

/* user/demos/multiplexing/chat_relay.h - what poll_chat.c and epoll_chat.c
 * share: the chat room's clients, the relay of a line to every other
 * client, and starting and ending the demo. Only the server's loop, which
 * waits for the sockets with poll(2) in one and epoll(7) in the other,
 * is each demo's own, and its main hands it over:
 *
 *     return chat_demo_main(argc, argv, "poll_chat", "/tmp/poll_chat.sock", serve);
 *
 * Lines are records of LINE_BYTES bytes, which a read may bring in
 * pieces: the server keeps each client's partial record (struct
 * client_state). */
#ifndef USER_DEMOS_MULTIPLEXING_CHAT_RELAY_H
#define USER_DEMOS_MULTIPLEXING_CHAT_RELAY_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define CLIENTS_MAX 16
#define CLIENTS_DEFAULT 4
#define LINES_DEFAULT 5
#define LINES_MAX 100
#define LINE_BYTES 32                  /* one record: "client C line L" padded with NULs */

/* One run of a demo: its name and socket path, then what start sets. */
struct chat_demo {
    const char *program;               /* "poll_chat": for messages */
    const char *path;                  /* the listening socket's path */
    int listener;
    int clients, lines;                /* from the command line */
};

/* The server's view of one client. */
struct client_state {
    int fd;                            /* -1 once it hung up */
    char pending[LINE_BYTES];          /* a record read in part */
    int pending_bytes;
};

static inline socklen_t chat_address(const struct chat_demo *demo, struct sockaddr_un *address)
{
    memset(address, 0, sizeof *address);
    address->sun_family = AF_UNIX;
    strcpy(address->sun_path, demo->path);
    return (socklen_t)sizeof *address;
}

static inline int write_all(int fd, const char *bytes, int size)
{
    for (int done = 0, count; done < size; done += count)
        if ((count = (int)send(fd, bytes + done, (size_t)(size - done), MSG_NOSIGNAL)) <= 0)
            return -1;
    return 0;
}

/* ---- a client ------------------------------------------------------------ */

static inline int read_record(int fd, char *record)
{
    int done = 0, count;
    while (done < LINE_BYTES && (count = (int)read(fd, record + done, (size_t)(LINE_BYTES - done))) > 0)
        done += count;
    return done == LINE_BYTES ? 0 : -1;
}

/* Client `self` says demo->lines lines, then hears the others' until it
 * has them all; returns 0 (its exit status) if each came exactly once and
 * in order. */
static inline int run_client(const struct chat_demo *demo, int self)
{
    struct sockaddr_un address;
    socklen_t length = chat_address(demo, &address);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&address, length) < 0) {
        fprintf(stderr, "%s: client connect: %s\n", demo->program, strerror(errno));
        return 1;
    }
    int clients = demo->clients, lines = demo->lines;
    for (int line = 1; line <= lines; line++) {
        char record[LINE_BYTES] = { 0 };
        snprintf(record, sizeof record, "client %d line %d", self, line);
        if (write_all(fd, record, LINE_BYTES) < 0)
            return 1;
    }
    int heard[CLIENTS_MAX + 1] = { 0 };    /* the last line heard from each */
    int errors = 0;
    for (int expected = (clients - 1) * lines; expected > 0; expected--) {
        char record[LINE_BYTES];
        int from, line;
        if (read_record(fd, record) < 0 || sscanf(record, "client %d line %d", &from, &line) != 2 ||
            from < 1 || from > clients) {
            printf("client %d: the room closed early or a line was garbled\n", self);
            return 1;
        }
        if (from == self || line != heard[from] + 1) {
            printf("client %d: heard \"%s\" out of turn (expected line %d)\n", self, record, heard[from] + 1);
            errors++;
        }
        heard[from] = line;
    }
    close(fd);
    printf("client %d: heard %d lines from %d others, each once and in order\n", self, (clients - 1) * lines,
           clients - 1);
    return errors != 0;
}

/* ---- the server's relay -------------------------------------------------- */

/* Sends one whole record to every client still there but its sender; a
 * client that cannot take it is closed (an epoll set forgets it with its
 * close). */
static inline void relay(struct client_state *states, int clients, int sender, const char *record)
{
    for (int i = 0; i < clients; i++)
        if (i != sender && states[i].fd >= 0 && write_all(states[i].fd, record, LINE_BYTES) < 0) {
            close(states[i].fd);
            states[i].fd = -1;
        }
}

/* Counts `count` more bytes read into client i's pending record, and
 * relays the record once it is whole. Returns 1 if it relayed one. */
static inline int relay_when_whole(struct client_state *states, int clients, int i, int count)
{
    struct client_state *client = &states[i];
    client->pending_bytes += count;
    if (client->pending_bytes < LINE_BYTES)
        return 0;
    relay(states, clients, i, client->pending);
    client->pending_bytes = 0;
    return 1;
}

/* ---- starting and ending the demo ---------------------------------------- */

/* Reads [clients [lines]] from the command line, listens on demo->path
 * and forks the clients. Returns 0 with demo->listener listening, or the
 * exit status: 2 for a bad command line, 1 if the socket failed. */
static inline int chat_demo_start(struct chat_demo *demo, int argc, char **argv)
{
    demo->clients = argc > 1 ? atoi(argv[1]) : CLIENTS_DEFAULT;
    demo->lines = argc > 2 ? atoi(argv[2]) : LINES_DEFAULT;
    if (demo->clients < 2 || demo->clients > CLIENTS_MAX || demo->lines < 1 || demo->lines > LINES_MAX) {
        fprintf(stderr, "usage: %s [clients 2..%d] [lines 1..%d]\n", demo->program, CLIENTS_MAX, LINES_MAX);
        return 2;
    }
    setvbuf(stdout, 0, _IOLBF, 0);
    struct sockaddr_un address;
    socklen_t length = chat_address(demo, &address);
    unlink(demo->path);
    demo->listener = socket(AF_UNIX, SOCK_STREAM, 0);
    if (demo->listener < 0 || bind(demo->listener, (struct sockaddr *)&address, length) < 0 ||
        listen(demo->listener, CLIENTS_MAX) < 0) {
        fprintf(stderr, "%s: %s: %s\n", demo->program, demo->path, strerror(errno));
        return 1;
    }
    for (int i = 1; i <= demo->clients; i++) {
        if (fork() == 0) {
            close(demo->listener);
            _exit(run_client(demo, i));
        }
    }
    return 0;
}

/* Once the server's loop returned `status`: closes and removes the
 * socket, waits for every client and says whether every line arrived.
 * Returns the exit status: 0 if the server and every client say so. */
static inline int chat_demo_finish(struct chat_demo *demo, int status)
{
    close(demo->listener);
    unlink(demo->path);
    for (int i = 0; i < demo->clients; i++) {
        int child_status;
        wait(&child_status);
        if (!WIFEXITED(child_status) || WEXITSTATUS(child_status) != 0)
            status = 1;
    }
    printf(status ? "%s: some line was lost or repeated\n" : "%s: every line arrived exactly once\n",
           demo->program);
    return status;
}

/* The whole demo, `program` [clients [lines]], on the socket `path`:
 * starts the clients, runs the demo's own server loop `serve` (it
 * returns 0 once every client hung up, else 1) and ends the demo.
 * Returns the exit status. */
static inline int chat_demo_main(int argc, char **argv, const char *program, const char *path,
                                 int (*serve)(int listener, int clients))
{
    struct chat_demo demo = { program, path, -1, 0, 0 };
    int status = chat_demo_start(&demo, argc, argv);
    return status ? status : chat_demo_finish(&demo, serve(demo.listener, demo.clients));
}

#endif

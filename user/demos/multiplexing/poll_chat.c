/* user/demos/multiplexing/poll_chat.c - one process serves a whole chat
 * room with poll(2), instead of one process (or thread) per client
 * (docs/multiplexing.md):
 *
 *     $ poll_chat 4 5
 *
 * starts a server on the local stream socket /tmp/poll_chat.sock and 4
 * client processes. Each client says 5 lines; the server relays every
 * line to every other client; each client checks that it heard each
 * other client's lines exactly once, in the order they were said.
 *
 *   client 1 --\                      /--> client 2, 3, 4
 *   client 2 ---+--> [ server: poll ] +--> client 1, 3, 4
 *   client 3 ---+    listener + one   +--> ...
 *   client 4 --/     socket a client
 *
 * The server's loop: poll over the listening socket (POLLIN: a
 * connection waits) until every client has come, then over every
 * client's socket (POLLIN: a line, or the client hung up); it never blocks on one client while another has
 * something to say. Lines are records of LINE_BYTES bytes, which a read
 * may bring in pieces: the server keeps each client's partial record. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHAT_PATH "/tmp/poll_chat.sock"
#define CLIENTS_MAX 16
#define CLIENTS_DEFAULT 4
#define LINES_DEFAULT 5
#define LINES_MAX 100
#define LINE_BYTES 32                  /* one record: "client C line L" padded with NULs */

struct client_state {
    int fd;                            /* -1 once it hung up */
    char pending[LINE_BYTES];          /* a record read in part */
    int pending_bytes;
};

static socklen_t chat_address(struct sockaddr_un *address)
{
    memset(address, 0, sizeof *address);
    address->sun_family = AF_UNIX;
    strcpy(address->sun_path, CHAT_PATH);
    return (socklen_t)sizeof *address;
}

/* ---- a client ------------------------------------------------------------ */

static int write_all(int fd, const char *bytes, int size)
{
    for (int done = 0, count; done < size; done += count)
        if ((count = (int)send(fd, bytes + done, (size_t)(size - done), MSG_NOSIGNAL)) <= 0)
            return -1;
    return 0;
}

static int read_record(int fd, char *record)
{
    int done = 0, count;
    while (done < LINE_BYTES && (count = (int)read(fd, record + done, (size_t)(LINE_BYTES - done))) > 0)
        done += count;
    return done == LINE_BYTES ? 0 : -1;
}

/* Says `lines` lines, then hears the others' until it has them all;
 * exits 0 if each came exactly once and in order. */
static int run_client(int self, int clients, int lines)
{
    struct sockaddr_un address;
    socklen_t length = chat_address(&address);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&address, length) < 0) {
        perror("poll_chat: client connect");
        return 1;
    }
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

/* ---- the server ---------------------------------------------------------- */

/* Sends one whole record to every client still there but its sender. */
static void relay(struct client_state *states, int clients, int sender, const char *record)
{
    for (int i = 0; i < clients; i++)
        if (i != sender && states[i].fd >= 0 && write_all(states[i].fd, record, LINE_BYTES) < 0) {
            close(states[i].fd);
            states[i].fd = -1;
        }
}

/* Reads what client i has; relays each record once it is whole. Returns 1
 * if the client hung up. */
static int hear(struct client_state *states, int clients, int i, int *relayed)
{
    struct client_state *client = &states[i];
    int count = (int)read(client->fd, client->pending + client->pending_bytes,
                          (size_t)(LINE_BYTES - client->pending_bytes));
    if (count <= 0)
        return 1;
    client->pending_bytes += count;
    if (client->pending_bytes == LINE_BYTES) {
        relay(states, clients, i, client->pending);
        client->pending_bytes = 0;
        (*relayed)++;
    }
    return 0;
}

static int serve(int listener, int clients)
{
    struct client_state states[CLIENTS_MAX];
    int accepted = 0, open_clients = 0, relayed = 0, polls = 0;
    while (accepted < clients || open_clients > 0) {
        /* entry 0: the listener while clients are still to come; once
         * all have come (the room opens: each line goes to everyone),
         * one entry a client, in the order they came */
        struct pollfd entries[CLIENTS_MAX + 1];
        int room_open = accepted == clients;
        entries[0] = (struct pollfd){ room_open ? -1 : listener, POLLIN, 0 };
        for (int i = 0; i < accepted; i++)
            entries[1 + i] = (struct pollfd){ states[i].fd, POLLIN, 0 };
        if (poll(entries, (nfds_t)(room_open ? 1 + accepted : 1), -1) < 0) {
            if (errno == EINTR)
                continue;
            perror("poll_chat: poll");
            return 1;
        }
        polls++;
        if (entries[0].revents & POLLIN) {
            int fd = accept(listener, 0, 0);
            if (fd >= 0) {
                states[accepted++] = (struct client_state){ fd, { 0 }, 0 };
                open_clients++;
            }
        }
        for (int i = 0; room_open && i < accepted; i++) {
            if (states[i].fd < 0 || !(entries[1 + i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            if (hear(states, accepted, i, &relayed)) {
                close(states[i].fd);
                states[i].fd = -1;
                open_clients--;
            }
        }
    }
    printf("server: relayed %d lines from %d clients in %d polls, one process\n", relayed, clients, polls);
    return 0;
}

int main(int argc, char **argv)
{
    int clients = argc > 1 ? atoi(argv[1]) : CLIENTS_DEFAULT;
    int lines = argc > 2 ? atoi(argv[2]) : LINES_DEFAULT;
    if (clients < 2 || clients > CLIENTS_MAX || lines < 1 || lines > LINES_MAX) {
        fprintf(stderr, "usage: poll_chat [clients 2..%d] [lines 1..%d]\n", CLIENTS_MAX, LINES_MAX);
        return 2;
    }
    setvbuf(stdout, 0, _IOLBF, 0);
    struct sockaddr_un address;
    socklen_t length = chat_address(&address);
    unlink(CHAT_PATH);
    int listener = socket(AF_UNIX, SOCK_STREAM, 0);
    if (listener < 0 || bind(listener, (struct sockaddr *)&address, length) < 0 ||
        listen(listener, CLIENTS_MAX) < 0) {
        perror("poll_chat: " CHAT_PATH);
        return 1;
    }
    for (int i = 1; i <= clients; i++) {
        if (fork() == 0) {
            close(listener);
            _exit(run_client(i, clients, lines));
        }
    }
    int status = serve(listener, clients);
    close(listener);
    unlink(CHAT_PATH);
    for (int i = 0; i < clients; i++) {
        int child_status;
        wait(&child_status);
        if (!WIFEXITED(child_status) || WEXITSTATUS(child_status) != 0)
            status = 1;
    }
    printf(status ? "poll_chat: some line was lost or repeated\n" : "poll_chat: every line arrived exactly once\n");
    return status;
}

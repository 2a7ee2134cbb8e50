/* user/demos/multiplexing/epoll_chat.c - poll_chat's chat room served
 * with epoll(7) instead of poll(2) (docs/multiplexing.md, "epoll"):
 *
 *     $ epoll_chat 4 5
 *
 * starts a server on the local stream socket /tmp/epoll_chat.sock and 4
 * client processes; each client says 5 lines, the server relays every
 * line to every other client, and each client checks that it heard each
 * other client's lines exactly once, in order. The clients are
 * poll_chat's; only the server differs:
 *
 *   - the set of descriptors lives in the kernel: the server adds the
 *     listener once, and each client's socket once, when it comes, and
 *     never hands the kernel the whole list again;
 *   - the clients are watched edge-triggered (EPOLLET): epoll_wait says
 *     "this socket got data" once, so the server reads it until there is
 *     no more (recv with MSG_DONTWAIT: EAGAIN), or it would wait for data
 *     it already has;
 *   - each event carries the client's index (epoll_data), so nothing is
 *     searched for;
 *   - a client that leaves is closed, and its close alone takes it out
 *     of the set.
 * Lines are records of LINE_BYTES bytes, which a read may bring in
 * pieces: the server keeps each client's partial record. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHAT_PATH "/tmp/epoll_chat.sock"
#define CLIENTS_MAX 16
#define CLIENTS_DEFAULT 4
#define LINES_DEFAULT 5
#define LINES_MAX 100
#define LINE_BYTES 32                  /* one record: "client C line L" padded with NULs */
#define LISTENER_TAG 0xffffffffu       /* the listener's epoll_data; clients have their index */

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
        perror("epoll_chat: client connect");
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
            close(states[i].fd);       /* its close takes it out of the epoll set */
            states[i].fd = -1;
        }
}

/* Reads all client i has (edge-triggered: until EAGAIN) and relays each
 * record once it is whole. Returns 1 if the client hung up. */
static int hear_all(struct client_state *states, int clients, int i, int *relayed)
{
    struct client_state *client = &states[i];
    for (;;) {
        int count = (int)recv(client->fd, client->pending + client->pending_bytes,
                              (size_t)(LINE_BYTES - client->pending_bytes), MSG_DONTWAIT);
        if (count < 0)
            return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : 1;
        if (count == 0)
            return 1;
        client->pending_bytes += count;
        if (client->pending_bytes == LINE_BYTES) {
            relay(states, clients, i, client->pending);
            client->pending_bytes = 0;
            (*relayed)++;
        }
    }
}

static void hang_up(struct client_state *client, int *open_clients)
{
    close(client->fd);                 /* and out of the epoll set with it */
    client->fd = -1;
    (*open_clients)--;
}

static int serve(int listener, int clients)
{
    struct client_state states[CLIENTS_MAX];
    int accepted = 0, open_clients = 0, relayed = 0, waits = 0;
    int epoll = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event event = { EPOLLIN, { .u32 = LISTENER_TAG } };
    if (epoll < 0 || epoll_ctl(epoll, EPOLL_CTL_ADD, listener, &event) < 0) {
        perror("epoll_chat: epoll");
        return 1;
    }
    while (accepted < clients || open_clients > 0) {
        struct epoll_event ready[CLIENTS_MAX + 1];
        int count = epoll_wait(epoll, ready, CLIENTS_MAX + 1, -1);
        if (count < 0) {
            if (errno == EINTR)
                continue;
            perror("epoll_chat: epoll_wait");
            return 1;
        }
        waits++;
        for (int e = 0; e < count; e++) {
            uint32_t who = ready[e].data.u32;
            if (who == LISTENER_TAG) {
                int fd = accept(listener, 0, 0);
                if (fd < 0)
                    continue;
                states[accepted] = (struct client_state){ fd, { 0 }, 0 };
                struct epoll_event client = { EPOLLIN | EPOLLRDHUP | EPOLLET, { .u32 = (uint32_t)accepted } };
                epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &client);
                accepted++;
                open_clients++;
                if (accepted < clients)
                    continue;
                /* the room opens: no more listening, and what the clients
                 * said meanwhile was announced by edges already gone */
                epoll_ctl(epoll, EPOLL_CTL_DEL, listener, 0);
                for (int i = 0; i < accepted; i++)
                    if (states[i].fd >= 0 && hear_all(states, accepted, i, &relayed))
                        hang_up(&states[i], &open_clients);
            } else if (accepted == clients && who < (uint32_t)accepted && states[who].fd >= 0) {
                if (hear_all(states, accepted, (int)who, &relayed))
                    hang_up(&states[who], &open_clients);
            }
        }
    }
    close(epoll);
    printf("server: relayed %d lines from %d clients in %d epoll_waits, one process\n", relayed, clients, waits);
    return 0;
}

int main(int argc, char **argv)
{
    int clients = argc > 1 ? atoi(argv[1]) : CLIENTS_DEFAULT;
    int lines = argc > 2 ? atoi(argv[2]) : LINES_DEFAULT;
    if (clients < 2 || clients > CLIENTS_MAX || lines < 1 || lines > LINES_MAX) {
        fprintf(stderr, "usage: epoll_chat [clients 2..%d] [lines 1..%d]\n", CLIENTS_MAX, LINES_MAX);
        return 2;
    }
    setvbuf(stdout, 0, _IOLBF, 0);
    struct sockaddr_un address;
    socklen_t length = chat_address(&address);
    unlink(CHAT_PATH);
    int listener = socket(AF_UNIX, SOCK_STREAM, 0);
    if (listener < 0 || bind(listener, (struct sockaddr *)&address, length) < 0 ||
        listen(listener, CLIENTS_MAX) < 0) {
        perror("epoll_chat: " CHAT_PATH);
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
    printf(status ? "epoll_chat: some line was lost or repeated\n" : "epoll_chat: every line arrived exactly once\n");
    return status;
}

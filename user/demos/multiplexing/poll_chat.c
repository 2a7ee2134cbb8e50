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
 * may bring in pieces: the server keeps each client's partial record.
 * The clients, the relay and the demo's start and end are chat_relay.h,
 * shared with epoll_chat.c: this file is the server's loop. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#include "chat_relay.h"

#define CHAT_PATH "/tmp/poll_chat.sock"

/* ---- the server ---------------------------------------------------------- */

/* Reads what client i has; relays each record once it is whole. Returns 1
 * if the client hung up. */
static int hear(struct client_state *states, int clients, int i, int *relayed)
{
    struct client_state *client = &states[i];
    int count = (int)read(client->fd, client->pending + client->pending_bytes,
                          (size_t)(LINE_BYTES - client->pending_bytes));
    if (count <= 0)
        return 1;
    *relayed += relay_when_whole(states, clients, i, count);
    return 0;
}

/* The server's loop: poll(2) over the listener, then over every client,
 * relaying what each says, until every client has come and hung up.
 * Returns 0, or 1 if poll failed. */
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
    return chat_demo_main(argc, argv, "poll_chat", CHAT_PATH, serve);
}

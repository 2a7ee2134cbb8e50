/* user/demos/multiplexing/epoll_chat.c - poll_chat's chat room served
 * with epoll(7) instead of poll(2) (docs/multiplexing.md, "epoll"):
 *
 *     $ epoll_chat 4 5
 *
 * starts a server on the local stream socket /tmp/epoll_chat.sock and 4
 * client processes; each client says 5 lines, the server relays every
 * line to every other client, and each client checks that it heard each
 * other client's lines exactly once, in order. The clients are
 * poll_chat's (chat_relay.h, with the relay and the demo's start and
 * end); only the server's loop differs:
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
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "chat_relay.h"

#define CHAT_PATH "/tmp/epoll_chat.sock"
#define LISTENER_TAG 0xffffffffu       /* the listener's epoll_data; clients have their index */

/* ---- the server ---------------------------------------------------------- */

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
        *relayed += relay_when_whole(states, clients, i, count);
    }
}

static void hang_up(struct client_state *client, int *open_clients)
{
    close(client->fd);                 /* and out of the epoll set with it */
    client->fd = -1;
    (*open_clients)--;
}

/* The server's loop: epoll_wait(2) on a set that holds the listener,
 * then every client, relaying what each says, until every client has
 * come and hung up. Returns 0, or 1 if epoll failed. */
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
    return chat_demo_main(argc, argv, "epoll_chat", CHAT_PATH, serve);
}

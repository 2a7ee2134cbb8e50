/* tests/boot/net_tcp_twenty_clients_at_once_each_get_their_own_echo.c -
 * twenty TCP connections to one listener are open at the same time: each
 * of twenty client processes connects, then waits at a gate until all
 * twenty are connected, and only then sends a message of its own; one
 * server process echoes every connection it accepted, watching them all
 * with poll. Each client must get back exactly its own bytes and then end
 * of file, and the listener's backlog (32) holds every connection the
 * server has not accepted yet. */
#include "boot_net.h"

#define CLIENTS        20
#define BACKLOG        32
#define MESSAGE_BYTES  3000
#define TIME_LIMIT_S   60

enum { CLIENT_OK, CLIENT_NO_CONNECTION, CLIENT_SEND_FAILED, CLIENT_WRONG_ECHO, CLIENT_NO_END };

static unsigned char byte_of(int client, int offset)
{
    return (unsigned char)(client * 37 + offset * 11 + (offset >> 8));
}

/* A client: connect, tell the test, wait at the gate, send, read back. */
static void client(int number, unsigned short port, int connected_fd, int gate_fd)
{
    net_guard(TIME_LIMIT_S);
    int connection = tcp_connect_to(port);
    if (connection < 0)
        _exit(CLIENT_NO_CONNECTION);
    char token = 'c', gate;
    write(connected_fd, &token, 1);
    read(gate_fd, &gate, 1);                 /* end of file: everyone is connected */
    static unsigned char message[MESSAGE_BYTES], echo[MESSAGE_BYTES + 1];
    for (int i = 0; i < MESSAGE_BYTES; i++)
        message[i] = byte_of(number, i);
    if (write_fully(connection, message, MESSAGE_BYTES) != MESSAGE_BYTES || shutdown(connection, SHUT_WR) < 0)
        _exit(CLIENT_SEND_FAILED);
    int total = read_fully(connection, echo, MESSAGE_BYTES);
    if (total != MESSAGE_BYTES || memcmp(message, echo, MESSAGE_BYTES))
        _exit(CLIENT_WRONG_ECHO);
    _exit(recv(connection, echo, 1, 0) == 0 ? CLIENT_OK : CLIENT_NO_END);
}

/* The server: accepts CLIENTS connections and echoes each until its end
 * of file, all under one poll; exits with how many it served wrongly. */
static void server(int listener)
{
    net_guard(TIME_LIMIT_S);
    struct pollfd entries[CLIENTS + 1];
    int open = 0, accepted = 0, bad = 0;
    entries[0] = (struct pollfd){ .fd = listener, .events = POLLIN };
    while ((accepted < CLIENTS || open > 0) && poll(entries, 1 + accepted, -1) > 0) {
        if ((entries[0].revents & POLLIN) && accepted < CLIENTS) {
            int connection = accept(listener, NULL, NULL);
            if (connection < 0) {
                bad++;
                break;
            }
            entries[1 + accepted++] = (struct pollfd){ .fd = connection, .events = POLLIN };
            open++;
            if (accepted == CLIENTS)
                entries[0].events = 0;
        }
        for (int i = 1; i <= accepted; i++) {
            if (entries[i].fd < 0 || !(entries[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            char buffer[1024];
            ssize_t got = recv(entries[i].fd, buffer, sizeof buffer, 0);
            if (got > 0 && write_fully(entries[i].fd, buffer, got) == got)
                continue;
            bad += got < 0;
            close(entries[i].fd);
            entries[i].fd = -1;
            open--;
        }
    }
    _exit(bad + (CLIENTS - accepted) + open);
}

static void twenty_clients_at_once(void)
{
    unsigned short port = 0;
    int listener = tcp_listener(BACKLOG, &port);
    CHECK(listener >= 0, "a listener with a backlog of %d: errno %d", BACKLOG, errno);
    if (listener < 0)
        return;
    int connected[2], gate[2];
    pipe(connected);
    pipe(gate);
    fflush(stdout);
    pid_t server_pid = fork();
    if (server_pid == 0) {
        close(gate[1]);
        server(listener);
    }
    close(listener);
    pid_t clients[CLIENTS];
    for (int i = 0; i < CLIENTS; i++) {
        clients[i] = fork();
        if (clients[i] == 0) {
            close(gate[1]);
            close(connected[0]);
            client(i, port, connected[1], gate[0]);
        }
    }
    close(connected[1]);
    close(gate[0]);

    /* every client holds an open connection before any sends */
    char tokens[CLIENTS];
    net_guard(TIME_LIMIT_S);
    int arrived = read_fully(connected[0], tokens, CLIENTS);
    alarm(0);
    CHECK_EQ(CLIENTS, arrived, "clients connected at the same time");
    close(gate[1]);                           /* the gate opens */
    close(connected[0]);

    int served = 0;
    for (int i = 0; i < CLIENTS; i++) {
        int status = -1;
        waitpid(clients[i], &status, 0);
        CHECK(net_exit_code(status) == CLIENT_OK, "client %d: exit %d (1 no connection, 2 send, 3 wrong echo, 4 no "
              "end of file)", i, net_exit_code(status));
        served += net_exit_code(status) == CLIENT_OK;
    }
    CHECK_EQ(CLIENTS, served, "clients that got their own bytes back");
    int status = -1;
    waitpid(server_pid, &status, 0);
    CHECK_EQ(0, net_exit_code(status), "the server (connections it could not accept or serve)");
}

int main(void)
{
    run_net_cases_checking_leaks(twenty_clients_at_once);
    return test_finish("net_tcp_twenty_clients_at_once_each_get_their_own_echo");
}

/* tests/boot/socket_stream_connections_and_end_of_file.c - stream
 * sockets as Linux's AF_UNIX gives them: connect() to a listener makes a
 * connection at once (the client may write before accept()); accept()
 * returns a new descriptor and the client's name; the connection is a
 * full-duplex byte stream; shutdown(SHUT_WR) and close() give the peer end
 * of file after the bytes already sent; writing to a closed peer raises
 * SIGPIPE and fails with EPIPE (MSG_NOSIGNAL: no signal); closing with
 * bytes unread, or a listener closing on connections it never accepted,
 * resets the peer (ECONNRESET once, then end of file); the calls that need
 * a connection, or must not have one, say so. */
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "boot_test.h"
#include "boot_socket.h"

#define SERVER_PATH "/tmp/stream_rules.sock"
#define CLIENT_PATH "/tmp/stream_client.sock"

static volatile sig_atomic_t sigpipes;

static void count_sigpipe(int signal)
{
    (void)signal;
    sigpipes++;
}

static int listening_socket(int backlog)
{
    struct sockaddr_un address;
    socklen_t length = unix_socket_address(&address, SERVER_PATH);
    int server = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK_EQ(0, bind(server, (struct sockaddr *)&address, length), "bind");
    CHECK_EQ(0, listen(server, backlog), "listen");
    return server;
}

static int connected_client(void)
{
    struct sockaddr_un address;
    socklen_t length = unix_socket_address(&address, SERVER_PATH);
    int client = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK_EQ(0, connect(client, (struct sockaddr *)&address, length), "connect");
    return client;
}

static void connect_and_accept_join_two_sockets(void)
{
    int server = listening_socket(4);
    int client = connected_client();
    CHECK_EQ(5, write(client, "early", 5), "writing before accept()");

    struct sockaddr_un peer;
    socklen_t peer_length = sizeof peer;
    int accepted = accept(server, (struct sockaddr *)&peer, &peer_length);
    CHECK(accepted >= 0, "accept: errno %d", errno);
    CHECK_EQ(2, peer_length, "accept's address of an unbound client: just the family");
    char buffer[64] = { 0 };
    CHECK_EQ(5, read(accepted, buffer, sizeof buffer), "reading what came before accept()");
    CHECK(!memcmp(buffer, "early", 5), "the early bytes");

    /* names: the accepted socket takes the listener's; the client has none */
    struct sockaddr_un name;
    socklen_t name_length = sizeof name;
    getsockname(accepted, (struct sockaddr *)&name, &name_length);
    CHECK(!strcmp(name.sun_path, SERVER_PATH), "getsockname(accepted) = \"%s\"", name.sun_path);
    name_length = sizeof name;
    CHECK_EQ(0, getpeername(client, (struct sockaddr *)&name, &name_length), "getpeername(client)");
    CHECK(!strcmp(name.sun_path, SERVER_PATH), "getpeername(client) = \"%s\"", name.sun_path);
    CHECK_EQ((long)(offsetof(struct sockaddr_un, sun_path) + strlen(SERVER_PATH) + 1), name_length,
             "its length: family, path, NUL");

    /* full duplex: each way on its own */
    CHECK_EQ(4, send(client, "ping", 4, 0), "send");
    CHECK_EQ(4, send(accepted, "pong", 4, 0), "send back");
    CHECK_EQ(4, recv(accepted, buffer, sizeof buffer, 0), "recv");
    CHECK(!memcmp(buffer, "ping", 4), "the server reads ping");
    CHECK_EQ(4, recv(client, buffer, sizeof buffer, 0), "recv back");
    CHECK(!memcmp(buffer, "pong", 4), "the client reads pong");

    /* MSG_PEEK leaves the bytes */
    send(client, "peek", 4, 0);
    CHECK_EQ(4, recv(accepted, buffer, sizeof buffer, MSG_PEEK), "recv MSG_PEEK");
    CHECK_EQ(4, recv(accepted, buffer, sizeof buffer, 0), "recv after the peek");
    close(accepted);
    close(client);

    /* a bound client is named in accept() and getpeername() */
    client = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un address;
    socklen_t length = unix_socket_address(&address, CLIENT_PATH);
    bind(client, (struct sockaddr *)&address, length);
    length = unix_socket_address(&address, SERVER_PATH);
    connect(client, (struct sockaddr *)&address, length);
    peer_length = sizeof peer;
    accepted = accept(server, (struct sockaddr *)&peer, &peer_length);
    CHECK(!strcmp(peer.sun_path, CLIENT_PATH), "accept's address of a bound client: \"%s\"", peer.sun_path);
    name_length = sizeof name;
    getpeername(accepted, (struct sockaddr *)&name, &name_length);
    CHECK(!strcmp(name.sun_path, CLIENT_PATH), "getpeername(accepted) = \"%s\"", name.sun_path);

    /* what needs a connection, or must not have one */
    CHECK_ERROR(connect(client, (struct sockaddr *)&address, length), EISCONN);
    CHECK_ERROR(connect(server, (struct sockaddr *)&address, length), EINVAL);
    CHECK_ERROR(sendto(client, "x", 1, 0, (struct sockaddr *)&address, length), EISCONN);
    CHECK_ERROR(listen(accepted, 1), EINVAL);
    int lone = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK_ERROR(send(lone, "x", 1, 0), ENOTCONN);
    CHECK_ERROR(write(lone, "x", 1), ENOTCONN);
    CHECK_ERROR(recv(lone, buffer, 1, 0), EINVAL);
    CHECK_ERROR(sendto(lone, "x", 1, 0, (struct sockaddr *)&address, length), EOPNOTSUPP);
    CHECK_ERROR(recv(server, buffer, 1, 0), EINVAL);
    CHECK_ERROR(send(client, "x", 1, MSG_OOB), EOPNOTSUPP);
    close(lone);
    close(accepted);
    close(client);
    close(server);
    unlink(SERVER_PATH);
    unlink(CLIENT_PATH);
}

static void msg_waitall_waits_for_the_whole_buffer(void)
{
    int pair[2];
    CHECK_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, pair), "socketpair");
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        for (int i = 0; i < 10; i++) {
            send(pair[1], "0123456789", 10, 0);
            usleep(1000);
        }
        _exit(0);
    }
    char buffer[100];
    CHECK_EQ(100, recv(pair[0], buffer, sizeof buffer, MSG_WAITALL), "recv MSG_WAITALL of 100 bytes in tens");
    waitpid(child, NULL, 0);
    close(pair[0]);
    close(pair[1]);
}

static void shutdown_and_close_give_end_of_file_after_the_data(void)
{
    int pair[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
    char buffer[16];
    send(pair[0], "last", 4, 0);
    CHECK_EQ(0, shutdown(pair[0], SHUT_WR), "shutdown SHUT_WR");
    CHECK_EQ(4, recv(pair[1], buffer, sizeof buffer, 0), "the bytes before the shutdown");
    CHECK_EQ(0, recv(pair[1], buffer, sizeof buffer, 0), "then end of file");
    CHECK_EQ(0, read(pair[1], buffer, sizeof buffer), "and end of file again");
    CHECK_EQ(5, send(pair[1], "reply", 5, 0), "the other direction still works");
    CHECK_EQ(5, recv(pair[0], buffer, sizeof buffer, 0), "the shut-down side still reads");
    sigpipes = 0;
    CHECK_ERROR(send(pair[0], "more", 4, 0), EPIPE);
    CHECK_EQ(1, sigpipes, "SIGPIPEs after writing past our own SHUT_WR");
    close(pair[0]);
    close(pair[1]);

    socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
    CHECK_EQ(0, shutdown(pair[1], SHUT_RD), "shutdown SHUT_RD");
    CHECK_ERROR(send(pair[0], "x", 1, MSG_NOSIGNAL), EPIPE);   /* the reader said it will not read */
    close(pair[0]);
    close(pair[1]);

    socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
    send(pair[0], "bye", 3, 0);
    close(pair[0]);
    CHECK_EQ(3, recv(pair[1], buffer, sizeof buffer, 0), "the bytes sent before the close");
    CHECK_EQ(0, recv(pair[1], buffer, sizeof buffer, 0), "then end of file");
    sigpipes = 0;
    CHECK_ERROR(send(pair[1], "x", 1, 0), EPIPE);
    CHECK_EQ(1, sigpipes, "SIGPIPEs writing to a closed peer");
    CHECK_ERROR(send(pair[1], "x", 1, MSG_NOSIGNAL), EPIPE);
    CHECK_EQ(1, sigpipes, "SIGPIPEs with MSG_NOSIGNAL");
    struct sockaddr_un name;
    socklen_t name_length = sizeof name;
    CHECK_EQ(0, getpeername(pair[1], (struct sockaddr *)&name, &name_length), "getpeername after the peer closed");
    close(pair[1]);
}

static void unread_bytes_or_unaccepted_connections_reset_the_peer(void)
{
    int pair[2];
    char buffer[16];
    socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
    send(pair[1], "never read", 10, 0);
    close(pair[0]);                   /* with bytes unread */
    CHECK_ERROR(recv(pair[1], buffer, sizeof buffer, 0), ECONNRESET);
    CHECK_EQ(0, recv(pair[1], buffer, sizeof buffer, 0), "end of file after the reset");
    close(pair[1]);

    int server = listening_socket(4);
    int client = connected_client();
    send(client, "hello?", 6, 0);
    close(server);                    /* never accepted */
    CHECK_ERROR(recv(client, buffer, sizeof buffer, 0), ECONNRESET);
    CHECK_EQ(0, recv(client, buffer, sizeof buffer, 0), "end of file after the reset");
    CHECK_ERROR(send(client, "x", 1, MSG_NOSIGNAL), EPIPE);
    close(client);
    unlink(SERVER_PATH);
}

/* Every case, run in a child by run_cases_checking_leaks (boot_test.h). */
static void cases(void)
{
    connect_and_accept_join_two_sockets();
    msg_waitall_waits_for_the_whole_buffer();
    shutdown_and_close_give_end_of_file_after_the_data();
    unread_bytes_or_unaccepted_connections_reset_the_peer();
}

int main(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = count_sigpipe;
    sigaction(SIGPIPE, &action, NULL);
    run_cases_checking_leaks(cases);
    return test_finish("socket_stream_connections_and_end_of_file");
}

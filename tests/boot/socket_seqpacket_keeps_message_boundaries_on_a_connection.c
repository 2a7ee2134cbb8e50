/* tests/boot/socket_seqpacket_keeps_message_boundaries_on_a_connection.c -
 * AF_UNIX SOCK_SEQPACKET sockets as Linux gives them: a connection (socketpair,
 * or bind, listen, connect, accept; a stream or datagram socket connecting
 * to a seqpacket listener gets EPROTOTYPE) that carries messages: each send
 * arrives as one receive, an empty one too; a smaller buffer gets the
 * start and loses the rest (MSG_TRUNC in msg_flags, or the real length
 * with the MSG_TRUNC flag); FIONREAD counts every queued byte; a read of 0
 * bytes returns 0 at once and takes nothing. Unconnected,
 * send and receive are ENOTCONN; connected, a sendto's address is ignored.
 * A peer that shut down writing gives 0 after what is queued; our own
 * SHUT_WR makes a send EPIPE, without SIGPIPE; a peer that closed with
 * messages unread leaves ECONNRESET for the next call, once. poll says
 * POLLIN for a message or a pending connection, POLLHUP once the peer is
 * gone. Descriptors ride on a message. A full peer makes a non-blocking
 * sender get EAGAIN; a blocking one waits, and 2,000 messages of varied
 * sizes cross a connection between two processes, each once, in order,
 * with its checksum. */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

#include "boot_test.h"
#include "boot_socket.h"

#define LISTENER_PATH "/tmp/seqpacket.sock"
#define MESSAGES 2000

static volatile int pipe_signals;

static void count_sigpipe(int signal_number)
{
    (void)signal_number;
    pipe_signals++;
}

static void make_pair(int pair[2])
{
    CHECK_EQ(0, socketpair(AF_UNIX, SOCK_SEQPACKET, 0, pair), "socketpair(AF_UNIX, SOCK_SEQPACKET)");
}

static void messages_keep_their_boundaries(void)
{
    int pair[2];
    make_pair(pair);
    int type = 0;
    socklen_t length = sizeof type;
    CHECK_EQ(0, getsockopt(pair[0], SOL_SOCKET, SO_TYPE, &type, &length), "SO_TYPE");
    CHECK_EQ(SOCK_SEQPACKET, type, "SO_TYPE of a seqpacket socket");

    const char *sent[] = { "abc", "defgh", "", "ij" };
    for (int i = 0; i < 4; i++)
        CHECK_EQ((long)strlen(sent[i]), send(pair[0], sent[i], strlen(sent[i]), 0), "send");
    int unread = -1;
    CHECK_EQ(0, ioctl(pair[1], FIONREAD, &unread), "FIONREAD");
    CHECK_EQ(10, unread, "FIONREAD: the bytes of every message queued (3 + 5 + 0 + 2)");
    for (int i = 0; i < 4; i++) {
        char buffer[64] = { 0 };
        ssize_t got = recv(pair[1], buffer, sizeof buffer, 0);
        CHECK(got == (ssize_t)strlen(sent[i]) && !strcmp(buffer, sent[i]),
              "message %d: expected \"%s\", got %d bytes \"%s\"", i, sent[i], (int)got, buffer);
    }
    char buffer[64];
    CHECK_ERROR(recv(pair[1], buffer, sizeof buffer, MSG_DONTWAIT), EAGAIN);

    /* a short buffer gets the start; the rest is lost, not the next message */
    send(pair[0], "0123456789", 10, 0);
    send(pair[0], "next", 4, 0);
    struct iovec part = { buffer, 4 };
    struct msghdr message = { 0 };
    message.msg_iov = &part;
    message.msg_iovlen = 1;
    CHECK_EQ(4, recvmsg(pair[1], &message, 0), "recvmsg of a 10-byte message into 4 bytes");
    CHECK(message.msg_flags & MSG_TRUNC, "msg_flags without MSG_TRUNC: %#x", message.msg_flags);
    CHECK_EQ(4, read(pair[1], buffer, sizeof buffer), "read: the next message whole");
    CHECK(!memcmp(buffer, "next", 4), "the next message's bytes");
    send(pair[0], "0123456789", 10, 0);
    CHECK_EQ(10, recv(pair[1], buffer, 2, MSG_TRUNC | MSG_PEEK), "MSG_TRUNC gives the real length");
    CHECK_EQ(10, recv(pair[1], buffer, sizeof buffer, 0), "MSG_PEEK left it queued");

    /* connected: sendto's address is ignored; the sender of a pair has no name */
    struct sockaddr_un nowhere;
    socklen_t nowhere_length = unix_socket_address(&nowhere, "/tmp/no_such_seqpacket.sock");
    CHECK_EQ(1, sendto(pair[0], "z", 1, 0, (struct sockaddr *)&nowhere, nowhere_length),
             "sendto with an address on a connected seqpacket socket");
    struct sockaddr_un from;
    socklen_t from_length = sizeof from;
    CHECK_EQ(1, recvfrom(pair[1], buffer, sizeof buffer, 0, (struct sockaddr *)&from, &from_length), "recvfrom");
    CHECK_EQ(0, from_length, "the address of an unnamed sender");

    /* a read of 0 bytes returns 0 at once and takes nothing */
    CHECK_EQ(0, read(pair[1], buffer, 0), "a read of 0 bytes with nothing queued");
    send(pair[0], "abc", 3, 0);
    CHECK_EQ(0, read(pair[1], buffer, 0), "a read of 0 bytes with a message queued");
    CHECK_EQ(3, recv(pair[1], buffer, sizeof buffer, 0), "the message the read of 0 bytes left");

    /* one message at most SO_SNDBUF's bytes */
    static char huge[1 << 20];
    CHECK_ERROR(send(pair[0], huge, sizeof huge, 0), EMSGSIZE);
    close(pair[0]);
    close(pair[1]);
}

static void unconnected_sockets_and_other_types(void)
{
    int lone = socket(AF_UNIX, SOCK_SEQPACKET, 0);
    CHECK(lone >= 0, "socket(AF_UNIX, SOCK_SEQPACKET): %s", strerror(errno));
    char buffer[8];
    CHECK_ERROR(recv(lone, buffer, sizeof buffer, MSG_DONTWAIT), ENOTCONN);
    CHECK_ERROR(send(lone, "x", 1, 0), ENOTCONN);
    struct sockaddr_un address;
    socklen_t length = unix_socket_address(&address, LISTENER_PATH);
    CHECK_ERROR(sendto(lone, "x", 1, 0, (struct sockaddr *)&address, length), ENOTCONN);
    CHECK_ERROR(listen(lone, 4), EINVAL);    /* not bound */
    struct pollfd watched = { lone, POLLIN | POLLOUT, 0 };
    CHECK_EQ(1, poll(&watched, 1, 0), "poll of an unconnected socket");
    CHECK_EQ(POLLOUT | POLLHUP, watched.revents, "poll of an unconnected seqpacket socket (Linux: 0x14)");
    close(lone);
    CHECK_ERROR(socket(AF_UNIX, SOCK_RDM, 0), ESOCKTNOSUPPORT);
    CHECK_ERROR(socket(AF_UNIX, 15, 0), EINVAL);
    CHECK_ERROR(socket(AF_INET, SOCK_SEQPACKET, 0), ESOCKTNOSUPPORT);
}

static void shutdown_and_close_end_the_connection(void)
{
    signal(SIGPIPE, count_sigpipe);
    int pair[2];
    char buffer[16];

    /* SHUT_WR: our sends EPIPE (no SIGPIPE), the peer reads 0 after what is queued */
    make_pair(pair);
    send(pair[0], "last", 4, 0);
    CHECK_EQ(0, shutdown(pair[0], SHUT_WR), "shutdown(SHUT_WR)");
    CHECK_ERROR(send(pair[0], "x", 1, 0), EPIPE);
    CHECK_EQ(4, recv(pair[1], buffer, sizeof buffer, 0), "a message sent before SHUT_WR");
    CHECK_EQ(0, recv(pair[1], buffer, sizeof buffer, 0), "end of file after the peer's SHUT_WR");
    CHECK_EQ(1, send(pair[1], "y", 1, 0), "the other direction stays open");
    CHECK_EQ(1, recv(pair[0], buffer, sizeof buffer, 0), "receiving at the side that shut down writing");
    close(pair[0]);
    close(pair[1]);

    /* a peer that closed: what it sent is still there, then 0; sends EPIPE */
    make_pair(pair);
    send(pair[0], "bye", 3, 0);
    close(pair[0]);
    CHECK_EQ(3, recv(pair[1], buffer, sizeof buffer, 0), "a message from a peer that closed since");
    CHECK_EQ(0, recv(pair[1], buffer, sizeof buffer, 0), "end of file once the peer closed");
    struct pollfd watched = { pair[1], POLLIN | POLLOUT | POLLRDHUP, 0 };
    poll(&watched, 1, 0);
    CHECK_EQ(POLLIN | POLLOUT | POLLHUP | POLLRDHUP, watched.revents, "poll once the peer is gone (Linux: 0x2015)");
    CHECK_ERROR(send(pair[1], "x", 1, 0), EPIPE);
    close(pair[1]);

    /* a peer that closed with messages unread: ECONNRESET once, to a receive */
    make_pair(pair);
    send(pair[0], "lost", 4, 0);
    close(pair[1]);
    CHECK_ERROR(recv(pair[0], buffer, sizeof buffer, 0), ECONNRESET);
    CHECK_EQ(0, recv(pair[0], buffer, sizeof buffer, 0), "end of file after the reset");
    close(pair[0]);
    /* ... or to a send */
    make_pair(pair);
    send(pair[0], "lost", 4, 0);
    close(pair[1]);
    CHECK_ERROR(send(pair[0], "x", 1, MSG_NOSIGNAL), ECONNRESET);
    CHECK_ERROR(send(pair[0], "x", 1, 0), EPIPE);
    close(pair[0]);
    CHECK_EQ(0, pipe_signals, "SIGPIPEs raised (Linux raises none on a seqpacket socket)");
    signal(SIGPIPE, SIG_DFL);
}

static void a_listener_accepts_seqpacket_connections(void)
{
    int listener = socket(AF_UNIX, SOCK_SEQPACKET, 0);
    struct sockaddr_un address;
    socklen_t length = unix_socket_address(&address, LISTENER_PATH);
    unlink(LISTENER_PATH);
    CHECK_EQ(0, bind(listener, (struct sockaddr *)&address, length), "bind");
    CHECK_EQ(0, listen(listener, 4), "listen");
    struct pollfd watched = { listener, POLLIN | POLLOUT, 0 };
    CHECK_EQ(0, poll(&watched, 1, 0), "poll of a listener with nothing to accept");

    int stream = socket(AF_UNIX, SOCK_STREAM, 0), datagram = socket(AF_UNIX, SOCK_DGRAM, 0);
    CHECK_ERROR(connect(stream, (struct sockaddr *)&address, length), EPROTOTYPE);
    CHECK_ERROR(connect(datagram, (struct sockaddr *)&address, length), EPROTOTYPE);
    close(stream);
    close(datagram);

    int client = socket(AF_UNIX, SOCK_SEQPACKET, 0);
    CHECK_EQ(0, connect(client, (struct sockaddr *)&address, length), "connect");
    CHECK_EQ(1, poll(&watched, 1, 0), "poll of a listener with a connection waiting");
    CHECK_EQ(POLLIN, watched.revents, "a connection to accept is POLLIN");
    CHECK_EQ(5, send(client, "early", 5, 0), "a send before accept()");
    struct sockaddr_un from;
    socklen_t from_length = sizeof from;
    int server = accept(listener, (struct sockaddr *)&from, &from_length);
    CHECK(server >= 0, "accept: %s", strerror(errno));
    CHECK_EQ((socklen_t)offsetof(struct sockaddr_un, sun_path), from_length, "an unbound client's address");
    int type = 0;
    socklen_t type_length = sizeof type;
    getsockopt(server, SOL_SOCKET, SO_TYPE, &type, &type_length);
    CHECK_EQ(SOCK_SEQPACKET, type, "the accepted socket's type");
    char buffer[32] = { 0 };
    CHECK_EQ(5, recv(server, buffer, sizeof buffer, 0), "the message sent before accept()");
    CHECK_EQ(2, send(server, "hi", 2, 0), "the server's reply");
    from_length = sizeof from;
    CHECK_EQ(2, recvfrom(client, buffer, sizeof buffer, 0, (struct sockaddr *)&from, &from_length), "recvfrom");
    CHECK(!strcmp(from.sun_path, LISTENER_PATH), "the reply's sender: \"%s\"", from.sun_path);

    /* a descriptor rides on a message */
    int fds[2];
    CHECK_EQ(0, pipe(fds), "pipe");
    CHECK_EQ(1, send_descriptor(client, fds[1]), "sendmsg with SCM_RIGHTS");
    close(fds[1]);
    int passed = receive_descriptor(server);
    CHECK(passed >= 0, "no descriptor came with the message");
    CHECK_EQ(3, write(passed, "via", 3), "write through the passed descriptor");
    close(passed);
    CHECK_EQ(3, read(fds[0], buffer, sizeof buffer), "read what the passed descriptor wrote");
    close(fds[0]);

    /* a full peer: EAGAIN; every message queued then arrives */
    int queued = 0;
    while (queued < 100000 && send(client, &queued, sizeof queued, MSG_DONTWAIT) == sizeof queued)
        queued++;
    CHECK(errno == EAGAIN && queued > 0, "the send after %d messages: errno %d (expected EAGAIN)", queued, errno);
    for (int i = 0; i < queued; i++) {
        int value = -1;
        CHECK_EQ((long)sizeof value, recv(server, &value, sizeof value, MSG_DONTWAIT), "recv a queued message");
        CHECK_EQ(i, value, "queued messages in order");
    }
    CHECK_ERROR(recv(server, buffer, sizeof buffer, MSG_DONTWAIT), EAGAIN);
    close(server);
    close(client);
    close(listener);
    unlink(LISTENER_PATH);
}

static unsigned checksum(const unsigned char *bytes, int size)
{
    unsigned sum = 0;
    for (int i = 0; i < size; i++)
        sum = sum * 31 + bytes[i];
    return sum;
}

/* Message i: its size (i * 37 % 3000, 0 included), its bytes from i. */
static int fill_message(int i, unsigned char *bytes)
{
    int size = i * 37 % 3000;
    for (int j = 0; j < size; j++)
        bytes[j] = (unsigned char)(i + j * 7);
    return size;
}

/* A child sends MESSAGES messages of varied sizes over a connection, then
 * the checksum of all of them; the parent, reading them one receive each,
 * finds every size and byte, in order. */
static void messages_cross_between_processes_once(void)
{
    int pair[2];
    make_pair(pair);
    pid_t child = fork();
    CHECK(child >= 0, "fork: %s", strerror(errno));
    if (child == 0) {
        close(pair[1]);
        static unsigned char bytes[3000];
        unsigned sum = 0;
        for (int i = 0; i < MESSAGES; i++) {
            int size = fill_message(i, bytes);
            if (send(pair[0], bytes, size, 0) != size)
                _exit(1);
            sum = sum * 17 + checksum(bytes, size);
        }
        _exit(send(pair[0], &sum, sizeof sum, 0) == sizeof sum ? 0 : 2);
    }
    close(pair[0]);
    static unsigned char expected[3000], got[4000];
    unsigned sum = 0;
    int wrong = 0;
    for (int i = 0; i < MESSAGES; i++) {
        int size = fill_message(i, expected);
        ssize_t received = recv(pair[1], got, sizeof got, 0);
        if (received != size || memcmp(got, expected, size)) {
            wrong++;
            continue;
        }
        sum = sum * 17 + checksum(got, size);
    }
    CHECK_EQ(0, wrong, "messages that came with another size or other bytes");
    unsigned sent_sum = 0;
    CHECK_EQ((long)sizeof sent_sum, recv(pair[1], &sent_sum, sizeof sent_sum, 0), "the sender's checksum");
    CHECK_EQ(sent_sum, sum, "the checksum of every message");
    char end;
    CHECK_EQ(0, recv(pair[1], &end, 1, 0), "end of file once the sender exited");
    int status;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the sender's status %#x", status);
    close(pair[1]);
}

static void cases(void)
{
    messages_keep_their_boundaries();
    unconnected_sockets_and_other_types();
    shutdown_and_close_end_the_connection();
    a_listener_accepts_seqpacket_connections();
    messages_cross_between_processes_once();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("socket_seqpacket_keeps_message_boundaries_on_a_connection");
}

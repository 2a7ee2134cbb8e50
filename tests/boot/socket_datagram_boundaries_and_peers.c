/* tests/boot/socket_datagram_boundaries_and_peers.c - datagram sockets as
 * Linux's AF_UNIX gives them: each datagram arrives whole and alone (a
 * smaller buffer gets its start, the rest is lost; MSG_TRUNC tells the
 * real length; an empty datagram is one too), with its sender's name (or
 * an address of length 0 for an unbound sender); sendto() finds the
 * receiver by path (ENOENT without a node, ECONNREFUSED when nobody is
 * bound there); connect() sets a default peer (ENOTCONN without one;
 * AF_UNSPEC forgets it), and a socket connected to a peer takes datagrams
 * from that peer only (EPERM); a peer that closed refuses once
 * (ECONNREFUSED), then the socket is unconnected; a full receiver (16
 * datagrams, or SO_SNDBUF's bytes: two datagrams of half of it) makes a
 * sender wait (EAGAIN if non-blocking); SHUT_RD ends receiving (0) and
 * sending to it (EPIPE). */
#include <fcntl.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "boot_test.h"
#include "boot_socket.h"
#include "boot_wait.h"

#define A_PATH "/tmp/dgram_a.sock"
#define B_PATH "/tmp/dgram_b.sock"
#define C_PATH "/tmp/dgram_c.sock"

static ssize_t send_to_path(int fd, const void *data, size_t size, const char *path)
{
    struct sockaddr_un address;
    socklen_t length = unix_socket_address(&address, path);
    return sendto(fd, data, size, 0, (struct sockaddr *)&address, length);
}

static void datagrams_keep_their_boundaries_and_senders(void)
{
    int a = bound_datagram_socket(A_PATH), b = bound_datagram_socket(B_PATH);
    const char *sent[] = { "one", "two!!", "", "three" };
    for (int i = 0; i < 4; i++)
        CHECK_EQ((long)strlen(sent[i]), send_to_path(a, sent[i], strlen(sent[i]), B_PATH), "sendto");
    for (int i = 0; i < 4; i++) {
        char buffer[64] = { 0 };
        struct sockaddr_un from;
        socklen_t from_length = sizeof from;
        ssize_t got = recvfrom(b, buffer, sizeof buffer, 0, (struct sockaddr *)&from, &from_length);
        CHECK(got == (ssize_t)strlen(sent[i]) && !strcmp(buffer, sent[i]),
              "datagram %d: expected \"%s\", got %d bytes \"%s\"", i, sent[i], (int)got, buffer);
        CHECK(!strcmp(from.sun_path, A_PATH), "datagram %d's sender: \"%s\"", i, from.sun_path);
        CHECK_EQ((long)(offsetof(struct sockaddr_un, sun_path) + strlen(A_PATH) + 1), from_length,
                 "the sender's address length");
    }

    /* an unbound sender has no name: address length 0 */
    int unbound = socket(AF_UNIX, SOCK_DGRAM, 0);
    send_to_path(unbound, "anon", 4, B_PATH);
    struct sockaddr_un from;
    socklen_t from_length = sizeof from;
    char buffer[64];
    CHECK_EQ(4, recvfrom(b, buffer, sizeof buffer, 0, (struct sockaddr *)&from, &from_length), "recvfrom");
    CHECK_EQ(0, from_length, "address length of an unbound sender");
    close(unbound);

    /* a short buffer loses the rest of the datagram, not the next one */
    send_to_path(a, "0123456789", 10, B_PATH);
    send_to_path(a, "next", 4, B_PATH);
    CHECK_EQ(4, recv(b, buffer, 4, 0), "a 10-byte datagram into 4 bytes");
    CHECK_EQ(4, recv(b, buffer, sizeof buffer, 0), "the next datagram whole");
    CHECK(!memcmp(buffer, "next", 4), "the next datagram's bytes");
    send_to_path(a, "0123456789", 10, B_PATH);
    CHECK_EQ(10, recv(b, buffer, 2, MSG_TRUNC | MSG_PEEK), "MSG_TRUNC gives the real length");
    CHECK_EQ(10, recv(b, buffer, sizeof buffer, 0), "MSG_PEEK left it queued");

    /* too long; nobody there */
    static char huge[1 << 20];
    CHECK_ERROR(send_to_path(a, huge, sizeof huge, B_PATH), EMSGSIZE);
    CHECK_ERROR(send_to_path(a, "x", 1, "/tmp/no_such.sock"), ENOENT);
    close(b);
    CHECK_ERROR(send_to_path(a, "x", 1, B_PATH), ECONNREFUSED);
    close(a);
    unlink(A_PATH);
    unlink(B_PATH);
}

static void connect_sets_the_default_peer(void)
{
    int a = bound_datagram_socket(A_PATH), b = bound_datagram_socket(B_PATH), c = bound_datagram_socket(C_PATH);
    char buffer[16];
    CHECK_ERROR(send(a, "x", 1, 0), ENOTCONN);
    CHECK_ERROR(write(a, "x", 1), ENOTCONN);
    struct sockaddr_un address;
    socklen_t length = unix_socket_address(&address, B_PATH);
    CHECK_EQ(0, connect(a, (struct sockaddr *)&address, length), "connect to B");
    CHECK_EQ(3, send(a, "via", 3, 0), "send to the default peer");
    CHECK_EQ(5, write(a, "write", 5), "write to the default peer");
    CHECK_EQ(3, read(b, buffer, sizeof buffer), "read: one datagram");
    CHECK_EQ(5, read(b, buffer, sizeof buffer), "read: the next");
    struct sockaddr_un peer;
    socklen_t peer_length = sizeof peer;
    CHECK_EQ(0, getpeername(a, (struct sockaddr *)&peer, &peer_length), "getpeername");
    CHECK(!strcmp(peer.sun_path, B_PATH), "the peer: \"%s\"", peer.sun_path);

    /* B connected to A takes datagrams from A only */
    length = unix_socket_address(&address, A_PATH);
    connect(b, (struct sockaddr *)&address, length);
    CHECK_ERROR(send_to_path(c, "x", 1, B_PATH), EPERM);
    CHECK_EQ(1, send(a, "y", 1, 0), "A may still send to B");
    recv(b, buffer, sizeof buffer, 0);
    struct sockaddr unspecified = { .sa_family = AF_UNSPEC };
    CHECK_EQ(0, connect(b, &unspecified, sizeof unspecified), "connect AF_UNSPEC");
    CHECK_EQ(1, send_to_path(c, "z", 1, B_PATH), "after AF_UNSPEC, anyone may send to B");
    CHECK_ERROR(send(b, "x", 1, 0), ENOTCONN);
    recv(b, buffer, sizeof buffer, 0);

    /* the default peer closes: refused once, then not connected */
    close(b);
    CHECK_ERROR(send(a, "x", 1, 0), ECONNREFUSED);
    CHECK_ERROR(send(a, "x", 1, 0), ENOTCONN);
    close(a);
    close(c);
    unlink(A_PATH);
    unlink(B_PATH);
    unlink(C_PATH);

    /* socketpair: each the other's default peer */
    int pair[2];
    CHECK_EQ(0, socketpair(AF_UNIX, SOCK_DGRAM, 0, pair), "socketpair SOCK_DGRAM");
    send(pair[0], "ab", 2, 0);
    send(pair[0], "cde", 3, 0);
    CHECK_EQ(2, recv(pair[1], buffer, sizeof buffer, 0), "first datagram of the pair");
    CHECK_EQ(3, recv(pair[1], buffer, sizeof buffer, 0), "second datagram of the pair");
    CHECK_EQ(1, send(pair[1], "f", 1, 0), "the other way");
    CHECK_EQ(1, recv(pair[0], buffer, sizeof buffer, 0), "received the other way");
    close(pair[0]);
    close(pair[1]);
}

static void a_full_receiver_makes_senders_wait(void)
{
    int b = bound_datagram_socket(B_PATH);
    int a = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    char buffer[16];
    CHECK_ERROR(recv(b, buffer, sizeof buffer, MSG_DONTWAIT), EAGAIN);
    int queued = 0;
    while (send_to_path(a, &queued, sizeof queued, B_PATH) == sizeof queued)
        queued++;
    CHECK(errno == EAGAIN && queued > 0, "a full receiver: %d queued, then errno %d (expected EAGAIN)", queued, errno);

    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {                 /* a blocking sender waits for room */
        int sender = socket(AF_UNIX, SOCK_DGRAM, 0);
        int value = 1000;
        _exit(send_to_path(sender, &value, sizeof value, B_PATH) == sizeof value ? 0 : 1);
    }
    CHECK(wait_until_blocked(child, "sendto: full"), "the blocking sender did not wait");
    int value = -1, wrong = 0;
    for (int i = 0; i < queued; i++)
        if (recv(b, &value, sizeof value, 0) != sizeof value || value != i)
            wrong++;
    CHECK_EQ(0, wrong, "datagrams missing or out of order");
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the waiting sender: status 0x%x", status);
    CHECK_EQ((long)sizeof value, recv(b, &value, sizeof value, 0), "the waiting sender's datagram");
    CHECK_EQ(1000, value, "its value");

    /* SHUT_RD: receiving ends, sending to it fails */
    CHECK_EQ(0, shutdown(b, SHUT_RD), "shutdown SHUT_RD");
    CHECK_EQ(0, recv(b, buffer, sizeof buffer, 0), "recv after SHUT_RD");
    CHECK_ERROR(send_to_path(a, "x", 1, B_PATH), EPIPE);
    close(a);
    close(b);
    unlink(B_PATH);
}

/* Bytes count too: with datagrams of half of SO_SNDBUF, two fit and the
 * third waits, as Linux counts a sender's bytes in flight. */
static void big_datagrams_fill_the_receiver_sooner(void)
{
    int pair[2];
    CHECK_EQ(0, socketpair(AF_UNIX, SOCK_DGRAM, 0, pair), "socketpair");
    int size = 0;
    socklen_t length = sizeof size;
    CHECK_EQ(0, getsockopt(pair[0], SOL_SOCKET, SO_SNDBUF, &size, &length), "SO_SNDBUF");
    static char half[1 << 18];
    int piece = size / 2 < (int)sizeof half ? size / 2 : (int)sizeof half;
    int sent = 0;
    while (sent < 64 && send(pair[0], half, piece, MSG_DONTWAIT) == piece)
        sent++;
    CHECK(errno == EAGAIN, "the send after %d of %d bytes: errno %d (expected EAGAIN)", sent, piece, errno);
    CHECK_EQ(2, sent, "datagrams of half of SO_SNDBUF that fit (Linux 6.18: 2 of 106,496 bytes)");
    close(pair[0]);
    close(pair[1]);
}

static void cases(void)
{
    datagrams_keep_their_boundaries_and_senders();
    connect_sets_the_default_peer();
    a_full_receiver_makes_senders_wait();
    big_datagrams_fill_the_receiver_sooner();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("socket_datagram_boundaries_and_peers");
}

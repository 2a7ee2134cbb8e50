/* A local socket added to an epoll set before connect() watches the
 * queues of the peer it connects to later: with the peer's buffer full
 * it is not writable, and once another process drains it EPOLLOUT comes
 * (Linux re-asks the socket's poll; here connect re-makes the entry's
 * watches). Stream and datagram; nothing leaks. */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

#include "boot_test.h"

/* An abstract address "\0epoll_peer_<letter>" of its own. */
static socklen_t make_address(struct sockaddr_un *address, char letter)
{
    memset(address, 0, sizeof *address);
    address->sun_family = AF_UNIX;
    memcpy(address->sun_path, "\0epoll_peer_", 12);
    address->sun_path[12] = letter;
    return offsetof(struct sockaddr_un, sun_path) + 13;
}

/* `sender` is in `epfd` for EPOLLOUT and its peer's buffer is full: not
 * writable now; a child reads `bytes` from `reader` after a while; the
 * wait must see EPOLLOUT. */
static void writable_after_drain(int epfd, int sender, int reader, long bytes, int datagrams)
{
    struct epoll_event got;
    CHECK_EQ(0, epoll_wait(epfd, &got, 1, 0), "not writable while the peer is full");
    pid_t child = fork();
    if (child == 0) {
        usleep(100000);
        char buffer[4096];
        long drained = 0;
        while (drained < bytes) {
            ssize_t n = read(reader, buffer, datagrams ? 1 : sizeof buffer);
            if (n <= 0)
                _exit(1);
            drained += datagrams ? 1 : n;
        }
        _exit(0);
    }
    CHECK_EQ(1, epoll_wait(epfd, &got, 1, 5000), "EPOLLOUT once drained");
    CHECK(got.events & EPOLLOUT, "events 0x%x", got.events);
    CHECK_EQ(sender, got.data.fd, "the sender's entry");
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the reader: status 0x%x", status);
}

static void stream_connect(void)
{
    struct sockaddr_un address;
    socklen_t length = make_address(&address, 's');
    int listener = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK_EQ(0, bind(listener, (struct sockaddr *)&address, length), "bind");
    CHECK_EQ(0, listen(listener, 4), "listen");
    int client = socket(AF_UNIX, SOCK_STREAM, 0);
    int epfd = epoll_create1(0);
    struct epoll_event event = { EPOLLOUT, { .fd = client } };
    CHECK_EQ(0, epoll_ctl(epfd, EPOLL_CTL_ADD, client, &event), "add before connect");
    CHECK_EQ(0, connect(client, (struct sockaddr *)&address, length), "connect");
    int server = accept(listener, 0, 0);
    CHECK(server >= 0, "accept");
    CHECK_EQ(0, fcntl(client, F_SETFL, O_NONBLOCK), "O_NONBLOCK");
    static char buffer[4096];
    long total = 0;
    ssize_t n;
    while ((n = write(client, buffer, sizeof buffer)) > 0)
        total += n;
    CHECK_EQ(EAGAIN, errno, "the peer's buffer full");
    writable_after_drain(epfd, client, server, total, 0);
    close(epfd);
    close(server);
    close(client);
    close(listener);
}

static void datagram_connect(void)
{
    struct sockaddr_un address;
    socklen_t length = make_address(&address, 'd');
    int receiver = socket(AF_UNIX, SOCK_DGRAM, 0);
    CHECK_EQ(0, bind(receiver, (struct sockaddr *)&address, length), "bind");
    int sender = socket(AF_UNIX, SOCK_DGRAM, 0);
    int epfd = epoll_create1(0);
    struct epoll_event event = { EPOLLOUT, { .fd = sender } };
    CHECK_EQ(0, epoll_ctl(epfd, EPOLL_CTL_ADD, sender, &event), "add before connect");
    CHECK_EQ(0, connect(sender, (struct sockaddr *)&address, length), "connect");
    long sent = 0;
    while (send(sender, "d", 1, MSG_DONTWAIT) == 1 && sent < 100000)
        sent++;
    CHECK_EQ(EAGAIN, errno, "the receiver's queue full");
    writable_after_drain(epfd, sender, receiver, sent, 1);
    close(epfd);
    close(sender);
    close(receiver);
}

static void cases(void)
{
    stream_connect();
    datagram_connect();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("epoll_sees_the_peer_a_socket_connects_to_after_the_add");
}

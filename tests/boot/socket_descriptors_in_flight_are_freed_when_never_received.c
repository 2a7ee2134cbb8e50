/* A descriptor sent with SCM_RIGHTS is held by its message while it is
 * in flight. If nobody receives it (the receiving socket is closed, its
 * process exits, the socket goes with messages queued, or the message
 * carries the socket's own descriptor round in a cycle), everything it
 * held is freed: the counters come back. On Linux the counters read
 * zero (tests/linux/kernel.h): there the test shows the calls succeed. */
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "boot_socket.h"
#include "boot_test.h"

/* The receiving end closes with the message queued. */
static void receiver_closes(int type)
{
    int pair[2], fds[2];
    socketpair(AF_UNIX, type, 0, pair);
    pipe(fds);
    CHECK_EQ(1, send_descriptor(pair[0], fds[0]), "sendmsg");
    close(fds[0]);
    close(fds[1]);
    close(pair[1]);                   /* the pipe's read end is only in flight now */
    close(pair[0]);
}

/* The receiving process exits before receiving. */
static void receiver_exits(void)
{
    int pair[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
    pid_t child = fork();
    if (child == 0) {
        close(pair[0]);
        char c;
        read(pair[1], &c, 1);         /* the parent's go: exit without taking the message */
        _exit(0);
    }
    close(pair[1]);
    int fd = open("/tmp", O_RDONLY);
    CHECK_EQ(1, send_descriptor(pair[0], fd), "sendmsg to a process that will exit");
    close(fd);
    waitpid(child, NULL, 0);
    close(pair[0]);
}

/* A socket's own peer travels over the pair and every descriptor closes:
 * the message holds the socket that holds the message. */
static void cycle_through_the_peer(int type, int close_receiver_first)
{
    int pair[2];
    socketpair(AF_UNIX, type, 0, pair);
    CHECK_EQ(1, send_descriptor(pair[0], pair[1]), "sendmsg of the receiver's own descriptor");
    CHECK_EQ(1, send_descriptor(pair[1], pair[0]), "and the sender's, the other way");
    if (close_receiver_first) {
        close(pair[1]);
        close(pair[0]);
    } else {
        close(pair[0]);
        close(pair[1]);
    }
}

/* A socket sent over itself (a datagram socket to itself). */
static void cycle_through_itself(void)
{
    int pair[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, pair);
    int fd = dup(pair[1]);
    CHECK_EQ(1, send_descriptor(pair[0], fd), "sendmsg of the socket the message waits in");
    close(fd);
    close(pair[1]);
    close(pair[0]);
}

/* A descriptor received, then its socket closed: nothing in flight. */
static void received_then_closed(void)
{
    int pair[2], fds[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, pair);
    pipe(fds);
    send_descriptor(pair[0], fds[1]);
    char buffer[4], control[CMSG_SPACE(sizeof(int))];
    struct iovec data = { buffer, sizeof buffer };
    struct msghdr message = { 0 };
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    CHECK_EQ(1, recvmsg(pair[1], &message, MSG_PEEK), "recvmsg with MSG_PEEK");
    struct cmsghdr *header = CMSG_FIRSTHDR(&message);
    int peeked = -1;
    if (header && header->cmsg_type == SCM_RIGHTS)
        memcpy(&peeked, CMSG_DATA(header), sizeof peeked);
    CHECK(peeked >= 0, "a peek gives a descriptor too (Linux)");
    close(peeked);
    message.msg_controllen = sizeof control;
    CHECK_EQ(1, recvmsg(pair[1], &message, 0), "recvmsg");
    header = CMSG_FIRSTHDR(&message);
    int received = -1;
    if (header && header->cmsg_type == SCM_RIGHTS)
        memcpy(&received, CMSG_DATA(header), sizeof received);
    CHECK(received >= 0, "the descriptor came");
    CHECK_EQ(1, write(received, "w", 1), "the received write end writes the pipe");
    char c;
    CHECK(read(fds[0], &c, 1) == 1 && c == 'w', "the byte came through the pipe");
    close(received);
    close(fds[0]);
    close(fds[1]);
    close(pair[0]);
    close(pair[1]);
}

int main(void)
{
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_warm_up(tasks);
    receiver_closes(SOCK_STREAM);
    receiver_closes(SOCK_DGRAM);
    receiver_exits();
    cycle_through_the_peer(SOCK_STREAM, 0);
    cycle_through_the_peer(SOCK_STREAM, 1);
    cycle_through_the_peer(SOCK_DGRAM, 0);
    cycle_through_itself();
    received_then_closed();
    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("socket_descriptors_in_flight_are_freed_when_never_received");
}

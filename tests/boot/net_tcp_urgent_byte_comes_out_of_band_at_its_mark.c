/* tests/boot/net_tcp_urgent_byte_comes_out_of_band_at_its_mark.c - TCP's
 * urgent data (kernel/net/tcp_urgent.c), as Linux gives it:
 *  - send("!", MSG_OOB) between "abc" and "def": the receiver's poll
 *    says POLLPRI (select: an exception); a read stops at the mark after "abc", where sockatmark says
 *    1; recv(MSG_OOB | MSG_PEEK) and recv(MSG_OOB) take '!' (then
 *    EINVAL); a peek and a read at the mark skip it: "def";
 *  - a read that goes past the mark without MSG_OOB loses the byte
 *    (EINVAL after); with SO_OOBINLINE the byte is read in the stream
 *    ("!def") and MSG_OOB is EINVAL;
 *  - a newer urgent byte replaces the older, which is read as data;
 *  - SIGURG reaches the owner set by F_SETOWN; a process blocked in read
 *    is interrupted, its handler takes the byte with MSG_OOB, and its
 *    read then gets the bytes after it;
 *  - FIONREAD counts the bytes before the mark (every byte in line);
 *  - a UDP send with MSG_OOB is EOPNOTSUPP (its receive ignores the
 *    flag), sockatmark of a UDP socket or a pipe
 *    ENOTTY, recv(MSG_OOB) without urgent data EINVAL, on a listener
 *    ENOTCONN.
 * Passes on Linux too (tools/linux-check). */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/wait.h>

#include "boot_test.h"
#include "boot_net.h"

static int unread(int fd)
{
    int count = -1;
    CHECK_EQ(0, ioctl(fd, FIONREAD, &count), "FIONREAD");
    return count;
}

/* FIONREAD counts the bytes before the urgent mark: wait, bounded, for `count`. */
static void wait_for_bytes(int fd, int count)
{
    for (int i = 0; i < 100 && unread(fd) < count; i++)
        usleep(20000);
    CHECK_EQ(count, unread(fd), "bytes arrived");
}

static void wait_for_urgent_byte(int fd)
{
    struct pollfd asked = { fd, POLLPRI, 0 };
    CHECK_EQ(1, poll(&asked, 1, 2000), "poll: the urgent byte came");
}

/* A connection whose client sends each send at once (no Nagle). */
static void connected(int *client, int *accepted)
{
    int on = 1;
    tcp_pair(client, accepted);
    CHECK_EQ(0, setsockopt(*client, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on), "TCP_NODELAY");
}

static void send_with_urgent_byte(int client, const char *before, char urgent, const char *after)
{
    CHECK_EQ((ssize_t)strlen(before), send(client, before, strlen(before), 0), "send before");
    CHECK_EQ(1, send(client, &urgent, 1, MSG_OOB), "send MSG_OOB");
    CHECK_EQ((ssize_t)strlen(after), send(client, after, strlen(after), 0), "send after");
}

static void expect_read(int fd, int flags, const char *expected)
{
    char buffer[32];
    memset(buffer, 0, sizeof buffer);
    ssize_t got = recv(fd, buffer, sizeof buffer - 1, flags);
    CHECK(got == (ssize_t)strlen(expected) && strcmp(buffer, expected) == 0, "recv(%#x): '%s' (%zd), not '%s'",
          flags, buffer, got, expected);
}

static void out_of_band_at_the_mark(void)
{
    int client, accepted;
    connected(&client, &accepted);
    send_with_urgent_byte(client, "abc", '!', "def");
    wait_for_urgent_byte(accepted);
    CHECK_EQ(3, unread(accepted), "FIONREAD: the bytes before the mark");
    struct pollfd asked = { accepted, POLLIN | POLLPRI, 0 };
    CHECK_EQ(1, poll(&asked, 1, 0), "poll");
    CHECK_EQ(POLLIN | POLLPRI, asked.revents & (POLLIN | POLLPRI), "readable, and urgent data");
    fd_set exceptional;
    FD_ZERO(&exceptional);
    FD_SET(accepted, &exceptional);
    struct timeval now = { 0, 0 };
    CHECK_EQ(1, select(accepted + 1, NULL, NULL, &exceptional, &now), "select: an exception");
    CHECK_EQ(0, sockatmark(accepted), "not at the mark yet");

    expect_read(accepted, 0, "abc");                     /* stops at the mark */
    CHECK_EQ(1, sockatmark(accepted), "at the mark");
    CHECK_EQ(0, unread(accepted), "FIONREAD at the mark");
    expect_read(accepted, MSG_OOB | MSG_PEEK, "!");
    expect_read(accepted, MSG_OOB, "!");
    char byte;
    CHECK_ERROR(recv(accepted, &byte, 1, MSG_OOB), EINVAL);   /* taken */
    asked.revents = 0;
    poll(&asked, 1, 0);
    CHECK_EQ(POLLIN, asked.revents & (POLLIN | POLLPRI), "no urgent data left");
    CHECK_EQ(1, sockatmark(accepted), "still at the mark");
    expect_read(accepted, MSG_PEEK, "def");              /* the urgent byte is not in the stream */
    expect_read(accepted, 0, "def");
    CHECK_EQ(0, sockatmark(accepted), "past the mark");
    CHECK_EQ(0, unread(accepted), "nothing left");

    /* read past the mark without MSG_OOB: the byte is gone */
    send_with_urgent_byte(client, "abc", '?', "def");
    wait_for_urgent_byte(accepted);
    expect_read(accepted, 0, "abc");
    expect_read(accepted, 0, "def");
    CHECK_ERROR(recv(accepted, &byte, 1, MSG_OOB), EINVAL);
    close(client);
    close(accepted);
}

static void in_line(void)
{
    int client, accepted, on = 1, value = 0;
    connected(&client, &accepted);
    CHECK_EQ(0, setsockopt(accepted, SOL_SOCKET, SO_OOBINLINE, &on, sizeof on), "SO_OOBINLINE");
    socklen_t length = sizeof value;
    CHECK_EQ(0, getsockopt(accepted, SOL_SOCKET, SO_OOBINLINE, &value, &length), "getsockopt");
    CHECK_EQ(1, value, "SO_OOBINLINE is on");
    send_with_urgent_byte(client, "abc", '!', "def");
    wait_for_urgent_byte(accepted);                      /* POLLPRI in line too, as Linux says */
    wait_for_bytes(accepted, 7);                         /* in line, FIONREAD counts every byte */
    expect_read(accepted, 0, "abc");
    CHECK_EQ(1, sockatmark(accepted), "the mark, in line too");
    char byte;
    CHECK_ERROR(recv(accepted, &byte, 1, MSG_OOB), EINVAL);
    expect_read(accepted, 0, "!def");
    CHECK_EQ(0, sockatmark(accepted), "past the mark");
    close(client);
    close(accepted);
}

static void a_newer_byte_replaces_the_older(void)
{
    int client, accepted;
    connected(&client, &accepted);
    send_with_urgent_byte(client, "a", 'X', "b");
    CHECK_EQ(1, send(client, "Y", 1, MSG_OOB), "a second urgent byte");
    wait_for_bytes(accepted, 3);                         /* "aXb" before the newer mark */
    expect_read(accepted, 0, "aXb");                     /* the older one is data now */
    CHECK_EQ(1, sockatmark(accepted), "at the newer mark");
    expect_read(accepted, MSG_OOB, "Y");
    close(client);
    close(accepted);
}

static volatile sig_atomic_t urgent_signals;
static volatile char taken_in_handler;
static int watched;

static void on_sigurg(int signal)
{
    (void)signal;
    urgent_signals++;
    char byte;
    if (recv(watched, &byte, 1, MSG_OOB) == 1)
        taken_in_handler = byte;
}

static void sigurg_to_the_owner(void)
{
    int client, accepted;
    tcp_pair(&client, &accepted);
    watched = accepted;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_sigurg;                       /* no SA_RESTART: the read says EINTR */
    CHECK_EQ(0, sigaction(SIGURG, &action, NULL), "sigaction");
    CHECK_EQ(0, fcntl(accepted, F_SETOWN, getpid()), "F_SETOWN");

    pid_t child = fork();
    CHECK(child >= 0, "fork: %s", strerror(errno));
    if (child == 0) {
        close(accepted);
        usleep(100000);                                  /* the parent is in read by then */
        send(client, "!", 1, MSG_OOB);
        usleep(100000);
        send(client, "after", 5, 0);
        close(client);
        _exit(0);
    }
    close(client);
    char collected[32] = "";
    size_t length = 0;
    int interrupted = 0;
    for (int i = 0; i < 20; i++) {
        ssize_t got = read(accepted, collected + length, sizeof collected - 1 - length);
        if (got < 0 && errno == EINTR) {
            interrupted++;
            continue;
        }
        CHECK(got >= 0, "read: %s", strerror(errno));
        if (got <= 0)
            break;
        length += (size_t)got;
    }
    collected[length] = 0;
    int status;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
    CHECK_EQ(1, urgent_signals, "one SIGURG");
    CHECK_EQ('!', taken_in_handler, "the handler took the urgent byte");
    CHECK(interrupted >= 1, "the blocked read was interrupted (%d)", interrupted);
    CHECK(strcmp(collected, "after") == 0, "the reader got '%s', not 'after'", collected);
    signal(SIGURG, SIG_DFL);
    close(accepted);
}

static void wrong_uses(void)
{
    char byte;
    unsigned short port = 0;
    int receiver = loopback_socket(SOCK_DGRAM, 0, &port);
    CHECK_ERROR(recv(receiver, &byte, 1, MSG_OOB | MSG_DONTWAIT), EAGAIN);   /* UDP reads as without it */
    struct sockaddr_in to;
    socklen_t length = loopback_address(&to, port);
    CHECK_ERROR(sendto(receiver, "x", 1, MSG_OOB, (struct sockaddr *)&to, length), EOPNOTSUPP);
    CHECK_ERROR(sockatmark(receiver), ENOTTY);
    close(receiver);

    int ends[2];
    CHECK_EQ(0, pipe(ends), "pipe");
    CHECK_ERROR(sockatmark(ends[0]), ENOTTY);
    close(ends[0]);
    close(ends[1]);

    int listener = tcp_listener(1, &port);
    CHECK_ERROR(recv(listener, &byte, 1, MSG_OOB), ENOTCONN);
    CHECK_EQ(0, sockatmark(listener), "a listener is at no mark");
    close(listener);

    int client, accepted;
    tcp_pair(&client, &accepted);
    CHECK_ERROR(recv(accepted, &byte, 1, MSG_OOB), EINVAL);    /* no urgent data */
    CHECK_EQ(0, sockatmark(accepted), "no mark");
    close(client);
    close(accepted);
}

int main(void)
{
    out_of_band_at_the_mark();
    in_line();
    a_newer_byte_replaces_the_older();
    sigurg_to_the_owner();
    wrong_uses();
    return test_finish("net_tcp_urgent_byte_comes_out_of_band_at_its_mark");
}

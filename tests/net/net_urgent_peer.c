/* tests/net/net_urgent_peer.c - the guest's side of the host test of TCP's
 * urgent data (tests/net/user_network_test.py): another TCP, the host's,
 * reads our urgent pointer and we read its.
 *
 *   net_urgent_peer PORT   takes one connection on PORT; reads it to its
 *                          end, taking the urgent byte with MSG_OOB when
 *                          SIGURG says it came; says
 *                            "received 'abcdef', urgent '!' after 3 bytes";
 *                          then sends "ABC", '?' with MSG_OOB and "DEF",
 *                          says "sent", and closes.
 *
 * It says "listening urgent PORT" once it listens. A read that reaches
 * the mark while SIGURG is pending ends with EINTR (the handler runs
 * first, as on Linux), so the byte is taken before the read skips it. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static volatile sig_atomic_t urgent_came;

static void on_sigurg(int signal)
{
    (void)signal;
    urgent_came = 1;
}

static void fail(const char *what)
{
    printf("net_urgent_peer: %s: %s\n", what, strerror(errno));
    exit(1);
}

static int accept_one(int port)
{
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    if (listener < 0)
        fail("socket");
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    if (bind(listener, (struct sockaddr *)&address, sizeof address) < 0 || listen(listener, 1) < 0)
        fail("bind and listen");
    printf("listening urgent %d\n", port);
    fflush(stdout);
    int fd = accept(listener, NULL, NULL);
    if (fd < 0)
        fail("accept");
    close(listener);
    return fd;
}

/* The urgent byte, once SIGURG said it is coming: -1 if it never does. */
static int take_urgent_byte(int fd)
{
    char byte;
    for (int tries = 0; tries < 50; tries++) {
        if (recv(fd, &byte, 1, MSG_OOB) == 1)
            return (unsigned char)byte;
        if (errno != EAGAIN)
            return -1;
        struct pollfd asked = { fd, POLLPRI, 0 };
        poll(&asked, 1, 100);
    }
    return -1;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        printf("usage: net_urgent_peer PORT\n");
        return 2;
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_sigurg;              /* no SA_RESTART: a read at the mark says EINTR */
    sigaction(SIGURG, &action, NULL);
    int fd = accept_one(atoi(argv[1]));
    if (fcntl(fd, F_SETOWN, getpid()) < 0)
        fail("F_SETOWN");

    char received[64];
    size_t length = 0;
    int urgent = -1;
    long urgent_after = -1;
    for (int reads = 0; reads < 1000; reads++) {
        if (urgent_came) {
            urgent_came = 0;
            urgent = take_urgent_byte(fd);
        }
        if (urgent_after < 0 && sockatmark(fd) == 1)
            urgent_after = (long)length;         /* the bytes read before the mark */
        ssize_t got = read(fd, received + length, sizeof received - 1 - length);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            fail("read");
        if (got == 0)
            break;
        length += (size_t)got;
    }
    received[length] = 0;
    printf("received '%s', urgent '%c' after %ld bytes\n", received, urgent < 0 ? '-' : urgent, urgent_after);

    int on = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    if (send(fd, "ABC", 3, 0) != 3 || send(fd, "?", 1, MSG_OOB) != 1 || send(fd, "DEF", 3, 0) != 3)
        fail("send");
    printf("sent\n");
    fflush(stdout);
    sleep(1);                                   /* the host reads before our FIN comes */
    close(fd);
    return 0;
}

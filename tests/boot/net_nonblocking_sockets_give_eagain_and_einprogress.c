/* tests/boot/net_nonblocking_sockets_give_eagain_and_einprogress.c -
 * Internet sockets that must not wait, as on Linux: with SOCK_NONBLOCK,
 * O_NONBLOCK (fcntl) or MSG_DONTWAIT, recv with nothing to read and
 * accept with nobody connecting fail with EAGAIN (TCP and UDP); a
 * non-blocking connect completes at once or says EINPROGRESS, and then
 * poll shows the socket writable with SO_ERROR 0; connect on a connected
 * socket is EISCONN (after EINPROGRESS, Linux answers the first connect
 * with 0); a non-blocking send takes what fits and then fails
 * with EAGAIN, and everything it took arrives; accept4(SOCK_NONBLOCK)
 * gives a non-blocking descriptor. */
#include "boot_net.h"

#define WAIT_MS       2000
#define SEND_CHUNK    5000
#define SEND_LIMIT    (64L << 20)        /* a send buffer is never this big */

static void receives_and_accepts_get_eagain(void)
{
    unsigned short port = 0;
    int listener = tcp_listener(4, &port);
    set_nonblocking(listener, 1);
    CHECK_ERROR(accept(listener, NULL, NULL), EAGAIN);
    int client = tcp_connect_to(port);
    CHECK(poll_one(listener, POLLIN, WAIT_MS) & POLLIN, "the listener is readable once a connection waits");
    int accepted = accept4(listener, NULL, NULL, SOCK_NONBLOCK);
    CHECK(accepted >= 0, "accept4 with a connection waiting: errno %d", errno);
    CHECK(fcntl(accepted, F_GETFL) & O_NONBLOCK, "accept4(SOCK_NONBLOCK) gives O_NONBLOCK");
    CHECK_ERROR(accept(listener, NULL, NULL), EAGAIN);
    char buffer[16];
    CHECK_ERROR(recv(accepted, buffer, sizeof buffer, 0), EAGAIN);
    CHECK_ERROR(read(accepted, buffer, sizeof buffer), EAGAIN);
    CHECK_ERROR(recv(client, buffer, sizeof buffer, MSG_DONTWAIT), EAGAIN);
    send(client, "x", 1, 0);
    CHECK(poll_one(accepted, POLLIN, WAIT_MS) & POLLIN, "readable once a byte came");
    CHECK_EQ(1, recv(accepted, buffer, sizeof buffer, 0), "the byte");
    CHECK_ERROR(recv(accepted, buffer, sizeof buffer, 0), EAGAIN);
    close(accepted);
    close(client);
    close(listener);

    int udp = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in address;
    bind(udp, (struct sockaddr *)&address, loopback_address(&address, 0));
    CHECK_ERROR(recv(udp, buffer, sizeof buffer, 0), EAGAIN);
    set_nonblocking(udp, 0);
    CHECK_ERROR(recv(udp, buffer, sizeof buffer, MSG_DONTWAIT), EAGAIN);
    close(udp);
}

static void connect_is_in_progress_then_done(void)
{
    unsigned short port = 0;
    int listener = tcp_listener(4, &port);
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in address;
    errno = 0;
    int result = connect(fd, (struct sockaddr *)&address, loopback_address(&address, port));
    CHECK(result == 0 || errno == EINPROGRESS, "non-blocking connect: %d (%s), expected 0 or EINPROGRESS", result,
          strerror(errno));
    CHECK(poll_one(fd, POLLOUT, WAIT_MS) & POLLOUT, "writable once connected");
    CHECK_EQ(0, int_option(fd, SOL_SOCKET, SO_ERROR), "SO_ERROR after the connect");
    if (result != 0) {
        /* Linux answers the first connect after the completion with 0 */
        errno = 0;
        int again = connect(fd, (struct sockaddr *)&address, loopback_address(&address, port));
        CHECK(again == 0 || errno == EISCONN, "connect once more after EINPROGRESS: %d (%s), expected 0 or EISCONN",
              again, strerror(errno));
    }
    CHECK_ERROR(connect(fd, (struct sockaddr *)&address, loopback_address(&address, port)), EISCONN);
    int accepted = accept(listener, NULL, NULL);
    CHECK(accepted >= 0, "accept: errno %d", errno);

    /* a non-blocking send fills the buffers, then EAGAIN */
    static char chunk[SEND_CHUNK];
    memset(chunk, 'n', sizeof chunk);
    long total = 0;
    ssize_t sent;
    while (total < SEND_LIMIT && (sent = send(fd, chunk, sizeof chunk, 0)) > 0)
        total += sent;
    CHECK(sent == -1 && errno == EAGAIN, "a full connection: expected EAGAIN, got %d (errno %d) after %ld bytes",
          (int)sent, errno, total);
    CHECK(!(poll_one(fd, POLLOUT, 0) & POLLOUT), "a full connection is not writable");
    set_nonblocking(accepted, 1);
    long drained = 0;
    long long start = monotonic_ns();
    while (drained < total && elapsed_ms(start) < WAIT_MS * 5) {
        ssize_t got = recv(accepted, chunk, sizeof chunk, 0);
        if (got > 0)
            drained += got;
        else
            poll_one(accepted, POLLIN, 100);
    }
    CHECK_EQ(total, drained, "bytes that arrive of what the sends took");
    CHECK(poll_one(fd, POLLOUT, WAIT_MS) & POLLOUT, "writable again once the peer read");
    close(accepted);
    close(fd);
    close(listener);
}

static void cases(void)
{
    receives_and_accepts_get_eagain();
    connect_is_in_progress_then_done();
}

int main(void)
{
    run_net_cases_checking_leaks(cases);
    return test_finish("net_nonblocking_sockets_give_eagain_and_einprogress");
}

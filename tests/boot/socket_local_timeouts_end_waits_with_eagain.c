/* tests/boot/socket_local_timeouts_end_waits_with_eagain.c - SO_RCVTIMEO
 * and SO_SNDTIMEO on local (AF_UNIX) sockets, as on Linux:
 *  - getsockopt reads back the struct timeval set ({0, 0} at first);
 *    microseconds of 10^6 or more are EDOM, a short value EINVAL;
 *  - with nothing to read, recv and read of a stream, recv of a datagram
 *    socket and accept on a listener end with EAGAIN once the time is
 *    over, not before it, and not much after;
 *  - a send into a stream whose peer's buffer is full, a datagram into a
 *    full receiver, and a connect to a listener whose backlog is full
 *    end the same way under SO_SNDTIMEO (how much room a stream has
 *    is each kernel's own: Linux counts its buffers otherwise);
 *  - data that comes before the time ends a timed wait at once;
 *  - a negative time does not wait at all (EAGAIN at once), as Linux
 *    takes it.
 * On 2 CPUs a connected socket's read and write run without the big
 * lock until they must wait: a timed wait is the big lock's. Passes on
 * Linux too (tools/linux-check). */
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>

#include "boot_test.h"

#define TIMEOUT_MS  200
#define SLACK_MS    1500                  /* a timed-out call returns within this after the time */

static long long now_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1000ll + now.tv_nsec / 1000000;
}

static void set_timeout(int fd, int name, long seconds, long microseconds)
{
    struct timeval value = { seconds, microseconds };
    CHECK_EQ(0, setsockopt(fd, SOL_SOCKET, name, &value, sizeof value), "set the timeout");
}

/* `call` (a blocking socket call) must fail with EAGAIN after the
 * timeout, within the slack. */
#define CHECK_TIMES_OUT(call, what)                                                                  \
    do {                                                                                             \
        long long start_ = now_ms();                                                                 \
        CHECK_ERROR(call, EAGAIN);                                                                   \
        long long waited_ = now_ms() - start_;                                                       \
        CHECK(waited_ >= TIMEOUT_MS - 1 && waited_ < TIMEOUT_MS + SLACK_MS, "%s waited %lld ms, not %d", \
              what, waited_, TIMEOUT_MS);                                                            \
    } while (0)

static void options_read_back(void)
{
    int ends[2];
    CHECK_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, ends), "socketpair");
    struct timeval read_back = { -1, -1 };
    socklen_t length = sizeof read_back;
    CHECK_EQ(0, getsockopt(ends[0], SOL_SOCKET, SO_RCVTIMEO, &read_back, &length), "get SO_RCVTIMEO");
    CHECK(read_back.tv_sec == 0 && read_back.tv_usec == 0 && length == sizeof read_back, "at first {0, 0}");
    set_timeout(ends[0], SO_SNDTIMEO, 3, 250000);
    length = sizeof read_back;
    CHECK_EQ(0, getsockopt(ends[0], SOL_SOCKET, SO_SNDTIMEO, &read_back, &length), "get SO_SNDTIMEO");
    CHECK(read_back.tv_sec == 3 && read_back.tv_usec >= 250000 && read_back.tv_usec < 260000,
          "SO_SNDTIMEO read back: %ld.%06ld", (long)read_back.tv_sec, (long)read_back.tv_usec);
                                                           /* (Linux keeps it in ticks of 4 ms) */
    struct timeval wrong = { 1, 1000000 };
    CHECK_ERROR(setsockopt(ends[0], SOL_SOCKET, SO_RCVTIMEO, &wrong, sizeof wrong), EDOM);
    CHECK_ERROR(setsockopt(ends[0], SOL_SOCKET, SO_RCVTIMEO, &wrong, sizeof wrong - 1), EINVAL);
    close(ends[0]);
    close(ends[1]);
}

static void receives_time_out(void)
{
    int ends[2];
    char byte;
    CHECK_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, ends), "socketpair");
    set_timeout(ends[0], SO_RCVTIMEO, 0, TIMEOUT_MS * 1000);
    CHECK_TIMES_OUT(recv(ends[0], &byte, 1, 0), "a stream's recv");
    CHECK_TIMES_OUT(read(ends[0], &byte, 1), "a stream's read");
    CHECK_EQ(1, write(ends[1], "x", 1), "a byte");
    long long start = now_ms();
    CHECK_EQ(1, read(ends[0], &byte, 1), "data there: no wait");
    CHECK(now_ms() - start < TIMEOUT_MS, "a read with data waited");
    set_timeout(ends[0], SO_RCVTIMEO, -1, 0);              /* negative: do not wait */
    start = now_ms();
    CHECK_ERROR(read(ends[0], &byte, 1), EAGAIN);
    CHECK(now_ms() - start < TIMEOUT_MS, "a negative timeout waited");
    close(ends[0]);
    close(ends[1]);

    CHECK_EQ(0, socketpair(AF_UNIX, SOCK_DGRAM, 0, ends), "datagram socketpair");
    set_timeout(ends[0], SO_RCVTIMEO, 0, TIMEOUT_MS * 1000);
    CHECK_TIMES_OUT(recv(ends[0], &byte, 1, 0), "a datagram socket's recv");
    close(ends[0]);
    close(ends[1]);
}

static void sends_time_out(void)
{
    int ends[2];
    static char block[4096];
    const size_t one = sizeof block;
    CHECK_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, ends), "socketpair");
    int filled = 0;
    while (send(ends[0], block, one, MSG_DONTWAIT) > 0 && filled < 1000)
        filled++;                                          /* the peer's buffer is full */
    set_timeout(ends[0], SO_SNDTIMEO, 0, TIMEOUT_MS * 1000);
    CHECK_TIMES_OUT(send(ends[0], block, one, 0), "a stream's send into a full buffer");
    CHECK_TIMES_OUT(write(ends[0], block, 1), "a stream's write into a full buffer");
    close(ends[0]);
    close(ends[1]);

    CHECK_EQ(0, socketpair(AF_UNIX, SOCK_DGRAM, 0, ends), "datagram socketpair");
    for (int i = 0; i < 1000 && send(ends[0], "d", 1, MSG_DONTWAIT) == 1; i++)
        ;                                                  /* the receiver's queue is full */
    set_timeout(ends[0], SO_SNDTIMEO, 0, TIMEOUT_MS * 1000);
    CHECK_TIMES_OUT(send(ends[0], "d", 1, 0), "a datagram into a full receiver");
    close(ends[0]);
    close(ends[1]);
}

static void accept_and_connect_time_out(void)
{
    struct sockaddr_un address = { .sun_family = AF_UNIX };
    snprintf(address.sun_path, sizeof address.sun_path, "/tmp/timeouts-%d", (int)getpid());
    unlink(address.sun_path);
    int listener = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK_EQ(0, bind(listener, (struct sockaddr *)&address, sizeof address), "bind");
    CHECK_EQ(0, listen(listener, 0), "listen, backlog 0");
    set_timeout(listener, SO_RCVTIMEO, 0, TIMEOUT_MS * 1000);
    CHECK_TIMES_OUT(accept(listener, NULL, NULL), "accept with no connection");

    int clients[8], connected = 0, refused = 0;
    for (int i = 0; i < 8; i++) {                          /* fill the backlog */
        clients[i] = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
        if (connect(clients[i], (struct sockaddr *)&address, sizeof address) == 0)
            connected++;
        else
            refused += errno == EAGAIN;
    }
    CHECK(connected >= 1 && refused >= 1, "the backlog filled: %d connected, %d waited", connected, refused);
    int late = socket(AF_UNIX, SOCK_STREAM, 0);
    set_timeout(late, SO_SNDTIMEO, 0, TIMEOUT_MS * 1000);
    CHECK_TIMES_OUT(connect(late, (struct sockaddr *)&address, sizeof address), "connect to a full backlog");
    close(late);
    for (int i = 0; i < 8; i++)
        close(clients[i]);
    close(listener);
    unlink(address.sun_path);
}

int main(void)
{
    options_read_back();
    receives_time_out();
    sends_time_out();
    accept_and_connect_time_out();
    return test_finish("socket_local_timeouts_end_waits_with_eagain");
}

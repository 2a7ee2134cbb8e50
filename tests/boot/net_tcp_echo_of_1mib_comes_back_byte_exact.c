/* tests/boot/net_tcp_echo_of_1mib_comes_back_byte_exact.c - a TCP
 * connection over the loopback carries 1 MiB there and back without a
 * byte lost, doubled or out of place: an echo server (a child) sends back
 * what it reads until end of file; a writer (another child) sends 1 MiB of
 * a pattern in writes of odd sizes and then shuts its half down; the test
 * reads the echo to end of file, checks every byte against the pattern
 * and a checksum of the whole; then nothing of the network is left. */
#include "boot_net.h"

#define TOTAL_BYTES   (1024 * 1024)
#define SERVER_CHUNK  3000          /* the echo server's reads and writes */
#define WRITE_SIZES   { 1, 1460, 7, 65536, 4096, 333, 20000 }
#define TIME_LIMIT_S  60            /* guest seconds for the whole transfer */

/* The byte at `offset` of the stream: no period that a lost or repeated
 * block of a round size would hide. */
static unsigned char pattern_at(unsigned offset)
{
    return (unsigned char)((offset * 2654435761u) >> 13 ^ offset >> 16);
}

/* A running checksum (Fletcher-32 over bytes). */
struct checksum {
    unsigned a, b;
};

static void checksum_add(struct checksum *sum, const unsigned char *bytes, long count)
{
    for (long i = 0; i < count; i++) {
        sum->a = (sum->a + bytes[i]) % 65535;
        sum->b = (sum->b + sum->a) % 65535;
    }
}

/* The echo server: one connection, everything back, until end of file. */
static void serve_echo(int listener)
{
    static char buffer[SERVER_CHUNK];
    int connection = accept(listener, NULL, NULL);
    close(listener);
    if (connection < 0)
        _exit(10);
    long echoed = 0;
    ssize_t got;
    while ((got = recv(connection, buffer, sizeof buffer, 0)) > 0) {
        if (write_fully(connection, buffer, got) != got)
            _exit(11);
        echoed += got;
    }
    close(connection);
    _exit(got == 0 && echoed == TOTAL_BYTES ? 0 : 12);
}

/* The writer: the pattern in writes of several sizes, then SHUT_WR. */
static void write_pattern(int connection)
{
    static unsigned char block[65536];
    static const int sizes[] = WRITE_SIZES;
    unsigned offset = 0;
    for (int turn = 0; offset < TOTAL_BYTES; turn++) {
        unsigned size = sizes[turn % (sizeof sizes / sizeof sizes[0])];
        if (size > TOTAL_BYTES - offset)
            size = TOTAL_BYTES - offset;
        for (unsigned i = 0; i < size; i++)
            block[i] = pattern_at(offset + i);
        if (write_fully(connection, block, size) != (long)size)
            _exit(20);
        offset += size;
    }
    _exit(shutdown(connection, SHUT_WR) == 0 ? 0 : 21);
}

static void echo_one_mebibyte(void)
{
    unsigned short port = 0;
    int listener = tcp_listener(1, &port);
    CHECK(listener >= 0 && port != 0, "a listener on 127.0.0.1: fd %d, port %u, errno %d", listener, port, errno);
    fflush(stdout);
    pid_t server = fork();
    if (server == 0)
        serve_echo(listener);
    close(listener);

    int connection = tcp_connect_to(port);
    CHECK(connection >= 0, "connect to the echo server: %s", strerror(-connection));
    if (connection < 0) {
        kill(server, SIGKILL);
        waitpid(server, NULL, 0);
        return;
    }
    pid_t writer = fork();
    if (writer == 0)
        write_pattern(connection);

    static unsigned char buffer[8192];
    struct checksum expected = { 0, 0 }, received = { 0, 0 };
    long total = 0, wrong = 0, first_wrong = -1;
    ssize_t got;
    net_guard(TIME_LIMIT_S);
    while (total <= TOTAL_BYTES && (got = recv(connection, buffer, sizeof buffer, 0)) > 0) {
        for (ssize_t i = 0; i < got; i++)
            if (total + i < TOTAL_BYTES && buffer[i] != pattern_at(total + i) && wrong++ == 0)
                first_wrong = total + i;
        checksum_add(&received, buffer, got);
        total += got;
    }
    alarm(0);
    for (unsigned offset = 0; offset < TOTAL_BYTES; offset++) {
        unsigned char byte = pattern_at(offset);
        checksum_add(&expected, &byte, 1);
    }
    CHECK_EQ(TOTAL_BYTES, total, "bytes echoed before end of file");
    CHECK(wrong == 0, "%ld bytes differ from what was sent, the first at offset %ld", wrong, first_wrong);
    CHECK(expected.a == received.a && expected.b == received.b,
          "checksum of the echo %04x%04x, of what was sent %04x%04x", received.b, received.a, expected.b, expected.a);
    close(connection);

    int status = -1;
    if (total != TOTAL_BYTES) {
        kill(writer, SIGKILL);
        kill(server, SIGKILL);
    }
    waitpid(writer, &status, 0);
    CHECK_EQ(0, net_exit_code(status), "the writer (0: wrote 1 MiB and shut down)");
    waitpid(server, &status, 0);
    CHECK_EQ(0, net_exit_code(status), "the echo server (0: echoed 1 MiB, then end of file)");
}

int main(void)
{
    run_net_cases_checking_leaks(echo_one_mebibyte);
    return test_finish("net_tcp_echo_of_1mib_comes_back_byte_exact");
}

/* tests/net/net_client.c - the guest's client in the host tests
 * (tests/net/net_tests.py) and the two-machine test (tools/run-pair).
 *
 *   net_client tcp ADDRESS PORT BYTES SEED   connects (trying again for a
 *       while: the server may not listen yet), sends BYTES bytes of the
 *       pattern of SEED (net_pattern.h) while a second process reads the
 *       echo, and checks every byte that comes back
 *   net_client udp ADDRESS PORT COUNT SEED   sends COUNT datagrams of
 *       sizes 1 to 1400, each the pattern of SEED+N, and checks each echo
 *       (a datagram without an answer within a second is sent again, and
 *       the late echo of an earlier one is read past, not taken for the
 *       answer)
 *
 * It says "PASS ..." and exits 0, or says "FAIL ..." and exits 1. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "net_pattern.h"

#define CONNECT_TRIES 40               /* half a second apart: 20 s for the server to listen */
#define CONNECT_PAUSE_US 500000
#define CHUNK 4096
#define DATAGRAM_MAX 1400
#define DATAGRAM_SIZE_STEP 137
#define DATAGRAM_TRIES 8

static void fail(const char *what)
{
    printf("FAIL net_client: %s: %s\n", what, strerror(errno));
    exit(1);
}

static struct sockaddr_in address_of(const char *text, int port)
{
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    if (inet_pton(AF_INET, text, &address.sin_addr) != 1) {
        printf("FAIL net_client: not an address: %s\n", text);
        exit(2);
    }
    return address;
}

static int connect_with_retries(const struct sockaddr_in *address)
{
    for (int attempt = 1; attempt <= CONNECT_TRIES; attempt++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0)
            fail("socket");
        if (connect(fd, (const struct sockaddr *)address, sizeof *address) == 0)
            return fd;
        int error = errno;
        close(fd);
        if (attempt == CONNECT_TRIES || (error != ECONNREFUSED && error != ETIMEDOUT &&
                                         error != EHOSTUNREACH && error != ENETUNREACH)) {
            errno = error;
            fail("connect");
        }
        usleep(CONNECT_PAUSE_US);
    }
    return -1;
}

/* The child's half: every byte of the pattern, then end of file. */
static void send_pattern(int fd, unsigned long bytes, unsigned seed)
{
    static unsigned char chunk[CHUNK];
    struct pattern pattern;
    pattern_start(&pattern, seed);
    unsigned long sent = 0;
    while (sent < bytes) {
        size_t length = bytes - sent < CHUNK ? (size_t)(bytes - sent) : CHUNK;
        for (size_t i = 0; i < length; i++)
            chunk[i] = pattern_next(&pattern);
        for (size_t done = 0; done < length;) {
            ssize_t n = send(fd, chunk + done, length - done, 0);
            if (n <= 0)
                fail("send");
            done += (size_t)n;
        }
        sent += length;
    }
    if (shutdown(fd, SHUT_WR) < 0)
        fail("shutdown");
    exit(0);
}

static int run_tcp(const struct sockaddr_in *address, unsigned long bytes, unsigned seed)
{
    static unsigned char chunk[CHUNK];
    int fd = connect_with_retries(address);
    pid_t sender = fork();
    if (sender < 0)
        fail("fork");
    if (sender == 0)
        send_pattern(fd, bytes, seed);
    struct pattern pattern;
    pattern_start(&pattern, seed);
    unsigned long received = 0;
    while (received < bytes) {
        ssize_t got = recv(fd, chunk, sizeof chunk, 0);
        if (got < 0)
            fail("recv");
        if (got == 0) {
            printf("FAIL net_client: end of file after %lu of %lu bytes\n", received, bytes);
            return 1;
        }
        for (ssize_t i = 0; i < got; i++) {
            unsigned char expected = pattern_next(&pattern);
            if (chunk[i] != expected) {
                printf("FAIL net_client: byte %lu came back %#x, expected %#x\n", received + (unsigned long)i,
                       chunk[i], expected);
                return 1;
            }
        }
        received += (unsigned long)got;
    }
    int status;
    waitpid(sender, &status, 0);
    close(fd);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        printf("FAIL net_client: the sending process ended with status %#x\n", status);
        return 1;
    }
    printf("PASS tcp: sent %lu bytes and got every one back\n", bytes);
    return 0;
}

/* The length of datagram n and its bytes (the pattern of seed+n). */
static size_t datagram_of(int n, unsigned seed, unsigned char *bytes)
{
    size_t length = 1 + (size_t)(n * DATAGRAM_SIZE_STEP) % DATAGRAM_MAX;
    struct pattern pattern;
    pattern_start(&pattern, seed + (unsigned)n);
    for (size_t i = 0; i < length; i++)
        bytes[i] = pattern_next(&pattern);
    return length;
}

/* Whether an answer is the echo of a datagram before n: a datagram sent
 * again after a second without an answer may be echoed twice, and the
 * second echo arrives while a later datagram waits for its own. */
static int is_late_echo(const unsigned char *answer, size_t size, int n, unsigned seed)
{
    static unsigned char earlier[DATAGRAM_MAX];
    for (int before = 0; before < n; before++)
        if (datagram_of(before, seed, earlier) == size && memcmp(earlier, answer, size) == 0)
            return 1;
    return 0;
}

static int run_udp(const struct sockaddr_in *address, int count, unsigned seed)
{
    static unsigned char sent[DATAGRAM_MAX], got[DATAGRAM_MAX + 1];
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0)
        fail("socket");
    struct timeval wait = {1, 0};
    if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait) < 0)
        fail("setsockopt SO_RCVTIMEO");
    int late_echoes = 0;
    for (int n = 0; n < count; n++) {
        size_t length = datagram_of(n, seed, sent);
        int answered = 0;
        for (int attempt = 0; attempt < DATAGRAM_TRIES && !answered; attempt++) {
            if (sendto(fd, sent, length, 0, (const struct sockaddr *)address, sizeof *address) < 0)
                fail("sendto");
            for (;;) {
                ssize_t size = recv(fd, got, sizeof got, 0);
                if (size < 0 && errno == EAGAIN)
                    break;
                if (size < 0)
                    fail("recv");
                if ((size_t)size == length && memcmp(got, sent, length) == 0) {
                    answered = 1;
                    break;
                }
                if (late_echoes < count * DATAGRAM_TRIES && is_late_echo(got, (size_t)size, n, seed)) {
                    late_echoes++;
                    continue;
                }
                printf("FAIL net_client: datagram %d (%u bytes) came back as %d different bytes\n", n,
                       (unsigned)length, (int)size);
                return 1;
            }
        }
        if (!answered) {
            printf("FAIL net_client: datagram %d got no answer in %d tries\n", n, DATAGRAM_TRIES);
            return 1;
        }
    }
    printf("PASS udp: %d datagrams came back whole (%d late echoes of a datagram sent again)\n", count,
           late_echoes);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 6 || (strcmp(argv[1], "tcp") != 0 && strcmp(argv[1], "udp") != 0)) {
        printf("usage: net_client tcp ADDRESS PORT BYTES SEED | udp ADDRESS PORT COUNT SEED\n");
        return 2;
    }
    struct sockaddr_in address = address_of(argv[2], atoi(argv[3]));
    unsigned seed = (unsigned)strtoul(argv[5], NULL, 10);
    if (strcmp(argv[1], "tcp") == 0)
        return run_tcp(&address, strtoul(argv[4], NULL, 10), seed);
    return run_udp(&address, atoi(argv[4]), seed);
}

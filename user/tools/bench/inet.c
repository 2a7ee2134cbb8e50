/* user/tools/bench/inet.c - Internet sockets over the loopback
 * (127.0.0.1): a UDP round trip and a TCP round trip of 64 bytes between
 * two processes, and TCP throughput in writes of 64 KiB.
 *
 * A round trip: the parent sends 64 bytes to the child and blocks in recv;
 * the child, blocked in recv, wakes, sends the 64 bytes back and waits
 * again. Over the loopback each send also carries its packet through IP
 * and UDP or TCP on the way in (kernel/net/net_interface.h: the sender's
 * call delivers it), and TCP answers with an acknowledgement. TCP runs
 * with TCP_NODELAY, as a request-reply protocol would.
 *
 * A kernel whose socket() fails (no loopback) gets NA on the result line. */
#include <errno.h>
#include <unistd.h>

#include "bench.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/mman.h>
#include <sys/socket.h>

#define MESSAGE_BYTES    64
#define THROUGHPUT_BYTES (4u << 20)    /* 4 MiB per timed transfer */
#define CHUNK_BYTES      (64u << 10)   /* written 64 KiB at a time */
#define THROUGHPUT_RUNS  5             /* timed transfers, after one untimed */

/* The parent's and the child's sockets, set before the child is forked. */
static int parent_socket = -1, child_socket = -1;

static socklen_t loopback(struct sockaddr_in *address, unsigned short port)
{
    *address = (struct sockaddr_in){ .sin_family = AF_INET, .sin_port = htons(port),
                                     .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    return sizeof *address;
}

static unsigned short port_of(int fd)
{
    struct sockaddr_in address;
    socklen_t length = sizeof address;
    return getsockname(fd, (struct sockaddr *)&address, &length) < 0 ? 0 : ntohs(address.sin_port);
}

/* Two UDP sockets on 127.0.0.1, each connected to the other. */
static int udp_pair(void)
{
    struct sockaddr_in address;
    parent_socket = socket(AF_INET, SOCK_DGRAM, 0);
    child_socket = socket(AF_INET, SOCK_DGRAM, 0);
    if (parent_socket < 0 || child_socket < 0 ||
        bind(parent_socket, (struct sockaddr *)&address, loopback(&address, 0)) < 0 ||
        bind(child_socket, (struct sockaddr *)&address, loopback(&address, 0)) < 0 ||
        connect(parent_socket, (struct sockaddr *)&address, loopback(&address, port_of(child_socket))) < 0 ||
        connect(child_socket, (struct sockaddr *)&address, loopback(&address, port_of(parent_socket))) < 0)
        return last_error();
    return 0;
}

/* A TCP connection over 127.0.0.1, both ends with TCP_NODELAY. */
static int tcp_pair(void)
{
    struct sockaddr_in address;
    int one = 1;
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    parent_socket = socket(AF_INET, SOCK_STREAM, 0);
    int status = 0;
    if (listener < 0 || parent_socket < 0 ||
        bind(listener, (struct sockaddr *)&address, loopback(&address, 0)) < 0 || listen(listener, 1) < 0 ||
        connect(parent_socket, (struct sockaddr *)&address, loopback(&address, port_of(listener))) < 0 ||
        (child_socket = accept(listener, 0, 0)) < 0 ||
        setsockopt(parent_socket, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) < 0 ||
        setsockopt(child_socket, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) < 0)
        status = last_error();
    if (listener >= 0)
        close(listener);
    return status;
}

static void close_both(void)
{
    if (parent_socket >= 0)
        close(parent_socket);
    if (child_socket >= 0)
        close(child_socket);
    parent_socket = child_socket = -1;
}

/* The child of a round trip: every message back, ROUNDS of them. */
static int echo_messages(int unused)
{
    char message[MESSAGE_BYTES];
    (void)unused;
    close(parent_socket);
    for (int round = 0; round < ROUNDS; round++) {
        int got = 0;
        while (got < MESSAGE_BYTES) {          /* TCP may split; UDP never does */
            int count = recv(child_socket, message + got, MESSAGE_BYTES - got, 0);
            if (count <= 0)
                return -1;
            got += count;
        }
        if (send(child_socket, message, MESSAGE_BYTES, 0) != MESSAGE_BYTES)
            return -1;
    }
    return 0;
}

static inline int message_round_trip(void)
{
    char message[MESSAGE_BYTES] = { 'r' };
    if (send(parent_socket, message, MESSAGE_BYTES, 0) != MESSAGE_BYTES)
        return 0;
    int got = 0;
    while (got < MESSAGE_BYTES) {
        int count = recv(parent_socket, message + got, MESSAGE_BYTES - got, 0);
        if (count <= 0)
            return 0;
        got += count;
    }
    return 1;
}

/* Times ROUNDS round trips over the pair `make_pair` made. */
static int time_round_trips(int (*make_pair)(void), struct samples *samples)
{
    int status = make_pair();
    if (status < 0) {
        close_both();
        return status;
    }
    pid_t child = start_child(echo_messages, 0);
    close(child_socket);
    child_socket = -1;
    int failures = 0;
    if (child > 0)
        TIME_EACH(samples, failures += !message_round_trip());
    close_both();
    return finish_child(child, failures ? -EIO : 0);
}

int bench_udp_round_trip(int unused, struct samples *samples)
{
    (void)unused;
    return time_round_trips(udp_pair, samples);
}

int bench_tcp_round_trip(int unused, struct samples *samples)
{
    (void)unused;
    return time_round_trips(tcp_pair, samples);
}

/* The 64 KiB that the throughput's writes send from and its reads land
 * in, mapped for that row only: as a static array it would lie in
 * /bin/bench's BSS, and every fork the other rows make would copy its
 * page tables (fork + _exit + waitpid grew by 3,768 instructions so). */
static char *transfer_buffer;

/* The throughput child: reads THROUGHPUT_BYTES, answers one byte, again,
 * until end of file. */
static int drain_and_acknowledge(int unused)
{
    char *buffer = transfer_buffer;
    (void)unused;
    close(parent_socket);
    for (;;) {
        uint32_t received = 0;
        while (received < THROUGHPUT_BYTES) {
            int got = recv(child_socket, buffer, CHUNK_BYTES, 0);
            if (got <= 0)
                return got == 0 && received == 0 ? 0 : -1;
            received += got;
        }
        if (send(child_socket, "k", 1, 0) != 1)
            return -1;
    }
}

/* Sends THROUGHPUT_BYTES in CHUNK_BYTES writes and waits for the child to
 * say it has read them all: the instructions this took, or 0 on failure. */
static uint32_t timed_transfer(void)
{
    const char *chunk = transfer_buffer;
    char answer;
    uint32_t start = read_tsc();
    for (uint32_t sent = 0; sent < THROUGHPUT_BYTES;) {
        int count = send(parent_socket, chunk, CHUNK_BYTES, 0);
        if (count <= 0)
            return 0;
        sent += count;
    }
    if (recv(parent_socket, &answer, 1, 0) != 1)
        return 0;
    return read_tsc() - start;
}

/* TCP throughput: hundredths of an instruction per byte moved, per run. */
int bench_tcp_throughput(int unused, struct samples *samples)
{
    (void)unused;
    transfer_buffer = mmap(0, CHUNK_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (transfer_buffer == MAP_FAILED)
        return -errno;
    int status = tcp_pair();
    pid_t child = status < 0 ? status : start_child(drain_and_acknowledge, 0);
    if (child >= 0) {
        close(child_socket);
        child_socket = -1;
        if (timed_transfer() == 0)     /* the warm-up */
            status = -EIO;
    }
    for (int run = 0; run < THROUGHPUT_RUNS && status == 0 && !benchmark_stopped; run++) {
        uint64_t instructions = timed_transfer();
        if (instructions == 0)
            status = -EIO;
        samples->value[run] = (uint32_t)((instructions * 100 + THROUGHPUT_BYTES / 2) / THROUGHPUT_BYTES);
        samples->count = run + 1;
    }
    close_both();
    status = child < 0 ? child : finish_child(child, status);
    munmap(transfer_buffer, CHUNK_BYTES);
    return status;
}

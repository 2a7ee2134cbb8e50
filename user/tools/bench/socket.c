/* user/tools/bench/socket.c - a local socket: socketpair(AF_UNIX,
 * SOCK_STREAM), one byte there and back with send and recv; and the same
 * over socketpair(AF_UNIX, SOCK_DGRAM), a datagram of one byte each way,
 * and over socketpair(AF_UNIX, SOCK_SEQPACKET), a message of one byte.
 *
 * Sockets may not be in the kernel yet: without <sys/socket.h> this file
 * compiles to a benchmark that answers ENOSYS, and a kernel without the
 * system call answers ENOSYS itself; either way the result line says NA. */
#include <errno.h>
#include <unistd.h>

#include "bench.h"

#if __has_include(<sys/socket.h>)
#include <sys/socket.h>

static int pair[2] = { -1, -1 };        /* [0] the parent's end, [1] the child's */

/* The child: sends every byte back until the parent closes its end (a
 * stream, a seqpacket pair) or sends an empty datagram (a datagram pair,
 * whose end stays open when its peer closes). */
static int echo_over_socket(int unused)
{
    (void)unused;
    char byte;
    close(pair[0]);
    for (;;) {
        int got = recv(pair[1], &byte, 1, 0);
        if (got <= 0)
            return got;                 /* 0: end of stream or the empty datagram, done */
        if (send(pair[1], &byte, 1, 0) != 1)
            return -1;
    }
}

static inline int socket_round_trip(void)
{
    char byte = 's';
    int ok = send(pair[0], &byte, 1, 0) == 1;
    return ok && recv(pair[0], &byte, 1, 0) == 1;
}

static int round_trips_over_socketpair(int type, struct samples *samples)
{
    if (socketpair(AF_UNIX, type, 0, pair) < 0)
        return last_error();
    pid_t child = start_child(echo_over_socket, 0);
    close(pair[1]);
    int failures = 0;
    if (child > 0)
        TIME_EACH(samples, failures += !socket_round_trip());
    if (type == SOCK_DGRAM && child > 0)
        send(pair[0], "", 0, 0);        /* the empty datagram: the child is done */
    close(pair[0]);                     /* a connection's child sees end of file */
    return finish_child(child, failures ? -EIO : 0);
}

int bench_socket_round_trip(int unused, struct samples *samples)
{
    (void)unused;
    return round_trips_over_socketpair(SOCK_STREAM, samples);
}

int bench_socket_dgram_round_trip(int unused, struct samples *samples)
{
    (void)unused;
    return round_trips_over_socketpair(SOCK_DGRAM, samples);
}

int bench_socket_seqpacket_round_trip(int unused, struct samples *samples)
{
    (void)unused;
    return round_trips_over_socketpair(SOCK_SEQPACKET, samples);
}

#else

int bench_socket_round_trip(int unused, struct samples *samples)
{
    (void)unused;
    (void)samples;
    return -ENOSYS;                     /* no sockets in this libc yet */
}

int bench_socket_dgram_round_trip(int unused, struct samples *samples)
{
    return bench_socket_round_trip(unused, samples);
}

int bench_socket_seqpacket_round_trip(int unused, struct samples *samples)
{
    return bench_socket_round_trip(unused, samples);
}

#endif

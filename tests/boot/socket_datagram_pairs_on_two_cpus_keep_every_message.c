/* tests/boot/socket_datagram_pairs_on_two_cpus_keep_every_message.c
 * - two pairs of processes, each pair kept to its own CPU, make round
 * trips over an AF_UNIX datagram socketpair of their own, and every
 * datagram arrives once, whole and unchanged, in the order sent, while
 * their sends and receives go both ways such a call can go on several
 * CPUs (docs/smp.md, "A local socket without the big lock"): without the
 * big kernel lock, under the pair's own lock, and with it, when
 * something sends them there:
 *   - pair 0's server has a second thread (asleep): its reads and
 *     writes hold the socket by a reference (a process of several
 *     threads: docs/smp.md, "Threads without the big lock"); its client
 *     sends every seventh request with sendmsg (the big lock's way)
 *     between sends of its own;
 *   - pair 1 uses send(2) and recv(2) instead of write and read; a poller
 *     polls a copy of the client's end (while its watches are on the
 *     pair, its calls take the big lock), and the client is interrupted
 *     by SIGUSR1 again and again (a handler with SA_RESTART: a wait
 *     without the big lock ends, and the call goes the big lock's way, to
 *     restart there);
 *   - requests are 1 to 8000 bytes; a server's receive buffer is always
 *     bigger than the request, and each answer is a datagram of 8 bytes
 *     read into a buffer of 4 (the rest is cut off, as a datagram's is).
 * After the round trips each client moves to the other CPU and sends a
 * burst of numbered datagrams without waiting for answers, 16 queue up at
 * most and the client waits for room, while its server takes them as
 * they come: both ends change one queue at the same time. On one CPU
 * both pairs share it, every call takes the usual way, and the same
 * holds. At the end the kernel's counters (tasks, sockets, pages) are
 * back. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "boot_pairs.h"

#define ROUND_TRIPS 1500
#define BURST 4000
#define LARGEST 8000

static int by_send_and_recv;          /* pair 1: send and recv; pair 0: write and read */
static int some_by_sendmsg;           /* pair 0's client: every seventh request by sendmsg */

static unsigned char pattern(unsigned sequence, unsigned index)
{
    return (unsigned char)(sequence * 29u + index * 11u + 3u);
}

static unsigned request_size(unsigned sequence)
{
    return sequence % 10 == 9 ? LARGEST : 1 + sequence * 53u % 900;
}

static ssize_t send_one(int fd, const void *bytes, unsigned size, unsigned sequence)
{
    ssize_t sent;
    do {
        if (some_by_sendmsg && sequence % 7 == 3) {
            struct iovec piece = { (void *)bytes, size };
            struct msghdr message = { .msg_iov = &piece, .msg_iovlen = 1 };
            sent = sendmsg(fd, &message, 0);
        } else {
            sent = by_send_and_recv ? send(fd, bytes, size, 0) : write(fd, bytes, size);
        }
    } while (sent < 0 && errno == EINTR);
    return sent;
}

static ssize_t receive_one(int fd, void *bytes, unsigned size)
{
    ssize_t got;
    do
        got = by_send_and_recv ? recv(fd, bytes, size, 0) : read(fd, bytes, size);
    while (got < 0 && errno == EINTR);
    return got;
}

/* The server: each request whole and right, answered with its sum (and 4
 * bytes the client's buffer cuts off); then the burst, in order. Pair
 * 0's has a second thread. */
static void serve(int fd, int pair)
{
    pthread_t sleeper;
    by_send_and_recv = pair == 1;
    if (pair == 0 && pthread_create(&sleeper, 0, pair_thread_sleeping_for_ever, 0) != 0)
        _exit(255);
    static unsigned char request[LARGEST + 100];
    for (unsigned sequence = 0; sequence < ROUND_TRIPS; sequence++) {
        unsigned size = request_size(sequence), sum = 0;
        ssize_t got = receive_one(fd, request, sizeof request);
        if (got != (ssize_t)size) {
            printf("server: request %u is %d bytes, %u expected\n", sequence, (int)got, size);
            _exit(255);
        }
        for (unsigned i = 0; i < size; i++) {
            if (request[i] != pattern(sequence, i)) {
                printf("server: request %u: byte %u is %u, %u expected\n", sequence, i, request[i],
                       pattern(sequence, i));
                _exit(1 + (int)(sequence & 0x7f));
            }
            sum += request[i];
        }
        unsigned answer[2] = { sum, ~sum };
        if (send_one(fd, answer, sizeof answer, 0) != (ssize_t)sizeof answer)
            _exit(254);
    }
    for (unsigned sequence = 0; sequence < BURST; sequence++) {
        unsigned numbered[3];
        ssize_t got = receive_one(fd, numbered, sizeof numbered);
        if (got != (ssize_t)(2 * sizeof(unsigned)) || numbered[0] != sequence || numbered[1] != sequence * 7u) {
            printf("server: burst datagram %u: %d bytes, number %u\n", sequence, (int)got, numbered[0]);
            _exit(253);
        }
    }
    _exit(0);
}

/* The client: every request, every answer checked; then the burst from
 * the other CPU. Pair 0's sends every seventh request with sendmsg. */
static void call(int fd, int pair, int cpus)
{
    by_send_and_recv = pair == 1;
    some_by_sendmsg = pair == 0;
    int other_cpu = (pair + 1) % cpus;
    static unsigned char request[LARGEST];
    for (unsigned sequence = 0; sequence < ROUND_TRIPS; sequence++) {
        unsigned size = request_size(sequence), sum = 0;
        for (unsigned i = 0; i < size; i++) {
            request[i] = pattern(sequence, i);
            sum += request[i];
        }
        if (send_one(fd, request, size, sequence) != (ssize_t)size)
            _exit(255);
        unsigned answer = 0;
        ssize_t got = receive_one(fd, &answer, sizeof answer);
        if (got != (ssize_t)sizeof answer || answer != sum) {
            printf("client: answer %u: %d bytes, %u (%u expected)\n", sequence, (int)got, answer, sum);
            _exit(1 + (int)(sequence & 0x7f));
        }
    }
    keep_to_cpu(other_cpu);
    for (unsigned sequence = 0; sequence < BURST; sequence++) {
        unsigned numbered[2] = { sequence, sequence * 7u };
        if (send_one(fd, numbered, sizeof numbered, 0) != (ssize_t)sizeof numbered) {
            printf("client: the burst stopped at %u\n", sequence);
            _exit(252);
        }
    }
    _exit(0);
}

static void pairs_keep_every_datagram_whichever_way_their_calls_go(void)
{
    int cpus = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
    struct kinfo_counters before = read_counters();
    restart_after_interruptions();     /* before the fork: the pester may come first */
    int ends[2][2];
    for (int pair = 0; pair < 2; pair++)
        CHECK_EQ(0, socketpair(AF_UNIX, SOCK_DGRAM, 0, ends[pair]), "socketpair(AF_UNIX, SOCK_DGRAM)");
    run_two_pairs_polled_and_interrupted(ends, cpus, serve, call);
    /* both ways: pair 0's sendmsg and pair 1's poller and pester send
     * calls the big lock's way */
    expect_calls_both_ways("datagram pairs: 1500 round trips and a burst of 4000 each, every datagram checked",
                           before, cpus, ROUND_TRIPS / 2);
}

int main(void)
{
    alarm(200);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    run_cases_checking_leaks(pairs_keep_every_datagram_whichever_way_their_calls_go);
    return test_finish("socket_datagram_pairs_on_two_cpus_keep_every_message");
}

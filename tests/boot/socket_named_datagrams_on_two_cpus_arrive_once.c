/* tests/boot/socket_named_datagrams_on_two_cpus_arrive_once.c - two
 * pairs of processes, each pair kept to its own CPU, make round trips
 * over AF_UNIX datagram sockets bound to names (not a socketpair), and
 * every datagram arrives once, whole and unchanged, in the order sent,
 * from the sender recvfrom names, while their calls go both ways such a
 * call can go on several CPUs (docs/smp.md, "A local socket without the
 * big lock"): without the big kernel lock, under the sockets' own locks,
 * and with it:
 *   - pair 0's client is connected to its server and uses write and
 *     read; the server is connected to nobody, takes each request with
 *     recvfrom and answers with sendto to the name recvfrom gave (a path:
 *     the big lock's way);
 *   - pair 1's client and server are connected to each other and use
 *     send and recv; a poller polls the client's socket (while its
 *     watches are on it, the sends into it take the big lock), and the
 *     client is interrupted by SIGUSR1 again and again (SA_RESTART);
 *   - an intruder bound to a name of its own sends 300 numbered
 *     datagrams by path (sendto, the big lock's way) into pair 0's
 *     server, which takes them among its client's, told apart by the
 *     sender's name; and is refused (EPERM) by pair 1's server, which is
 *     connected to its client only.
 * After the round trips each client moves to the other CPU and sends a
 * burst of numbered datagrams without waiting for answers, 16 queue up at
 * most and the client waits for room, while its server takes them as
 * they come. On one CPU every call takes the usual way, and the same
 * holds. At the end the kernel's counters (tasks, sockets, pages) are
 * back. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>

#include "boot_pairs.h"
#include "boot_socket.h"

#define ROUND_TRIPS 1500
#define BURST 3000
#define LARGEST 8000
#define INTRUSIONS 300

static char server_path[2][64], client_path[2][64], intruder_path[64];

static unsigned char pattern(unsigned sequence, unsigned index)
{
    return (unsigned char)(sequence * 31u + index * 7u + 5u);
}

static unsigned request_size(unsigned sequence)
{
    return sequence % 10 == 9 ? LARGEST : 1 + sequence * 59u % 900;
}

static struct sockaddr_un address_of(const char *path)
{
    struct sockaddr_un address;
    memset(&address, 0, sizeof address);
    address.sun_family = AF_UNIX;
    strcpy(address.sun_path, path);
    return address;
}

static ssize_t send_one(int fd, int pair, const void *bytes, unsigned size)
{
    ssize_t sent;
    do
        sent = pair == 1 ? send(fd, bytes, size, 0) : write(fd, bytes, size);
    while (sent < 0 && errno == EINTR);
    return sent;
}

static ssize_t receive_one(int fd, int pair, void *bytes, unsigned size)
{
    ssize_t got;
    do
        got = pair == 1 ? recv(fd, bytes, size, 0) : read(fd, bytes, size);
    while (got < 0 && errno == EINTR);
    return got;
}

/* Pair 0's server's receive: the next datagram from its client, taking
 * the intruder's that come first (each must be the next number).
 * Returns its size; the sender's name is checked. */
static unsigned intrusions_taken;

static ssize_t receive_from_client(int fd, void *bytes, unsigned size, struct sockaddr_un *from)
{
    for (;;) {
        socklen_t length = sizeof *from;
        memset(from, 0, sizeof *from);
        ssize_t got = recvfrom(fd, bytes, size, 0, (struct sockaddr *)from, &length);
        if (got < 0)
            return got;
        if (strcmp(from->sun_path, client_path[0]) == 0 &&
            length == (socklen_t)(sizeof(sa_family_t) + strlen(client_path[0]) + 1))
            return got;
        unsigned number;
        if (strcmp(from->sun_path, intruder_path) != 0 || got != (ssize_t)sizeof number) {
            printf("server 0: a datagram of %d bytes from \"%s\" (length %u)\n", (int)got, from->sun_path,
                   (unsigned)length);
            _exit(250);
        }
        memcpy(&number, bytes, sizeof number);
        if (number != intrusions_taken) {
            printf("server 0: the intruder's datagram %u came as number %u\n", intrusions_taken, number);
            _exit(249);
        }
        intrusions_taken++;
    }
}

/* The server: each request whole and right, answered with its sum (and 4
 * bytes the client's buffer cuts off); then the burst, in order; pair 0's
 * then the rest of the intruder's datagrams. */
static void serve(int fd, int pair)
{
    static unsigned char request[LARGEST + 100];
    struct sockaddr_un from;
    for (unsigned sequence = 0; sequence < ROUND_TRIPS; sequence++) {
        unsigned size = request_size(sequence), sum = 0;
        ssize_t got = pair == 0 ? receive_from_client(fd, request, sizeof request, &from)
                                : receive_one(fd, pair, request, sizeof request);
        if (got != (ssize_t)size) {
            printf("server %d: request %u is %d bytes, %u expected\n", pair, sequence, (int)got, size);
            _exit(255);
        }
        for (unsigned i = 0; i < size; i++) {
            if (request[i] != pattern(sequence, i)) {
                printf("server %d: request %u: byte %u is %u, %u expected\n", pair, sequence, i, request[i],
                       pattern(sequence, i));
                _exit(1 + (int)(sequence & 0x7f));
            }
            sum += request[i];
        }
        unsigned answer[2] = { sum, ~sum };
        ssize_t sent;
        if (pair == 0) {
            do
                sent = sendto(fd, answer, sizeof answer, 0, (struct sockaddr *)&from, sizeof from);
            while (sent < 0 && errno == EINTR);
        } else {
            sent = send_one(fd, pair, answer, sizeof answer);
        }
        if (sent != (ssize_t)sizeof answer) {
            printf("server %d: answer %u: %d (errno %d)\n", pair, sequence, (int)sent, errno);
            _exit(254);
        }
    }
    for (unsigned sequence = 0; sequence < BURST; sequence++) {
        unsigned numbered[3];
        ssize_t got = pair == 0 ? receive_from_client(fd, numbered, sizeof numbered, &from)
                                : receive_one(fd, pair, numbered, sizeof numbered);
        if (got != (ssize_t)(2 * sizeof(unsigned)) || numbered[0] != sequence || numbered[1] != sequence * 7u) {
            printf("server %d: burst datagram %u: %d bytes, number %u\n", pair, sequence, (int)got, numbered[0]);
            _exit(253);
        }
    }
    if (pair == 0) {
        while (intrusions_taken < INTRUSIONS) {
            unsigned number;
            socklen_t length = sizeof from;
            ssize_t got = recvfrom(fd, &number, sizeof number, 0, (struct sockaddr *)&from, &length);
            if (got != (ssize_t)sizeof number || number != intrusions_taken ||
                strcmp(from.sun_path, intruder_path) != 0) {
                printf("server 0: after the burst, %d bytes from \"%s\", number %u of %u\n", (int)got,
                       from.sun_path, number, intrusions_taken);
                _exit(252);
            }
            intrusions_taken++;
        }
    }
    _exit(0);
}

/* The client: every request, every answer checked; then the burst from
 * the other CPU. */
static void call(int fd, int pair, int cpus)
{
    int other_cpu = (pair + 1) % cpus;
    static unsigned char request[LARGEST];
    for (unsigned sequence = 0; sequence < ROUND_TRIPS; sequence++) {
        unsigned size = request_size(sequence), sum = 0;
        for (unsigned i = 0; i < size; i++) {
            request[i] = pattern(sequence, i);
            sum += request[i];
        }
        if (send_one(fd, pair, request, size) != (ssize_t)size)
            _exit(255);
        unsigned answer = 0;
        ssize_t got = receive_one(fd, pair, &answer, sizeof answer);
        if (got != (ssize_t)sizeof answer || answer != sum) {
            printf("client %d: answer %u: %d bytes, %u (%u expected)\n", pair, sequence, (int)got, answer, sum);
            _exit(1 + (int)(sequence & 0x7f));
        }
    }
    keep_to_cpu(other_cpu);
    for (unsigned sequence = 0; sequence < BURST; sequence++) {
        unsigned numbered[2] = { sequence, sequence * 7u };
        if (send_one(fd, pair, numbered, sizeof numbered) != (ssize_t)sizeof numbered) {
            printf("client %d: the burst stopped at %u\n", pair, sequence);
            _exit(252);
        }
    }
    _exit(0);
}

/* The intruder: INTRUSIONS numbered datagrams by path into pair 0's
 * server, a few hundred microseconds apart; each time pair 1's server,
 * connected to its client, refuses one. */
static pid_t start_intruder(int cpus)
{
    int fd = bound_datagram_socket(intruder_path);
    fflush(stdout);
    pid_t intruder = fork();
    if (intruder == 0) {
        keep_to_cpu(1 % cpus);
        struct sockaddr_un open_server = address_of(server_path[0]), connected = address_of(server_path[1]);
        struct timespec pause = { 0, 300000 };
        for (unsigned number = 0; number < INTRUSIONS; number++) {
            if (sendto(fd, &number, sizeof number, 0, (struct sockaddr *)&open_server, sizeof open_server) !=
                (ssize_t)sizeof number) {
                printf("intruder: datagram %u: errno %d\n", number, errno);
                _exit(1);
            }
            if (sendto(fd, &number, sizeof number, 0, (struct sockaddr *)&connected, sizeof connected) >= 0 ||
                errno != EPERM) {
                printf("intruder: a socket connected elsewhere took datagram %u (errno %d)\n", number, errno);
                _exit(2);
            }
            nanosleep(&pause, 0);
        }
        _exit(0);
    }
    close(fd);
    return intruder;
}

static void named_datagrams_arrive_once_whichever_way_their_calls_go(void)
{
    int cpus = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
    struct kinfo_counters before = read_counters();
    restart_after_interruptions();     /* before the fork: the pester may come first */
    for (int pair = 0; pair < 2; pair++) {
        snprintf(server_path[pair], sizeof server_path[pair], "/tmp/named-datagram-server-%d", pair);
        snprintf(client_path[pair], sizeof client_path[pair], "/tmp/named-datagram-client-%d", pair);
    }
    snprintf(intruder_path, sizeof intruder_path, "/tmp/named-datagram-intruder");
    int ends[2][2];
    for (int pair = 0; pair < 2; pair++) {
        ends[pair][1] = bound_datagram_socket(server_path[pair]);
        ends[pair][0] = bound_datagram_socket(client_path[pair]);
        connect_to_path(ends[pair][0], server_path[pair]);
    }
    connect_to_path(ends[1][1], client_path[1]);   /* pair 1: connected both ways */
    pid_t intruder = start_intruder(cpus);
    run_two_pairs_polled_and_interrupted(ends, cpus, serve, call);
    int status;
    CHECK_EQ(intruder, waitpid(intruder, &status, 0), "waitpid for the intruder");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the intruder: every datagram taken or refused (0x%x)",
          status);
    for (int pair = 0; pair < 2; pair++) {
        unlink(server_path[pair]);
        unlink(client_path[pair]);
    }
    unlink(intruder_path);
    /* both ways: pair 0's server answers by path, with the big lock */
    expect_calls_both_ways("named datagrams: 1500 round trips and a burst of 3000 each, and 300 by path, "
                           "every datagram checked",
                           before, cpus, ROUND_TRIPS);
    /* pair 1's sends and receives, and pair 0's client's, nearly all went
     * without it (the kernel before the sockets' own locks: 263 of them) */
    unsigned without = read_counters().calls_without_big_lock - before.calls_without_big_lock;
    if (cpus > 1)
        CHECK(without >= 2 * ROUND_TRIPS, "at least %u calls went without the big lock (%u)", 2 * ROUND_TRIPS,
              without);
}

int main(void)
{
    alarm(200);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    run_cases_checking_leaks(named_datagrams_arrive_once_whichever_way_their_calls_go);
    return test_finish("socket_named_datagrams_on_two_cpus_arrive_once");
}

/* tests/boot/socket_pairs_on_two_cpus_keep_every_byte.c
 * - two pairs of processes, each pair kept to its own CPU, make round
 * trips over an AF_UNIX stream connection of their own, and every byte
 * arrives once and unchanged while their reads and writes go both ways
 * such a call can go on several CPUs (docs/smp.md, "A local socket
 * without the big lock"): without the big kernel lock, under the
 * connection's own lock, and with it, when something sends them there:
 *   - pair 0's connection is a socketpair, and its server has a second
 *     thread (asleep) and uses readv and writev: a process of several
 *     threads takes the big lock for them (not for read and write), and
 *     while its read waits that way its client's writes take the big
 *     lock too;
 *   - pair 1's connection is made by connect() to a listener of an
 *     abstract name and accept(); its client uses send(2) and recv(2)
 *     instead of write and read, and its server sendmsg(2) and
 *     recvmsg(2) of one buffer (recvmsg offered a control buffer, which
 *     must stay empty, with msg_flags 0); a poller polls a copy of the client's
 *     end (while its watches are on the connection, its calls take the
 *     big lock), and the client is interrupted by SIGUSR1 again and again
 *     (a handler with SA_RESTART: a wait without the big lock ends, and
 *     the read goes the big lock's way, to restart there);
 *   - every tenth message is 6000 bytes, which the big lock's way splits
 *     when the room there is does not take it whole.
 * The protocol is boot_byte_messages.h's; after it each client streams
 * 1 MiB that its server checks as it reads, both ends at once on one
 * ring. Then each client shuts down writing, and its server's next read
 * is the end of the stream. On
 * one CPU both pairs share it, every call takes the usual way, and the
 * same holds. At the end the kernel's counters (tasks, sockets, pages)
 * are back. */
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "boot_byte_messages.h"
#include "boot_pairs.h"

#define STREAM_BYTES (1024 * 1024)

static unsigned char stream_byte(unsigned position)
{
    return (unsigned char)(position * 13u + (position >> 11));
}

/* After the round trips, the client moves to the other CPU and streams
 * STREAM_BYTES in writes of 1 to 3000 bytes while the server reads them
 * as they come: both ends change one ring at the same time. */
static void stream_out(int fd, int other_cpu)
{
    keep_to_cpu(other_cpu);
    static unsigned char chunk[3000];
    for (unsigned position = 0, size; position < STREAM_BYTES; position += size) {
        size = 1 + position * 7u % sizeof chunk;
        if (size > STREAM_BYTES - position)
            size = STREAM_BYTES - position;
        for (unsigned i = 0; i < size; i++)
            chunk[i] = stream_byte(position + i);
        if (write_all(fd, chunk, size) < 0) {
            printf("client: the stream stopped at byte %u\n", position);
            _exit(255);
        }
    }
}

static void stream_in(int fd)
{
    static unsigned char chunk[4096];
    for (unsigned position = 0; position < STREAM_BYTES; position += sizeof chunk) {
        if (read_all(fd, chunk, sizeof chunk) < 0) {
            printf("server: the stream stopped at byte %u\n", position);
            _exit(255);
        }
        for (unsigned i = 0; i < sizeof chunk; i++)
            if (chunk[i] != stream_byte(position + i)) {
                printf("server: stream byte %u is %u, %u expected\n", position + i, chunk[i],
                       stream_byte(position + i));
                _exit(253);
            }
    }
}

/* The server's end: every message, the stream, then its end. Pair 0's
 * has a second thread and uses readv and writev; pair 1's sendmsg and
 * recvmsg. */
static void serve(int fd, int pair)
{
    pthread_t sleeper;
    byte_message_calls = pair == 1 ? BY_SENDMSG_AND_RECVMSG : BY_READV_AND_WRITEV;
    if (pair == 0 && pthread_create(&sleeper, 0, pair_thread_sleeping_for_ever, 0) != 0)
        _exit(255);
    serve_byte_messages(fd, fd);
    stream_in(fd);
    char extra;
    ssize_t got = read(fd, &extra, 1);
    if (got != 0) {
        printf("server: after the last message read gave %d, not the end of the stream\n", (int)got);
        _exit(254);
    }
    _exit(0);
}

/* The client's end: every message, the stream (from the other CPU),
 * then SHUT_WR, then the end of the stream once its server has closed.
 * Pair 0's uses read and write, pair 1's send and recv. */
static void call(int fd, int pair, int cpus)
{
    byte_message_calls = pair == 1 ? BY_SEND_AND_RECV : BY_READ_AND_WRITE;
    call_with_byte_messages(fd, fd);
    stream_out(fd, (pair + 1) % cpus);
    char extra;
    if (shutdown(fd, SHUT_WR) < 0 || read(fd, &extra, 1) != 0) {
        printf("client: no end of the stream after SHUT_WR\n");
        _exit(254);
    }
    _exit(0);
}

/* A connection through a listener of an abstract name: the client's end
 * in fd[0], the server's in fd[1]. */
static void connect_through_a_listener(int fd[2])
{
    struct sockaddr_un name;
    memset(&name, 0, sizeof name);
    name.sun_family = AF_UNIX;
    memcpy(name.sun_path, "\0socket-pairs", 13);
    socklen_t length = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 13);
    int listener = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK(listener >= 0, "socket");
    CHECK_EQ(0, bind(listener, (struct sockaddr *)&name, length), "bind to an abstract name");
    CHECK_EQ(0, listen(listener, 1), "listen");
    fd[0] = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK_EQ(0, connect(fd[0], (struct sockaddr *)&name, length), "connect");
    fd[1] = accept(listener, 0, 0);
    CHECK(fd[1] >= 0, "accept");
    close(listener);
}

static void pairs_keep_every_byte_whichever_way_their_calls_go(void)
{
    int cpus = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
    struct kinfo_counters before = read_counters();
    restart_after_interruptions();     /* before the fork: the pester may come first */
    int ends[2][2];
    CHECK_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, ends[0]), "socketpair");
    connect_through_a_listener(ends[1]);
    run_two_pairs_polled_and_interrupted(ends, cpus, serve, call);
    /* both ways: pair 0's server calls with the big lock, and its client
     * meets it waiting that way for most of its writes */
    expect_calls_both_ways("socket pairs: 1500 round trips each, every byte checked", before, cpus,
                           BYTE_ROUND_TRIPS / 2);
}

int main(void)
{
    alarm(200);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    signal(SIGPIPE, SIG_IGN);
    run_cases_checking_leaks(pairs_keep_every_byte_whichever_way_their_calls_go);
    return test_finish("socket_pairs_on_two_cpus_keep_every_byte");
}

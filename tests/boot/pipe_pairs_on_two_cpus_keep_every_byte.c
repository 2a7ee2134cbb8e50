/* tests/boot/pipe_pairs_on_two_cpus_keep_every_byte.c
 * - two pairs of processes, each pair kept to its own CPU, make round
 * trips through pipes of their own, and every byte arrives once and
 * unchanged while their calls go both ways a pipe call can go on
 * several CPUs (docs/smp.md, "A pipe without the big lock"): without
 * the big kernel lock, under the pipe's own lock, and with it, when
 * something sends them there:
 *   - pair 0's answers are watched by a poller (poll(2) on a copy of the
 *     read end): while its watches are on the pipe, the writes take the
 *     big lock;
 *   - pair 1's client is interrupted by SIGUSR1 again and again (a
 *     handler with SA_RESTART): a wait without the big lock ends, and
 *     the call goes the big lock's way, to restart there;
 *   - every tenth message is bigger than PIPE_BUF (4096 bytes), which
 *     only the big lock's way writes, split.
 * Each message is a length-prefixed run of bytes of a pattern its
 * sequence number gives; the server checks every byte and answers with
 * the sum it read; the client checks the sum. On one CPU both pairs
 * share it, every call takes the usual way, and the same holds. At the
 * end the kernel's counters (tasks, pipes, pages) are back. */
#include <stdio.h>
#include <signal.h>
#include <string.h>

#include "boot_pairs.h"

#define ROUND_TRIPS 1500
#define BIG_MESSAGE 6000                 /* past PIPE_BUF: the big lock's way, maybe split */

static unsigned char pattern(unsigned sequence, unsigned index)
{
    return (unsigned char)(sequence * 31u + index * 7u + 1u);
}

static unsigned message_size(unsigned sequence)
{
    return sequence % 10 == 9 ? BIG_MESSAGE : 1 + sequence * 37u % 600;
}

/* Reads exactly `size` bytes (a signal may cut a read short: SA_RESTART
 * restarts only a read that had read nothing). 0, or -1 at end of file
 * or an error. */
static int read_all(int fd, void *buffer, unsigned size)
{
    unsigned char *bytes = buffer;
    while (size) {
        ssize_t got = read(fd, bytes, size);
        if (got <= 0)
            return -1;
        bytes += got;
        size -= (unsigned)got;
    }
    return 0;
}

static int write_all(int fd, const void *buffer, unsigned size)
{
    const unsigned char *bytes = buffer;
    while (size) {
        ssize_t put = write(fd, bytes, size);
        if (put <= 0)
            return -1;
        bytes += put;
        size -= (unsigned)put;
    }
    return 0;
}

/* The server: reads each message, checks it, answers with its sum.
 * Exit status 0 when all were right, else the first bad sequence's
 * low byte (or 255 on a lost message). */
static void serve(int requests, int answers)
{
    static unsigned char message[BIG_MESSAGE];
    for (unsigned sequence = 0; sequence < ROUND_TRIPS; sequence++) {
        unsigned size = 0;
        if (read_all(requests, &size, sizeof size) < 0 || size != message_size(sequence) ||
            read_all(requests, message, size) < 0) {
            printf("server: message %u: size %u, %u expected, or a read failed\n", sequence, size,
                   message_size(sequence));
            _exit(255);
        }
        unsigned sum = 0;
        for (unsigned i = 0; i < size; i++) {
            if (message[i] != pattern(sequence, i)) {
                printf("server: message %u: byte %u of %u is %u, %u expected\n", sequence, i, size, message[i],
                       pattern(sequence, i));
                _exit(1 + (int)(sequence & 0x7f));
            }
            sum += message[i];
        }
        if (write_all(answers, &sum, sizeof sum) < 0)
            _exit(255);
    }
    _exit(0);
}

static volatile sig_atomic_t interruptions;

static void count_interruption(int signal_number)
{
    (void)signal_number;
    interruptions++;
}

/* The client: sends each message, checks each answer. Exit status as
 * serve's. */
static void call(int requests, int answers)
{
    static unsigned char message[sizeof(unsigned) + BIG_MESSAGE];
    for (unsigned sequence = 0; sequence < ROUND_TRIPS; sequence++) {
        unsigned size = message_size(sequence), sum = 0;
        memcpy(message, &size, sizeof size);
        for (unsigned i = 0; i < size; i++) {
            message[sizeof size + i] = pattern(sequence, i);
            sum += pattern(sequence, i);
        }
        unsigned answer;
        if (write_all(requests, message, sizeof size + size) < 0 || read_all(answers, &answer, sizeof answer) < 0)
            _exit(255);
        if (answer != sum) {
            printf("client: message %u of %u bytes: answer %u, %u expected\n", sequence, size, answer, sum);
            _exit(1 + (int)(sequence & 0x7f));
        }
    }
    _exit(0);
}

/* One pair on `cpu`: a server and a client with a pipe each way. The
 * client's pid in *client (for the pester), the answers' read end in
 * *watch (for the poller, which the caller closes). */
static void start_pair(int cpu, pid_t *server, pid_t *client, int *watch)
{
    int requests[2], answers[2];
    CHECK_EQ(0, pipe(requests), "pipe for requests");
    CHECK_EQ(0, pipe(answers), "pipe for answers");
    if ((*server = fork()) == 0) {
        keep_to_cpu(cpu);
        close(requests[1]);
        close(answers[0]);
        serve(requests[0], answers[1]);
    }
    if ((*client = fork()) == 0) {
        keep_to_cpu(cpu);
        close(requests[0]);
        close(answers[1]);
        call(requests[1], answers[0]);
    }
    close(requests[0]);
    close(requests[1]);
    close(answers[1]);
    *watch = answers[0];
}

static void pairs_keep_every_byte_whichever_way_their_calls_go(void)
{
    int cpus = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
    struct kinfo_counters before = read_counters();
    /* the clients' handler, set before they are forked: the pester may
     * come before a client has run at all */
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = count_interruption;
    action.sa_flags = SA_RESTART;
    CHECK_EQ(0, sigaction(SIGUSR1, &action, 0), "sigaction");
    pid_t server[2], client[2];
    int watch[2];
    for (int pair = 0; pair < 2; pair++)
        start_pair(pair % cpus, &server[pair], &client[pair], &watch[pair]);
    close(watch[1]);

    pid_t poller = start_polling(watch[0]);   /* watches pair 0's answers, never takes them */
    close(watch[0]);
    pid_t pester = fork();
    if (pester == 0) {                   /* interrupts pair 1's client */
        struct timespec pause = { 0, 500000 };
        for (;;) {
            if (kill(client[1], SIGUSR1) < 0)
                _exit(0);
            nanosleep(&pause, 0);
        }
    }

    for (int pair = 0; pair < 2; pair++)
        expect_pair_done(pair, client[pair], server[pair]);
    kill(poller, SIGKILL);
    kill(pester, SIGKILL);
    waitpid(poller, 0, 0);
    waitpid(pester, 0, 0);
    /* both ways: at least the big messages' writes (one in ten, two
     * pairs) take the big lock */
    expect_calls_both_ways("pipe pairs: 1500 round trips each, every byte checked", before, cpus,
                           2 * ROUND_TRIPS / 10);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_warm_up(tasks);

    pairs_keep_every_byte_whichever_way_their_calls_go();

    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("pipe_pairs_on_two_cpus_keep_every_byte");
}

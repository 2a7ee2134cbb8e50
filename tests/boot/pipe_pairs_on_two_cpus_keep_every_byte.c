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
 *     only the big lock's way writes, split;
 *   - pair 1 reads and writes with readv and writev, two pieces each.
 * Each message is a length-prefixed run of bytes of a pattern its
 * sequence number gives; the server checks every byte and answers with
 * the sum it read; the client checks the sum. On one CPU both pairs
 * share it, every call takes the usual way, and the same holds. At the
 * end the kernel's counters (tasks, pipes, pages) are back. */
#include <stdio.h>
#include <signal.h>
#include <string.h>

#include "boot_byte_messages.h"
#include "boot_pairs.h"

static volatile sig_atomic_t interruptions;

static void count_interruption(int signal_number)
{
    (void)signal_number;
    interruptions++;
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
        serve_byte_messages(requests[0], answers[1]);
        _exit(0);
    }
    if ((*client = fork()) == 0) {
        keep_to_cpu(cpu);
        close(requests[0]);
        close(answers[1]);
        call_with_byte_messages(requests[1], answers[0]);
        _exit(0);
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
    for (int pair = 0; pair < 2; pair++) {
        byte_message_calls = pair == 1 ? BY_READV_AND_WRITEV : BY_READ_AND_WRITE;   /* its children's */
        start_pair(pair % cpus, &server[pair], &client[pair], &watch[pair]);
    }
    byte_message_calls = BY_READ_AND_WRITE;
    close(watch[1]);

    pid_t poller = start_polling(watch[0]);   /* watches pair 0's answers, never takes them */
    close(watch[0]);
    pid_t pester = start_interrupting(client[1]);   /* pair 1's client */

    for (int pair = 0; pair < 2; pair++)
        expect_pair_done(pair, client[pair], server[pair]);
    end_helpers(poller, pester);
    /* both ways: at least the big messages' writes (one in ten, two
     * pairs) take the big lock */
    expect_calls_both_ways("pipe pairs: 1500 round trips each, every byte checked", before, cpus,
                           2 * BYTE_ROUND_TRIPS / 10);
    /* pair 1's readv and writev go without it too: 12,434 calls in all
     * in a run; the kernel before sent them the big lock's way, 5,959 */
    unsigned without = read_counters().calls_without_big_lock - before.calls_without_big_lock;
    if (cpus > 1)
        CHECK(without >= 8000, "readv and writev went without the big lock too (%u calls in all)", without);
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

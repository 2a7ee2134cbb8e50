/* tests/boot/mq_pairs_on_two_cpus_keep_every_message.c
 * - two pairs of processes, each pair kept to its own CPU with two POSIX
 * message queues of its own (requests, answers), make round trips, and
 * every message arrives once, unchanged and with its priority, while
 * their calls go both ways a queue call can go on several CPUs
 * (docs/smp.md, "POSIX queues without the big lock"): without the big
 * kernel lock, under the queue's own lock, and with it, when something
 * sends them there:
 *   - one request in eight is sent with mq_timedsend and a timeout, which
 *     only the big lock's way takes;
 *   - pair 0's server takes one request in five with mq_timedreceive and
 *     a timeout;
 *   - a poller watches pair 0's answers (poll(2) on the queue): while its
 *     watches are on it, the calls on it take the big lock;
 *   - pair 1's client and server are stopped and continued (SIGSTOP,
 *     SIGCONT) again and again: a wait without the big lock ends, and the
 *     call goes the big lock's way, to be restarted there.
 * Each request carries its sequence number, a priority its number gives
 * and a body its number gives; the server checks all three (in order, none
 * twice, none missing) and answers with the body's sum and the body
 * reversed; the client checks both. On one CPU both pairs share it and
 * every call takes the usual way; the same holds. At the end the kernel's
 * counters (tasks, queues, pages) are back. */
#include <errno.h>
#include <mqueue.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "boot_pairs.h"

#define ROUND_TRIPS 3000
#define MESSAGE_SIZE 256

static unsigned char pattern(unsigned sequence, unsigned index)
{
    return (unsigned char)(sequence * 17u + index * 3u + 11u);
}

static unsigned body_length(unsigned sequence)
{
    return 8 + sequence * 43u % (MESSAGE_SIZE - 8);
}

/* A timeout far enough that it never ends a wait here. */
static const struct timespec *far_future(void)
{
    static struct timespec when;
    clock_gettime(CLOCK_REALTIME, &when);
    when.tv_sec += 3600;
    return &when;
}

/* The server: takes each request, checks it, answers. `alternate`: one
 * request in five with mq_timedreceive. Exit status 0 when all were
 * right, else 1 + the first bad sequence's low bits (255: a call failed). */
static void serve(mqd_t requests, mqd_t answers, int alternate)
{
    static char request[MESSAGE_SIZE], answer[MESSAGE_SIZE];
    for (unsigned sequence = 0; sequence < ROUND_TRIPS; sequence++) {
        unsigned priority;
        ssize_t got = alternate && sequence % 5 == 4
                          ? mq_timedreceive(requests, request, sizeof request, &priority, far_future())
                          : mq_receive(requests, request, sizeof request, &priority);
        if (got < 0) {
            printf("server: request %u: %s\n", sequence, strerror(errno));
            _exit(255);
        }
        unsigned number, length = (unsigned)got, sum = 0;
        memcpy(&number, request, sizeof number);
        if (number != sequence || length != body_length(sequence) || priority != sequence % 7) {
            printf("server: request %u: number %u length %u priority %u\n", sequence, number, length, priority);
            _exit(1 + (int)(sequence & 0x7f));
        }
        for (unsigned i = sizeof number; i < length; i++) {
            if ((unsigned char)request[i] != pattern(sequence, i)) {
                printf("server: request %u: byte %u is %u, %u expected\n", sequence, i,
                       (unsigned char)request[i], pattern(sequence, i));
                _exit(1 + (int)(sequence & 0x7f));
            }
            sum += (unsigned char)request[i];
        }
        memcpy(answer, &sum, sizeof sum);
        for (unsigned i = sizeof sum; i < length; i++)
            answer[i] = request[length - 1 - i + sizeof sum];
        if (mq_send(answers, answer, length, 0) < 0) {
            printf("server: answer %u: %s\n", sequence, strerror(errno));
            _exit(255);
        }
    }
    _exit(0);
}

/* The client: sends each request (one in eight with mq_timedsend), checks
 * each answer. Exit status as serve's. */
static void call(mqd_t requests, mqd_t answers)
{
    static char request[MESSAGE_SIZE], answer[MESSAGE_SIZE];
    for (unsigned sequence = 0; sequence < ROUND_TRIPS; sequence++) {
        unsigned length = body_length(sequence), sum = 0;
        memcpy(request, &sequence, sizeof sequence);
        for (unsigned i = sizeof sequence; i < length; i++) {
            request[i] = (char)pattern(sequence, i);
            sum += pattern(sequence, i);
        }
        int sent = sequence % 8 == 7 ? mq_timedsend(requests, request, length, sequence % 7, far_future())
                                     : mq_send(requests, request, length, sequence % 7);
        ssize_t got = sent < 0 ? -1 : mq_receive(answers, answer, sizeof answer, 0);
        if (got < 0) {
            printf("client: round trip %u: %s\n", sequence, strerror(errno));
            _exit(255);
        }
        unsigned answered;
        memcpy(&answered, answer, sizeof answered);
        int right = (unsigned)got == length && answered == sum;
        for (unsigned i = sizeof sum; right && i < length; i++)
            right = (unsigned char)answer[i] == pattern(sequence, length - 1 - i + sizeof sum);
        if (!right) {
            printf("client: round trip %u: answer of %d bytes, sum %u (%u expected)\n", sequence, (int)got,
                   answered, sum);
            _exit(1 + (int)(sequence & 0x7f));
        }
    }
    _exit(0);
}

static void pairs_keep_every_message_whichever_way_they_go(void)
{
    int cpus = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
    struct kinfo_counters before = read_counters();
    struct mq_attr attributes = { .mq_maxmsg = 4, .mq_msgsize = MESSAGE_SIZE };
    pid_t server[2], client[2];
    mqd_t answers_of_pair_0 = -1;
    for (int pair = 0; pair < 2; pair++) {
        char requests_name[40], answers_name[40];
        snprintf(requests_name, sizeof requests_name, "/pairs_%d_%d_requests", (int)getpid(), pair);
        snprintf(answers_name, sizeof answers_name, "/pairs_%d_%d_answers", (int)getpid(), pair);
        mqd_t requests = mq_open(requests_name, O_RDWR | O_CREAT | O_EXCL, 0600, &attributes);
        mqd_t answers = mq_open(answers_name, O_RDWR | O_CREAT | O_EXCL, 0600, &attributes);
        CHECK(requests >= 0 && answers >= 0, "mq_open for pair %d: %s", pair, strerror(errno));
        mq_unlink(requests_name);            /* they live while open */
        mq_unlink(answers_name);
        if ((server[pair] = fork()) == 0) {
            keep_to_cpu(pair % cpus);
            serve(requests, answers, pair == 0);
        }
        if ((client[pair] = fork()) == 0) {
            keep_to_cpu(pair % cpus);
            call(requests, answers);
        }
        mq_close(requests);
        if (pair == 0)
            answers_of_pair_0 = answers;
        else
            mq_close(answers);
    }
    pid_t poller = start_polling(answers_of_pair_0);   /* watches pair 0's answers, never takes them */
    mq_close(answers_of_pair_0);
    pid_t pester = start_stopping_and_continuing(client[1], server[1]);   /* pair 1 */

    for (int pair = 0; pair < 2; pair++)
        expect_pair_done(pair, client[pair], server[pair]);
    end_helpers(poller, pester);
    /* both ways: at least the timed sends (one in eight, two pairs) take
     * the big lock */
    expect_calls_both_ways("POSIX queue pairs: 3000 round trips each, every message checked", before, cpus,
                           2 * (ROUND_TRIPS / 8));
}

int main(void)
{
    alarm(200);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_warm_up(tasks);

    pairs_keep_every_message_whichever_way_they_go();

    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("mq_pairs_on_two_cpus_keep_every_message");
}

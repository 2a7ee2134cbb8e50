/* tests/boot/mbox_pairs_on_two_cpus_keep_every_message.c
 * - two pairs of processes, each pair kept to its own CPU with two
 * rendezvous mailboxes (capacity 0) of its own, make round trips, and
 * every message arrives once and unchanged while their calls go both ways
 * a mailbox call can go on several CPUs (docs/smp.md, "Mailboxes
 * without the big lock"): without the big kernel lock, under the
 * mailbox's own lock, and with it, when something sends them there:
 *   - one request in eight is sent from a message that straddles a page
 *     boundary, which only the big lock's way copies;
 *   - pair 0's server takes one request in five with MSG_NONBLOCK (the
 *     big lock's way), trying again while there is none;
 *   - a poller watches pair 0's answers (poll(2) on the mailbox): while
 *     its watches are on it, the calls on it take the big lock;
 *   - pair 1's client and server are stopped and continued (SIGSTOP,
 *     SIGCONT) again and again: a wait without the big lock ends, and the
 *     call goes the big lock's way, to be restarted there.
 * Each request carries its sequence number and a body its number gives;
 * the server checks the number (in order, none twice, none missing) and
 * every byte, and answers with the body's sum and the body reversed; the
 * client checks both. On one CPU both pairs share it, every call takes
 * the usual way, and the same holds. At the end the kernel's counters
 * (tasks, mailboxes, messages, pages) are back. */
#include <errno.h>
#include <ipc.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "boot_pairs.h"

#define ROUND_TRIPS 3000
#define PAGE 4096

static unsigned char pattern(unsigned sequence, unsigned index)
{
    return (unsigned char)(sequence * 13u + index * 5u + 7u);
}

static unsigned body_length(unsigned sequence)
{
    return 8 + sequence * 41u % (MSG_BODY_MAX - 8);
}

/* The server: takes each request from `requests`, checks it, answers on
 * `answers`. `alternate`: one request in five taken with MSG_NONBLOCK.
 * Exit status 0 when all were right, else 1 + the first bad sequence's
 * low bits (255: a call failed). */
static void serve(int requests, int answers, int alternate)
{
    static struct message m, answer;
    for (unsigned sequence = 0; sequence < ROUND_TRIPS; sequence++) {
        int status;
        if (alternate && sequence % 5 == 4) {
            while ((status = mbox_recv(requests, &m, MSG_NONBLOCK)) < 0 && errno == EAGAIN)
                sched_yield();
        } else {
            status = mbox_recv(requests, &m, 0);
        }
        if (status < 0) {
            printf("server: request %u: %s\n", sequence, strerror(errno));
            _exit(255);
        }
        unsigned got, length = m.len, sum = 0;
        memcpy(&got, m.body, sizeof got);
        if (m.type != 1 || got != sequence || length != body_length(sequence)) {
            printf("server: request %u: type %d number %u length %u\n", sequence, m.type, got, length);
            _exit(1 + (int)(sequence & 0x7f));
        }
        for (unsigned i = sizeof got; i < length; i++) {
            if ((unsigned char)m.body[i] != pattern(sequence, i)) {
                printf("server: request %u: byte %u is %u, %u expected\n", sequence, i,
                       (unsigned char)m.body[i], pattern(sequence, i));
                _exit(1 + (int)(sequence & 0x7f));
            }
            sum += (unsigned char)m.body[i];
        }
        answer.type = 2;
        answer.len = length;
        memcpy(answer.body, &sum, sizeof sum);
        for (unsigned i = sizeof sum; i < length; i++)
            answer.body[i] = m.body[length - 1 - i + sizeof sum];
        if (mbox_send(answers, &answer, 0) < 0) {
            printf("server: answer %u: %s\n", sequence, strerror(errno));
            _exit(255);
        }
    }
    _exit(0);
}

/* The client: sends each request, checks each answer; one request in
 * eight from across a page boundary. Exit status as serve's. */
static void call(int requests, int answers)
{
    static unsigned char pages[3 * PAGE];
    unsigned char *boundary = (unsigned char *)(((unsigned long)pages + 2 * PAGE - 1) & ~(unsigned long)(PAGE - 1));
    struct message *across = (struct message *)(boundary - 100);
    static struct message aligned, answer;
    for (unsigned sequence = 0; sequence < ROUND_TRIPS; sequence++) {
        struct message *m = sequence % 8 == 7 ? across : &aligned;
        unsigned length = body_length(sequence), sum = 0;
        m->type = 1;
        m->len = length;
        memcpy(m->body, &sequence, sizeof sequence);
        for (unsigned i = sizeof sequence; i < length; i++) {
            m->body[i] = (char)pattern(sequence, i);
            sum += pattern(sequence, i);
        }
        if (mbox_send(requests, m, 0) < 0 || mbox_recv(answers, &answer, 0) < 0) {
            printf("client: round trip %u: %s\n", sequence, strerror(errno));
            _exit(255);
        }
        unsigned answered;
        memcpy(&answered, answer.body, sizeof answered);
        int right = answer.type == 2 && answer.len == length && answered == sum;
        for (unsigned i = sizeof sum; right && i < length; i++)
            right = (unsigned char)answer.body[i] == pattern(sequence, length - 1 - i + sizeof sum);
        if (!right) {
            printf("client: round trip %u: answer type %d length %u sum %u (%u expected)\n", sequence,
                   answer.type, answer.len, answered, sum);
            _exit(1 + (int)(sequence & 0x7f));
        }
    }
    _exit(0);
}

static void pairs_keep_every_message_whichever_way_they_go(void)
{
    int cpus = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
    struct kinfo_counters before = read_counters();
    pid_t server[2], client[2];
    int answers_of_pair_0 = -1;
    for (int pair = 0; pair < 2; pair++) {
        char requests_name[32], answers_name[32];
        snprintf(requests_name, sizeof requests_name, "pairs_%d_%d_requests", (int)getpid(), pair);
        snprintf(answers_name, sizeof answers_name, "pairs_%d_%d_answers", (int)getpid(), pair);
        int requests = mbox_open(requests_name, O_CREAT | O_EXCL, 0);
        int answers = mbox_open(answers_name, O_CREAT | O_EXCL, 0);
        CHECK(requests >= 0 && answers >= 0, "mbox_open for pair %d: %s", pair, strerror(errno));
        mbox_unlink(requests_name);          /* they live while open */
        mbox_unlink(answers_name);
        if ((server[pair] = fork()) == 0) {
            keep_to_cpu(pair % cpus);
            serve(requests, answers, pair == 0);
        }
        if ((client[pair] = fork()) == 0) {
            keep_to_cpu(pair % cpus);
            call(requests, answers);
        }
        close(requests);
        if (pair == 0)
            answers_of_pair_0 = answers;
        else
            close(answers);
    }
    pid_t poller = start_polling(answers_of_pair_0);   /* watches pair 0's answers, never takes them */
    close(answers_of_pair_0);
    pid_t pester = start_stopping_and_continuing(client[1], server[1]);   /* pair 1 */

    for (int pair = 0; pair < 2; pair++)
        expect_pair_done(pair, client[pair], server[pair]);
    end_helpers(poller, pester);
    /* both ways: at least the requests from across a page boundary (one
     * in eight, two pairs) take the big lock */
    expect_calls_both_ways("mailbox pairs: 3000 round trips each, every message checked", before, cpus,
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
    return test_finish("mbox_pairs_on_two_cpus_keep_every_message");
}

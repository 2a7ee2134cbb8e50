/* tests/boot/msg_call_pairs_on_two_cpus_keep_every_message.c
 * - two client-server pairs, each kept to its own CPU, make msg_call
 * round trips, and every message and every reply arrives once and
 * unchanged while their calls go both ways a call can go on several CPUs
 * (docs/smp.md, "Message calls without the big lock"): without the big
 * kernel lock, under the peer's port lock, and with it, when something
 * sends them there:
 *   - one call in eight goes from a message that straddles a page
 *     boundary, which only the big lock's way copies;
 *   - pair 0's server answers one call in five with msg_reply and then
 *     waits in msg_recv (the big lock's way) instead of msg_reply_recv;
 *   - pair 1's client and server are stopped and continued (SIGSTOP,
 *     SIGCONT) again and again: a wait without the big lock ends, and the
 *     call is restarted, to wait again, the big lock's way, for what is
 *     still to come.
 * Each request carries its sequence number and a body of bytes its
 * number gives; the server checks the number (in order, none twice, none
 * missing) and every byte, and replies with the sum of the body and the
 * body reversed; the client checks both. On one CPU both pairs share it
 * and every call takes the usual way; the same holds. At the end the
 * kernel's counters (tasks, messages, pages) are back. */
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
    return (unsigned char)(sequence * 29u + index * 11u + 3u);
}

static unsigned body_length(unsigned sequence)
{
    return 8 + sequence * 37u % (MSG_BODY_MAX - 8);
}

/* The server: takes each call, checks it, answers. `alternate`: one
 * answer in five by msg_reply, then msg_recv. Exit status 0 when all
 * were right, else 1 + the first bad sequence's low bits (255: a call
 * failed). */
static void serve(int alternate)
{
    static struct message m;
    if (msg_recv(MSG_ANY, &m, 0) != 0)
        _exit(255);
    pid_t client = m.src;
    for (unsigned sequence = 0;; sequence++) {
        unsigned got, length = m.len, sum = 0;
        memcpy(&got, m.body, sizeof got);
        if (m.src != client || m.type != 1 || got != sequence || length != body_length(sequence)) {
            printf("server: call %u: from %d type %d number %u length %u\n", sequence, m.src, m.type, got, length);
            _exit(1 + (int)(sequence & 0x7f));
        }
        for (unsigned i = sizeof got; i < length; i++) {
            if ((unsigned char)m.body[i] != pattern(sequence, i)) {
                printf("server: call %u: byte %u is %u, %u expected\n", sequence, i,
                       (unsigned char)m.body[i], pattern(sequence, i));
                _exit(1 + (int)(sequence & 0x7f));
            }
            sum += (unsigned char)m.body[i];
        }
        static struct message answer;
        answer.type = 2;
        answer.len = length;
        memcpy(answer.body, &sum, sizeof sum);
        for (unsigned i = sizeof sum; i < length; i++)
            answer.body[i] = m.body[length - 1 - i + sizeof sum];
        if (sequence + 1 == ROUND_TRIPS) {
            if (msg_reply(client, &answer) != 0)
                _exit(255);
            _exit(0);
        }
        int status;
        if (alternate && sequence % 5 == 4) {
            status = msg_reply(client, &answer);
            if (status == 0)
                status = msg_recv(client, &m, 0);
        } else {
            m = answer;
            status = msg_reply_recv(client, &m, client, 0);
        }
        if (status != 0) {
            printf("server: after call %u: %s\n", sequence, strerror(errno));
            _exit(255);
        }
    }
}

/* The client: makes each call, checks each answer. One call in eight
 * from a message across a page boundary. Exit status as serve's. */
static void call(pid_t server)
{
    static unsigned char pages[3 * PAGE];
    unsigned char *boundary = (unsigned char *)(((unsigned long)pages + 2 * PAGE - 1) & ~(unsigned long)(PAGE - 1));
    struct message *across = (struct message *)(boundary - 100);
    static struct message aligned;
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
        if (msg_call(server, m) != 0) {
            printf("client: call %u: %s\n", sequence, strerror(errno));
            _exit(255);
        }
        unsigned answered;
        memcpy(&answered, m->body, sizeof answered);
        int right = m->src == server && m->type == 2 && m->len == length && answered == sum;
        for (unsigned i = sizeof sum; right && i < length; i++)
            right = (unsigned char)m->body[i] == pattern(sequence, length - 1 - i + sizeof sum);
        if (!right) {
            printf("client: call %u: answer from %d type %d length %u sum %u (%u expected)\n", sequence, m->src,
                   m->type, m->len, answered, sum);
            _exit(1 + (int)(sequence & 0x7f));
        }
    }
    _exit(0);
}

static void calls_keep_every_message_whichever_way_they_go(void)
{
    int cpus = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
    struct kinfo_counters before = read_counters();
    pid_t server[2], client[2];
    for (int pair = 0; pair < 2; pair++) {
        if ((server[pair] = fork()) == 0) {
            keep_to_cpu(pair % cpus);
            serve(pair == 0);
        }
        if ((client[pair] = fork()) == 0) {
            keep_to_cpu(pair % cpus);
            call(server[pair]);
        }
    }
    pid_t pester = start_stopping_and_continuing(client[1], server[1]);   /* pair 1 */

    for (int pair = 0; pair < 2; pair++)
        expect_pair_done(pair, client[pair], server[pair]);
    kill(pester, SIGKILL);
    waitpid(pester, 0, 0);
    /* both ways: at least the calls from across a page boundary (one in
     * eight, two pairs) take the big lock */
    expect_calls_both_ways("msg_call pairs: 3000 round trips each, every message checked", before, cpus,
                           2 * (ROUND_TRIPS / 8));
}

int main(void)
{
    alarm(200);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_warm_up(tasks);

    calls_keep_every_message_whichever_way_they_go();

    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("msg_call_pairs_on_two_cpus_keep_every_message");
}

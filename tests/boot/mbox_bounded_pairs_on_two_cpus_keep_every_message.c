/* tests/boot/mbox_bounded_pairs_on_two_cpus_keep_every_message.c - two
 * producers send numbered messages into bounded mailboxes of their own
 * (capacity 4 and capacity 1), each read by a consumer on the other CPU,
 * so that both CPUs hold, take and wait on each mailbox at once: every
 * message arrives once, in order and unchanged, while the calls go both
 * ways a mailbox call can go on several CPUs (docs/smp.md, "Mailboxes
 * without the big lock"): without the big kernel lock, under the
 * mailbox's own lock (a message held, taken, handed to a waiting
 * consumer; a producer waiting for room), and with it, when something
 * sends them there:
 *   - one message in eight is sent from a buffer that straddles a page
 *     boundary, which only the big lock's way copies;
 *   - pair 0's consumer takes one message in five with MSG_NONBLOCK (the
 *     big lock's way), trying again while there is none;
 *   - pair 1's producer and consumer are stopped and continued (SIGSTOP,
 *     SIGCONT) again and again: a wait without the big lock ends, and the
 *     call goes the big lock's way, to be restarted there.
 * The consumer checks each number (in order, none twice, none missing)
 * and every byte; at the end each mailbox holds nothing. On one CPU the
 * four share it, every call takes the usual way, and the same holds. At
 * the end the kernel's counters (tasks, mailboxes, held messages, pages)
 * are back. */
#include <errno.h>
#include <ipc.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "boot_pairs.h"

#define MESSAGES 4000
#define PAGE 4096

static unsigned char pattern(unsigned sequence, unsigned index)
{
    return (unsigned char)(sequence * 29u + index * 3u + 1u);
}

static unsigned body_length(unsigned sequence)
{
    return 8 + sequence * 53u % (MSG_BODY_MAX - 8);
}

/* The producer: sends MESSAGES numbered messages, one in eight from
 * across a page boundary. Exit status 0, or 255 when a call failed. */
static void produce(int box)
{
    static unsigned char pages[3 * PAGE];
    unsigned char *boundary = (unsigned char *)(((unsigned long)pages + 2 * PAGE - 1) & ~(unsigned long)(PAGE - 1));
    struct message *across = (struct message *)(boundary - 100);
    static struct message aligned;
    for (unsigned sequence = 0; sequence < MESSAGES; sequence++) {
        struct message *m = sequence % 8 == 7 ? across : &aligned;
        unsigned length = body_length(sequence);
        m->type = 3;
        m->len = length;
        memcpy(m->body, &sequence, sizeof sequence);
        for (unsigned i = sizeof sequence; i < length; i++)
            m->body[i] = (char)pattern(sequence, i);
        if (mbox_send(box, m, 0) < 0) {
            printf("producer: message %u: %s\n", sequence, strerror(errno));
            _exit(255);
        }
    }
    _exit(0);
}

/* The consumer: takes every message and checks it; `alternate`: one in
 * five with MSG_NONBLOCK. Exit status 0, 1 + the first bad number's low
 * bits, or 255. */
static void consume(int box, int alternate)
{
    static struct message m;
    for (unsigned sequence = 0; sequence < MESSAGES; sequence++) {
        int status;
        if (alternate && sequence % 5 == 4) {
            while ((status = mbox_recv(box, &m, MSG_NONBLOCK)) < 0 && errno == EAGAIN)
                sched_yield();
        } else {
            status = mbox_recv(box, &m, 0);
        }
        if (status < 0) {
            printf("consumer: message %u: %s\n", sequence, strerror(errno));
            _exit(255);
        }
        unsigned got;
        memcpy(&got, m.body, sizeof got);
        if (m.type != 3 || got != sequence || m.len != body_length(sequence)) {
            printf("consumer: message %u: type %d number %u length %u\n", sequence, m.type, got, m.len);
            _exit(1 + (int)(sequence & 0x7f));
        }
        for (unsigned i = sizeof got; i < m.len; i++) {
            if ((unsigned char)m.body[i] != pattern(sequence, i)) {
                printf("consumer: message %u: byte %u is %u, %u expected\n", sequence, i,
                       (unsigned char)m.body[i], pattern(sequence, i));
                _exit(1 + (int)(sequence & 0x7f));
            }
        }
    }
    _exit(0);
}

static void pairs_keep_every_message_whichever_way_they_go(void)
{
    static const unsigned capacity[2] = { 4, 1 };
    int cpus = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
    struct kinfo_counters before = read_counters();
    pid_t producer[2], consumer[2];
    int box[2];
    for (int pair = 0; pair < 2; pair++) {
        char name[32];
        snprintf(name, sizeof name, "bounded_%d_%d", (int)getpid(), pair);
        box[pair] = mbox_open(name, O_CREAT | O_EXCL, capacity[pair]);
        CHECK(box[pair] >= 0, "mbox_open for pair %d: %s", pair, strerror(errno));
        mbox_unlink(name);                   /* it lives while open */
        if ((producer[pair] = fork()) == 0) {
            keep_to_cpu(pair % cpus);
            produce(box[pair]);
        }
        if ((consumer[pair] = fork()) == 0) {
            keep_to_cpu((pair + 1) % cpus);  /* each message crosses to the other CPU */
            consume(box[pair], pair == 0);
        }
    }
    pid_t pester = start_stopping_and_continuing(producer[1], consumer[1]);   /* pair 1 */

    for (int pair = 0; pair < 2; pair++)
        expect_pair_done(pair, producer[pair], consumer[pair]);
    kill(pester, SIGKILL);
    waitpid(pester, 0, 0);
    for (int pair = 0; pair < 2; pair++) {
        struct mbox_stat st = { 0, 99, 99, 99 };
        CHECK_EQ(0, mbox_stat(box[pair], &st), "mbox_stat");
        CHECK(st.count == 0 && st.senders_waiting == 0 && st.receivers_waiting == 0,
              "pair %d: the mailbox holds %u, %u senders and %u receivers wait", pair, st.count,
              st.senders_waiting, st.receivers_waiting);
        close(box[pair]);
    }
    /* both ways: at least the messages from across a page boundary (one
     * in eight, two pairs) take the big lock */
    expect_calls_both_ways("bounded mailbox pairs: 4000 messages each, every message checked", before, cpus,
                           2 * (MESSAGES / 8));
}

int main(void)
{
    alarm(200);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    run_cases_checking_leaks(pairs_keep_every_message_whichever_way_they_go);   /* held messages too */
    return test_finish("mbox_bounded_pairs_on_two_cpus_keep_every_message");
}

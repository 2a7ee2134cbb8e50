/* tests/boot/sysv_msgq_pairs_on_two_cpus_keep_every_message.c
 * - two pairs of processes, each pair kept to its own CPU with a System V
 * message queue of its own (requests of type 1, answers of type 2), make
 * round trips, and every message arrives once, unchanged and with its
 * type, while their calls go both ways a queue call can go on several
 * CPUs (docs/smp.md, "System V queues without the big lock"): without
 * the big kernel lock, under the queue's own lock, and with it, when
 * something sends them there:
 *   - pair 0's server has a second thread (asleep): its msgrcv and
 *     msgsnd are a process of several threads' (cancellation points
 *     too), which go without the big lock as one thread's do (docs/smp.md,
 *     "Threads without the big lock");
 *   - a watcher reads pair 1's queue with msgctl(IPC_STAT) every 0.5 ms:
 *     while it looks, the calls on the queue take the big lock;
 *   - pair 1's client and server are stopped and continued (SIGSTOP,
 *     SIGCONT) again and again: a wait without the big lock ends, and the
 *     call goes the big lock's way, to be restarted there.
 * Each request carries its sequence number and a body its number gives;
 * the server checks both (in order, none twice, none missing) and answers
 * with the body's sum and the body reversed; the client checks both. On
 * one CPU both pairs share it and every call takes the usual way; the
 * same holds. At the end the kernel's counters (tasks, queues, pages)
 * are back. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/msg.h>
#include <time.h>

#include "boot_pairs.h"

#define ROUND_TRIPS 3000
#define TEXT_SIZE 256
#define REQUEST 1
#define ANSWER 2

struct message {
    long type;
    char text[TEXT_SIZE];
};

static unsigned char pattern(unsigned sequence, unsigned index)
{
    return (unsigned char)(sequence * 29u + index * 5u + 3u);
}

static unsigned body_length(unsigned sequence)
{
    return 8 + sequence * 41u % (TEXT_SIZE - 8);
}

/* The server: takes each request, checks it, answers. `threads`: with a
 * second thread. Exit status 0 when all were right, else 1 + the first
 * bad sequence's low bits (255: a call failed). */
static void serve(int queue, int threads)
{
    static struct message request, answer;
    pthread_t sleeper;
    if (threads && pthread_create(&sleeper, 0, pair_thread_sleeping_for_ever, 0) != 0)
        _exit(255);
    for (unsigned sequence = 0; sequence < ROUND_TRIPS; sequence++) {
        ssize_t got = msgrcv(queue, &request, sizeof request.text, REQUEST, 0);
        if (got < 0) {
            printf("server: request %u: %s\n", sequence, strerror(errno));
            _exit(255);
        }
        unsigned number, length = (unsigned)got, sum = 0;
        memcpy(&number, request.text, sizeof number);
        if (number != sequence || length != body_length(sequence) || request.type != REQUEST) {
            printf("server: request %u: number %u length %u type %ld\n", sequence, number, length, request.type);
            _exit(1 + (int)(sequence & 0x7f));
        }
        for (unsigned i = sizeof number; i < length; i++) {
            if ((unsigned char)request.text[i] != pattern(sequence, i)) {
                printf("server: request %u: byte %u is %u, %u expected\n", sequence, i,
                       (unsigned char)request.text[i], pattern(sequence, i));
                _exit(1 + (int)(sequence & 0x7f));
            }
            sum += (unsigned char)request.text[i];
        }
        answer.type = ANSWER;
        memcpy(answer.text, &sum, sizeof sum);
        for (unsigned i = sizeof sum; i < length; i++)
            answer.text[i] = request.text[length - 1 - i + sizeof sum];
        if (msgsnd(queue, &answer, length, 0) < 0) {
            printf("server: answer %u: %s\n", sequence, strerror(errno));
            _exit(255);
        }
    }
    _exit(0);
}

/* The client: sends each request, checks each answer. Exit status as
 * serve's. */
static void call(int queue)
{
    static struct message request, answer;
    for (unsigned sequence = 0; sequence < ROUND_TRIPS; sequence++) {
        unsigned length = body_length(sequence), sum = 0;
        request.type = REQUEST;
        memcpy(request.text, &sequence, sizeof sequence);
        for (unsigned i = sizeof sequence; i < length; i++) {
            request.text[i] = (char)pattern(sequence, i);
            sum += pattern(sequence, i);
        }
        ssize_t got = msgsnd(queue, &request, length, 0) < 0 ? -1
                                                               : msgrcv(queue, &answer, sizeof answer.text, ANSWER, 0);
        if (got < 0) {
            printf("client: round trip %u: %s\n", sequence, strerror(errno));
            _exit(255);
        }
        unsigned answered;
        memcpy(&answered, answer.text, sizeof answered);
        int right = (unsigned)got == length && answered == sum && answer.type == ANSWER;
        for (unsigned i = sizeof sum; right && i < length; i++)
            right = (unsigned char)answer.text[i] == pattern(sequence, length - 1 - i + sizeof sum);
        if (!right) {
            printf("client: round trip %u: answer of %d bytes, sum %u (%u expected)\n", sequence, (int)got,
                   answered, sum);
            _exit(1 + (int)(sequence & 0x7f));
        }
    }
    _exit(0);
}

/* A child that reads `queue`'s status every 0.5 ms until killed. */
static pid_t start_watching(int queue)
{
    pid_t watcher = fork();
    if (watcher == 0) {
        struct timespec pause = { 0, 500000 };
        struct msqid_ds status;
        for (;;) {
            msgctl(queue, IPC_STAT, &status);
            nanosleep(&pause, 0);
        }
    }
    return watcher;
}

static void pairs_keep_every_message_whichever_way_they_go(void)
{
    int cpus = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
    struct kinfo_counters before = read_counters();
    int queue[2];
    pid_t server[2], client[2];
    for (int pair = 0; pair < 2; pair++) {
        queue[pair] = msgget(IPC_PRIVATE, 0600);
        CHECK(queue[pair] >= 0, "msgget for pair %d: %s", pair, strerror(errno));
        fflush(stdout);
        if ((server[pair] = fork()) == 0) {
            keep_to_cpu(pair % cpus);
            serve(queue[pair], pair == 0);
        }
        if ((client[pair] = fork()) == 0) {
            keep_to_cpu(pair % cpus);
            call(queue[pair]);
        }
    }
    pid_t watcher = start_watching(queue[1]);
    pid_t pester = start_stopping_and_continuing(client[1], server[1]);   /* pair 1 */

    for (int pair = 0; pair < 2; pair++)
        expect_pair_done(pair, client[pair], server[pair]);
    end_helpers(watcher, pester);
    for (int pair = 0; pair < 2; pair++) {
        struct msqid_ds status;
        CHECK_EQ(0, msgctl(queue[pair], IPC_STAT, &status), "IPC_STAT at the end");
        CHECK_EQ(0, (int)status.msg_qnum, "nothing left in the queue");
        CHECK_EQ(0, msgctl(queue[pair], IPC_RMID, 0), "IPC_RMID at the end");
    }
    /* both ways: pair 1's watcher and stops send some calls the big
     * lock's way (410 to 3,800 in six runs, three at a time; pair 0's
     * server of two threads took it for every call before threads went
     * without it, and the check asked 1,500) */
    expect_calls_both_ways("System V queue pairs: 3000 round trips each, every message checked", before, cpus,
                           ROUND_TRIPS / 30);
}

int main(void)
{
    alarm(200);          /* a wait that never ends: SIGALRM ends the test instead of the harness timeout */
    run_cases_checking_leaks(pairs_keep_every_message_whichever_way_they_go);   /* queues too (boot_test.h) */
    return test_finish("sysv_msgq_pairs_on_two_cpus_keep_every_message");
}

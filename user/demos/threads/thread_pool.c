/* user/demos/threads/thread_pool.c - a pool of worker threads serving the
 * requests of client processes through a mailbox: a demo of
 * docs/threads.md.
 *
 *     thread_pool [WORKERS [CLIENTS [REQUESTS_EACH]]]   (default 3 3 4)
 *
 *   client process 1 --+                                  +--> worker thread 1 --+
 *   client process 2 --+--> [ mailbox "pool", 4 held ] ---+--> worker thread 2 --+--> answer: msg_send
 *   client process 3 --+     mbox_send        mbox_recv   +--> worker thread 3 --+    to the client
 *
 * The server process opens the mailbox "pool" (message-passing.md), forks
 * CLIENTS clients, then starts WORKERS threads. Every worker sleeps in
 * mbox_recv on the same descriptor; the kernel gives each request to
 * exactly one of them, the one that has waited longest. A client sends
 * its requests ("what is N squared?") and then collects the answers, which
 * the workers send it directly (msg_send with MSG_ASYNC: a worker never
 * waits for a slow client). An answer's `src`, written by the kernel, is
 * the tid of the worker thread that sent it, not the server's pid: a
 * message comes from a thread.
 *
 * The mailbox holds 4 requests: a client that finds it full waits until a
 * worker takes one (the kernel's bounded buffer, between processes this
 * time). A worker "works" 3 ms on each request, sleeping, as a server
 * waiting for a disk would: while one sleeps, another takes the next
 * request, which is what a pool is for even on one CPU.
 *
 * The clients are forked before the workers exist, on purpose: fork in a
 * threaded process copies only the calling thread, and a lock another
 * thread held at that moment (a mutex of the program's own: the C library
 * sees to its heap and stream locks) would stay held in the child for
 * good. Forked first, each client is a copy of a process of one thread,
 * with the mailbox descriptor.
 *
 * Each client checks that every one of its requests got exactly one right
 * answer; the server counts, under a mutex, how often each request was
 * served. When the clients have exited, the server puts one "stop" message
 * per worker into the mailbox, joins the workers and removes the mailbox.
 * Exit status 0 when every request was answered exactly once. */
#include <errno.h>
#include <ipc.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAILBOX "pool"
#define MAILBOX_HOLDS 4
#define MOST_WORKERS 8
#define MOST_CLIENTS 8
#define MOST_REQUESTS 16              /* a client's answers wait in its inbox, which holds 64 */
#define WORK_MS 3

enum { REQUEST = 1, ANSWER = 2, STOP = 3 };     /* message types */

struct request {
    int client;                       /* 1, 2, ... */
    int number;                       /* the client's request 1, 2, ... */
    int operand;
};

struct answer {
    struct request request;
    int result;                       /* operand * operand */
    int worker;                       /* 1, 2, ...: which worker answered */
};

static int mailbox;
static int clients, requests_each;

/* The server's count of how often each request was served, and by whom. */
static pthread_mutex_t served_mutex = PTHREAD_MUTEX_INITIALIZER;
static int served[MOST_CLIENTS + 1][MOST_REQUESTS + 1];
static int served_by_worker[MOST_WORKERS + 1];

static void *worker(void *argument)
{
    int who = (int)(long)argument;
    printf("worker %d [tid %d]: waits in mbox_recv\n", who, gettid());
    for (;;) {
        struct message m;
        if (mbox_recv(mailbox, &m, 0) != 0) {
            printf("worker %d: mbox_recv: %s\n", who, strerror(errno));
            return NULL;
        }
        if (m.type == STOP)
            break;
        struct request request;
        memcpy(&request, m.body, sizeof request);
        printf("worker %d [tid %d]: request %d of client %d (pid %d): %d squared\n", who, gettid(),
               request.number, request.client, m.src, request.operand);
        usleep(WORK_MS * 1000);       /* the work: waiting, as for a disk */

        struct answer answer = { request, request.operand * request.operand, who };
        struct message reply = { .type = ANSWER, .len = sizeof answer };
        memcpy(reply.body, &answer, sizeof answer);
        if (msg_send(m.src, &reply, MSG_ASYNC) != 0)
            printf("worker %d: msg_send to %d: %s\n", who, m.src, strerror(errno));
        pthread_mutex_lock(&served_mutex);
        if (request.client >= 1 && request.client <= clients && request.number >= 1 &&
            request.number <= requests_each)
            served[request.client][request.number]++;
        served_by_worker[who]++;
        pthread_mutex_unlock(&served_mutex);
    }
    printf("worker %d [tid %d]: stops\n", who, gettid());
    return NULL;
}

/* A client process: sends its requests, then takes the answers. */
static int client_main(int who)
{
    printf("client %d [pid %d, tid %d]: a process of one thread, sends %d requests\n", who, getpid(), gettid(),
           requests_each);
    for (int number = 1; number <= requests_each; number++) {
        struct request request = { who, number, who * 10 + number };
        struct message m = { .type = REQUEST, .len = sizeof request };
        memcpy(m.body, &request, sizeof request);
        if (mbox_send(mailbox, &m, MSG_NONBLOCK) == 0)
            continue;
        if (errno == EAGAIN)          /* asked first only to be able to say so */
            printf("client %d [pid %d]: the mailbox is full: request %d waits\n", who, getpid(), number);
        if (mbox_send(mailbox, &m, 0) != 0) {
            printf("client %d: mbox_send: %s\n", who, strerror(errno));
            return 1;
        }
    }
    int answers[MOST_REQUESTS + 1] = { 0 }, wrong = 0;
    for (int i = 0; i < requests_each; i++) {
        struct message m;
        if (msg_recv(MSG_ANY, &m, 0) != 0 || m.type != ANSWER) {
            printf("client %d: msg_recv: %s\n", who, strerror(errno));
            return 1;
        }
        struct answer answer;
        memcpy(&answer, m.body, sizeof answer);
        int number = answer.request.number;
        int right = answer.request.client == who && number >= 1 && number <= requests_each &&
                    answer.result == (who * 10 + number) * (who * 10 + number);
        if (right)
            answers[number]++;
        else
            wrong++;
        printf("client %d [pid %d]: answer to request %d: %d squared is %d, from worker %d (tid %d)%s\n", who,
               getpid(), number, answer.request.operand, answer.result, answer.worker, m.src,
               right ? "" : ": WRONG");
    }
    for (int number = 1; number <= requests_each; number++)
        wrong += answers[number] != 1;
    return wrong ? 1 : 0;
}

int main(int argc, char **argv)
{
    int workers = argc > 1 ? atoi(argv[1]) : 3;
    clients = argc > 2 ? atoi(argv[2]) : 3;
    requests_each = argc > 3 ? atoi(argv[3]) : 4;
    if (workers < 1 || workers > MOST_WORKERS || clients < 1 || clients > MOST_CLIENTS || requests_each < 1 ||
        requests_each > MOST_REQUESTS) {
        fprintf(stderr, "usage: thread_pool [WORKERS 1-%d [CLIENTS 1-%d [REQUESTS_EACH 1-%d]]]\n", MOST_WORKERS,
                MOST_CLIENTS, MOST_REQUESTS);
        return 2;
    }
    setvbuf(stdout, NULL, _IONBF, 0);   /* one write per printf: lines of threads do not mix */
    mbox_unlink(MAILBOX);               /* a mailbox an earlier run left */
    mailbox = mbox_open(MAILBOX, O_CREAT | O_EXCL, MAILBOX_HOLDS);
    if (mailbox < 0) {
        perror("thread_pool: mbox_open " MAILBOX);
        return 1;
    }
    printf("server [pid %d]: mailbox \"%s\" holds %d requests; %d workers, %d clients x %d requests\n", getpid(),
           MAILBOX, MAILBOX_HOLDS, workers, clients, requests_each);

    pid_t pids[MOST_CLIENTS];
    for (int c = 1; c <= clients; c++)
        if ((pids[c - 1] = fork()) == 0)
            _exit(client_main(c));
    pthread_t threads[MOST_WORKERS];
    for (long i = 1; i <= workers; i++)
        if (pthread_create(&threads[i - 1], NULL, worker, (void *)i) != 0) {
            fprintf(stderr, "thread_pool: cannot start worker %ld\n", i);
            for (int c = 0; c < clients; c++)
                kill(pids[c], SIGTERM);     /* they hold the mailbox too: they would wait forever */
            mbox_unlink(MAILBOX);
            return 1;
        }

    int failed = 0;
    for (int c = 0; c < clients; c++) {
        int status = -1;
        waitpid(pids[c], &status, 0);
        failed |= !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    }
    struct message stop = { .type = STOP };
    for (int w = 0; w < workers; w++)
        mbox_send(mailbox, &stop, 0);
    for (int w = 0; w < workers; w++)
        pthread_join(threads[w], NULL);
    close(mailbox);
    mbox_unlink(MAILBOX);

    for (int w = 1; w <= workers; w++)
        printf("worker %d served %d request%s\n", w, served_by_worker[w], served_by_worker[w] == 1 ? "" : "s");
    for (int c = 1; c <= clients; c++)
        for (int number = 1; number <= requests_each; number++)
            failed |= served[c][number] != 1;
    if (failed)
        printf("thread_pool: a request was lost or answered twice\n");
    else
        printf("%d request%s, each answered exactly once\n", clients * requests_each,
               clients * requests_each == 1 ? "" : "s");
    return failed;
}

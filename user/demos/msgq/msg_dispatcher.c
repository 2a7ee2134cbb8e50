/* user/demos/msgq/msg_dispatcher.c - a typed-message dispatcher on System V
 * message queues (docs/msgq.md).
 *
 *   msg_dispatcher [CLIENTS [REQUESTS]]     (defaults: 3 clients, 4 requests each)
 *
 * Clients put requests of three kinds on one queue; the kind is the
 * message type, and a lower type is more urgent:
 *
 *     type 1 URGENT    type 2 NORMAL    type 3 BATCH    type 4 STOP (from main)
 *
 * The server takes them with msgrcv(requests, ..., -STOP, 0): "the first
 * message of the lowest type <= 4", so every urgent request waiting is
 * served before any normal one, and so on; STOP, the highest type, comes
 * out only when nothing else is left. Each answer goes to a second queue
 * with the client's pid as its type, and each client takes only its own
 * answers with msgrcv(replies, ..., getpid(), 0).
 *
 * To show the order clearly, the server starts only once every request is
 * queued; it then checks that it served them by urgency, and within one
 * urgency in arrival order. Exit status 0 when all went as it should. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

enum request_type { URGENT = 1, NORMAL = 2, BATCH = 3, STOP = 4 };

static const char *const TYPE_NAMES[] = { "", "URGENT", "NORMAL", "BATCH", "STOP" };

#define MAX_CLIENTS 8
#define MAX_REQUESTS 16

struct request {
    long mtype;                      /* URGENT, NORMAL, BATCH or STOP */
    struct {
        pid_t client;                /* where the answer goes (its type on the reply queue) */
        int client_index;            /* 0 .. CLIENTS-1 */
        int number;                  /* the client's count of its requests */
        int argument;                /* the work: the server squares it */
    } body;
};

struct reply {
    long mtype;                      /* the client's pid */
    struct {
        int number;
        int result;
        int served_as;               /* the server's count: 1 for the first served */
    } body;
};

static int request_queue, reply_queue;

static void fail(const char *what)
{
    fprintf(stderr, "msg_dispatcher: %s: %s\n", what, strerror(errno));
    exit(1);
}

/* The kind of request `number` of client `client`: a mix of all three. */
static enum request_type kind_of(int client, int number)
{
    return (enum request_type)(BATCH - (client + number * 2) % 3);
}

/* A client: sends all its requests, then collects one answer for each. */
static void run_client(int client, int requests)
{
    struct request request;
    for (int number = 0; number < requests; number++) {
        request.mtype = kind_of(client, number);
        request.body.client = getpid();
        request.body.client_index = client;
        request.body.number = number;
        request.body.argument = client * 100 + number;
        if (msgsnd(request_queue, &request, sizeof request.body, 0) == -1)
            fail("msgsnd");
    }
    int wrong = 0;
    for (int answered = 0; answered < requests; answered++) {
        struct reply reply;
        if (msgrcv(reply_queue, &reply, sizeof reply.body, getpid(), 0) == -1)
            fail("msgrcv of an answer");
        int argument = client * 100 + reply.body.number;
        wrong += reply.body.result != argument * argument;
    }
    exit(wrong ? 1 : 0);
}

/* The server: serves requests by urgency until STOP; returns how many
 * were served out of order. */
static int run_server(int expected)
{
    int served = 0, out_of_order = 0;
    long last_type = URGENT;
    int last_number[MAX_CLIENTS][STOP + 1];       /* per client and type: the last served */
    memset(last_number, 0xff, sizeof last_number);        /* -1: none yet */
    for (;;) {
        struct request request;
        if (msgrcv(request_queue, &request, sizeof request.body, -STOP, 0) == -1)
            fail("msgrcv of a request");
        if (request.mtype == STOP)
            break;
        served++;
        printf("server: #%-2d %-6s request %d of client %d (pid %d): %d squared\n", served,
               TYPE_NAMES[request.mtype], request.body.number, request.body.client_index,
               request.body.client, request.body.argument);
        /* the rule: never a less urgent request while a more urgent one waits */
        if (request.mtype < last_type)
            out_of_order++;
        last_type = request.mtype;
        /* and one client's requests of one urgency in the order it sent them */
        int *last = &last_number[request.body.client_index][request.mtype];
        if (request.body.number < *last)
            out_of_order++;
        *last = request.body.number;

        struct reply reply = { request.body.client, { request.body.number,
                               request.body.argument * request.body.argument, served } };
        if (msgsnd(reply_queue, &reply, sizeof reply.body, 0) == -1)
            fail("msgsnd of an answer");
    }
    if (served != expected)
        out_of_order++;
    return out_of_order;
}

int main(int argc, char **argv)
{
    int clients = argc > 1 ? atoi(argv[1]) : 3;
    int requests = argc > 2 ? atoi(argv[2]) : 4;
    if (clients < 1 || clients > MAX_CLIENTS || requests < 1 || requests > MAX_REQUESTS) {
        fprintf(stderr, "usage: msg_dispatcher [CLIENTS 1-%d [REQUESTS 1-%d]]\n", MAX_CLIENTS, MAX_REQUESTS);
        return 2;
    }
    request_queue = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    reply_queue = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    if (request_queue == -1 || reply_queue == -1)
        fail("msgget");

    fflush(stdout);
    pid_t children[MAX_CLIENTS];
    for (int client = 0; client < clients; client++) {
        children[client] = fork();
        if (children[client] == 0)
            run_client(client, requests);
        if (children[client] < 0)
            fail("fork");
    }

    /* wait until every request is queued, so that urgency alone decides */
    struct msqid_ds status;
    do {
        usleep(1000);
        if (msgctl(request_queue, IPC_STAT, &status) == -1)
            fail("msgctl IPC_STAT");
    } while (status.msg_qnum < (msgqnum_t)(clients * requests));
    printf("dispatcher: %lu requests queued by %d clients; serving the most urgent first\n",
           (unsigned long)status.msg_qnum, clients);

    struct request stop = { STOP, { getpid(), 0, 0, 0 } };
    msgsnd(request_queue, &stop, sizeof stop.body, 0);   /* taken only when nothing else is left */
    int out_of_order = run_server(clients * requests);

    int failed_clients = 0;
    for (int client = 0; client < clients; client++) {
        int child_status;
        waitpid(children[client], &child_status, 0);
        failed_clients += !(WIFEXITED(child_status) && WEXITSTATUS(child_status) == 0);
    }
    msgctl(request_queue, IPC_RMID, NULL);
    msgctl(reply_queue, IPC_RMID, NULL);
    printf("dispatcher: %d served out of order, %d clients got wrong answers\n", out_of_order, failed_clients);
    return out_of_order || failed_clients ? 1 : 0;
}

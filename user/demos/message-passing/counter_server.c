/* user/demos/message-passing/counter_server.c - a server written the way
 * servers are written on L4 and seL4: one call answers the last client and
 * waits for the next.
 *
 *   client A             client B              server
 *   msg_call(S, +1)                            msg_recv(MSG_ANY)  (the first)
 *     waits ..........................-->      count += 1
 *                        msg_call(S, +1)       msg_reply_recv(A, count, MSG_ANY)
 *   <-- count ....................... (A runs;   answers A, waits for anyone:
 *                          S waits)             B's call is already there)
 *                                              count += 1
 *                        <-- count ..........  msg_reply_recv(B, count, MSG_ANY)
 *
 * Several clients each add 1 to a counter kept by the server, CALLS times.
 * Because every request goes through msg_call, none is lost and none
 * counted twice: at the end the counter must be CLIENTS * CALLS, and each
 * client has seen CALLS different values.
 *
 * Things to watch for:
 *  - the server enters the kernel once per request (msg_reply_recv), not
 *    twice (msg_reply, then msg_recv);
 *  - msg_reply_recv gives the CPU to the client it answers, as msg_call
 *    gives it to a waiting server (docs/message-passing.md);
 *  - the server learns whom to answer from m.src, written by the kernel.
 *
 * Usage: counter_server [CLIENTS [CALLS]]   (default 3 clients, 1000 calls) */
#include <ipc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { ADD = 1, QUIT = 2 };

/* The server: adds what each request asks, answers with the new count.
 * Returns the final count, or -1 when a call failed. */
static long serve(int clients)
{
    struct message m;
    unsigned count = 0;
    if (msg_recv(MSG_ANY, &m, 0) != 0) {
        perror("server: msg_recv");
        return -1;
    }
    for (;;) {
        pid_t client = m.src;
        if (m.type == QUIT && --clients == 0) {
            m.len = sizeof count;
            memcpy(m.body, &count, sizeof count);
            msg_reply(client, &m);              /* the last client: nothing more to wait for */
            return count;
        }
        if (m.type == ADD)
            count += 1;
        m.len = sizeof count;
        memcpy(m.body, &count, sizeof count);
        if (msg_reply_recv(client, &m, MSG_ANY, 0) != 0) {   /* answer, and wait for the next */
            perror("server: msg_reply_recv");
            return -1;
        }
    }
}

/* A client: CALLS additions; each answer must be larger than the last. */
static int client(pid_t server, int calls)
{
    unsigned last = 0;
    for (int i = 0; i < calls; i++) {
        struct message m;
        memset(&m, 0, sizeof m);
        m.type = ADD;
        unsigned count;
        if (msg_call(server, &m) != 0 || (memcpy(&count, m.body, sizeof count), count <= last)) {
            printf("client %d: call %d went wrong\n", getpid(), i);
            m.type = QUIT;                      /* the server must not wait for us forever */
            msg_send(server, &m, MSG_ASYNC);
            return 1;
        }
        last = count;
    }
    struct message quit;
    memset(&quit, 0, sizeof quit);
    quit.type = QUIT;
    return msg_call(server, &quit) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    int clients = argc > 1 ? atoi(argv[1]) : 3;
    int calls = argc > 2 ? atoi(argv[2]) : 1000;
    if (clients < 1 || calls < 0) {
        fprintf(stderr, "usage: counter_server [CLIENTS [CALLS]]\n");
        return 2;
    }
    pid_t server = getpid();                    /* the parent serves; the children call */
    for (int i = 0; i < clients; i++)
        if (fork() == 0)
            _exit(client(server, calls));
    long count = serve(clients);
    int failed = 0;
    for (int i = 0; i < clients; i++) {
        int child_status;
        wait(&child_status);
        failed += !(WIFEXITED(child_status) && WEXITSTATUS(child_status) == 0);
    }
    int right = count == (long)clients * calls && failed == 0;
    printf("%d clients x %d calls: the server counted %ld: %s\n", clients, calls, count,
           right ? "every request counted once" : "something went wrong");
    return right ? 0 : 1;
}

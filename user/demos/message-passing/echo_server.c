/* user/demos/message-passing/echo_server.c - the client/server shape of
 * message passing: msg_call sends a request and waits for the answer,
 * msg_reply answers. The server is a child that echoes every request back; the
 * parent is the client and calls it N times.
 *
 *   client (parent)                              server (child)
 *   msg_call(server, m) --- request ---------->  msg_recv(MSG_ANY, m)
 *     waits for the reply                        makes the answer
 *     m is overwritten    <-- reply -----------  msg_reply(m.src, m)
 *
 * Things to watch for:
 *  - msg_call is msg_send + "wait for the reply" in one step: the client
 *    cannot miss the answer, and the server's msg_reply never waits;
 *  - the reply lands in the very buffer the request came from;
 *  - when the server is already waiting in msg_recv, the kernel hands it
 *    the CPU straight away: the client goes to sleep and the server runs
 *    next, with no other process in between;
 *  - the server learns whom to answer from m.src, which the kernel fills
 *    in (no client can pose as another).
 *
 * Usage: echo_server [N]   N calls (default 5). */
#include <ctype.h>
#include <ipc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { ECHO = 1, QUIT = 2 };

/* The server: answer each request with its text in capitals. */
static void server(void)
{
    for (;;) {
        struct message m;
        printf("  server: waiting for a request\n");
        fflush(stdout);
        if (msg_recv(MSG_ANY, &m, 0) != 0) {
            perror("server: msg_recv");
            _exit(1);
        }
        pid_t client = m.src;
        if (m.type == QUIT) {
            printf("  server: pid %d says quit\n", client);
            msg_reply(client, &m);
            _exit(0);
        }
        printf("  server: request from pid %d: \"%s\"\n", client, m.body);
        for (uint32_t i = 0; i < m.len; i++)
            m.body[i] = (char)toupper((unsigned char)m.body[i]);
        fflush(stdout);
        if (msg_reply(client, &m) != 0)               /* never waits */
            perror("server: msg_reply");
    }
}

int main(int argc, char **argv)
{
    int calls = argc > 1 ? atoi(argv[1]) : 5;
    fflush(stdout);
    pid_t echo = fork();
    if (echo == 0)
        server();

    for (int i = 1; i <= calls; i++) {
        struct message m;
        memset(&m, 0, sizeof m);
        m.type = ECHO;
        m.len = (uint32_t)snprintf(m.body, sizeof m.body, "hello number %d", i) + 1;
        printf("client: calling the server with \"%s\" - waiting for the reply\n", m.body);
        fflush(stdout);
        if (msg_call(echo, &m) != 0) {
            perror("client: msg_call");
            return 1;
        }
        printf("client: reply from pid %d: \"%s\"\n", m.src, m.body);
        fflush(stdout);
    }

    struct message quit;
    memset(&quit, 0, sizeof quit);
    quit.type = QUIT;
    msg_call(echo, &quit);
    waitpid(echo, NULL, 0);
    printf("client: %d calls answered, server gone\n", calls);
    return 0;
}

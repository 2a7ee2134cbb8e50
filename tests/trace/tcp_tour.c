/* tests/trace/tcp_tour.c - one TCP connection over the loopback from its
 * first segment to its last, for the network chart of tools/trace_view.py
 * (tests/trace/logs/tcp_tour.log, docs/network-handshake.svg, drawn in
 * docs/network.md):
 *
 *   parent (client, 127.0.0.1:ephemeral)        child (server, 127.0.0.1:7777)
 *                                                socket, bind, listen, accept
 *   connect                 --- SYN ---------->
 *                           <-- SYN|ACK -------
 *                           --- ACK ---------->  accept returns
 *   send "hello, server"    --- 13 bytes ----->  recv
 *                           <-- "hello, client"  send
 *   recv
 *   close                   --- FIN ---------->  recv reads 0 (end of file)
 *                           <-- FIN ----------  close
 *   waitpid
 * Exit status 0 when both ends saw what the other sent. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define TOUR_PORT  7777        /* above 1024: no privilege needed */
#define GREETING   "hello, server"
#define ANSWER     "hello, client"
#define WAIT_STEPS 100         /* connect tries while the server starts */
#define WAIT_STEP_US 10000

static struct sockaddr_in loopback_address(void)
{
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons(TOUR_PORT) };
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

/* Serves one connection: reads the greeting, answers, waits for the end. */
static int server(void)
{
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    int on = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in address = loopback_address();
    if (listener < 0 || bind(listener, (struct sockaddr *)&address, sizeof address) != 0 || listen(listener, 1) != 0)
        return 10;
    int connection = accept(listener, NULL, NULL);
    if (connection < 0)
        return 11;
    char greeting[sizeof GREETING] = { 0 };
    if (recv(connection, greeting, sizeof GREETING - 1, MSG_WAITALL) != sizeof GREETING - 1 ||
        strcmp(greeting, GREETING) != 0)
        return 12;
    if (send(connection, ANSWER, sizeof ANSWER - 1, 0) != sizeof ANSWER - 1)
        return 13;
    char byte;
    if (recv(connection, &byte, 1, 0) != 0)          /* the client's FIN */
        return 14;
    close(connection);
    close(listener);
    return 0;
}

/* Connects (trying again while the server starts), greets, reads the answer. */
static int client(void)
{
    struct sockaddr_in address = loopback_address();
    int fd = -1;
    for (int attempt = 0; attempt < WAIT_STEPS; attempt++) {
        fd = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(fd, (struct sockaddr *)&address, sizeof address) == 0)
            break;
        close(fd);
        fd = -1;
        usleep(WAIT_STEP_US);
    }
    if (fd < 0)
        return 20;
    if (send(fd, GREETING, sizeof GREETING - 1, 0) != sizeof GREETING - 1)
        return 21;
    char answer[sizeof ANSWER] = { 0 };
    if (recv(fd, answer, sizeof ANSWER - 1, MSG_WAITALL) != sizeof ANSWER - 1 || strcmp(answer, ANSWER) != 0)
        return 22;
    printf("client: sent \"%s\", got \"%s\"\n", GREETING, answer);
    close(fd);
    return 0;
}

int main(void)
{
    fflush(stdout);
    pid_t child = fork();
    if (child == 0)
        _exit(server());
    usleep(WAIT_STEP_US);     /* let the server listen: no refused first try in the picture */
    int result = client();
    int status = -1;
    waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        printf("server failed: status %d\n", status);
        return 1;
    }
    return result;
}

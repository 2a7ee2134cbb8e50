/* user/demos/network/rpc_server.c - message passing between machines: the
 * request-reply "remote procedure call" of docs/message-passing.md
 * (msg_call and msg_reply, counter_server.c) carried by a TCP connection.
 * The kernel's messages have a type, a length and a body and keep their
 * boundaries; TCP carries a stream of bytes, so both ends agree on one
 * fixed size (RPC_MESSAGE_BYTES) and read until they have a whole
 * message. Every number goes in network byte order (htonl), because the
 * other machine may store its numbers the other way round.
 *
 *   client (10.0.3.2)                         server (10.0.3.1)
 *   send {ADD, 1}        ----- 64 bytes --->  total += 1
 *   recv (waits)         <---- 64 bytes ----  send {REPLY, total}
 *   ...
 *   send {QUIT}          ------------------>  send {REPLY, total}, close
 *
 * Requests: ADD (value: what to add; the reply says the new total), GET
 * (the total), UPPER (the body, in capitals), QUIT (the last; the reply
 * says the total). An unknown type gets an ERROR reply.
 *
 *     $ rpc_server &                        port 7000, serves until killed
 *     $ rpc_client 127.0.0.1 100
 *     tools/run-pair user/demos/network/rpc_server.c user/demos/network/rpc_client.c
 *
 * Usage: rpc_server [PORT [CLIENTS]]  (default 7000, clients one after
 * another for ever) */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define RPC_PORT          7000
#define RPC_MESSAGE_BYTES 64
#define RPC_BODY_BYTES    (RPC_MESSAGE_BYTES - 3 * 4)

enum rpc_type { RPC_ADD = 1, RPC_GET = 2, RPC_UPPER = 3, RPC_QUIT = 4, RPC_REPLY = 100, RPC_ERROR = 101 };

/* One message as it travels: the numbers in network byte order. The same
 * layout is in rpc_client.c. */
struct rpc_message {
    uint32_t type;                  /* enum rpc_type */
    uint32_t length;                /* bytes of body used */
    int32_t value;                  /* ADD's amount; a reply's total */
    char body[RPC_BODY_BYTES];
};

_Static_assert(sizeof(struct rpc_message) == RPC_MESSAGE_BYTES, "one message is 64 bytes on the wire");

/* Reads one whole message (TCP may hand it over in pieces): 1, or 0 at
 * end of file or on an error. */
static int receive_message(int fd, struct rpc_message *message)
{
    char *bytes = (char *)message;
    size_t got = 0;
    while (got < sizeof *message) {
        ssize_t count = recv(fd, bytes + got, sizeof *message - got, 0);
        if (count <= 0)
            return 0;
        got += count;
    }
    return 1;
}

static int send_message(int fd, const struct rpc_message *message)
{
    return send(fd, message, sizeof *message, MSG_NOSIGNAL) == (ssize_t)sizeof *message;
}

/* Serves one client until it says QUIT or leaves; returns its calls. */
static int serve(int fd, int32_t *total)
{
    struct rpc_message request, reply;
    int calls = 0;
    while (receive_message(fd, &request)) {
        calls++;
        memset(&reply, 0, sizeof reply);
        reply.type = htonl(RPC_REPLY);
        switch (ntohl(request.type)) {
        case RPC_ADD:
            *total += (int32_t)ntohl(request.value);
            break;
        case RPC_GET:
        case RPC_QUIT:
            break;
        case RPC_UPPER: {
            uint32_t length = ntohl(request.length);
            if (length > RPC_BODY_BYTES)
                length = RPC_BODY_BYTES;       /* never trust a length from the network */
            for (uint32_t i = 0; i < length; i++)
                reply.body[i] = (char)toupper((unsigned char)request.body[i]);
            reply.length = htonl(length);
            break;
        }
        default:
            reply.type = htonl(RPC_ERROR);
        }
        reply.value = htonl(*total);
        if (!send_message(fd, &reply) || ntohl(request.type) == RPC_QUIT)
            break;
    }
    return calls;
}

int main(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : RPC_PORT;
    int clients = argc > 2 ? atoi(argv[2]) : 0;         /* 0: for ever */
    if (port <= 0 || port > 65535 || clients < 0) {
        fprintf(stderr, "usage: rpc_server [PORT [CLIENTS]]\n");
        return 2;
    }
    int one = 1;
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons(port),
                                   .sin_addr.s_addr = htonl(INADDR_ANY) };
    int server = socket(AF_INET, SOCK_STREAM, 0);
    if (server < 0 || setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
        bind(server, (struct sockaddr *)&address, sizeof address) < 0 || listen(server, 4) < 0) {
        fprintf(stderr, "rpc_server: port %d: %s\n", port, strerror(errno));
        return 1;
    }
    printf("rpc_server: waiting for calls on port %d\n", port);
    fflush(stdout);
    int32_t total = 0;
    for (int served = 0; clients == 0 || served < clients; served++) {
        struct sockaddr_in client;
        socklen_t length = sizeof client;
        int fd = accept(server, (struct sockaddr *)&client, &length);
        if (fd < 0)
            continue;
        /* a reply is one small segment: send it now, do not wait to fill one (Nagle) */
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        char name[INET_ADDRSTRLEN];
        inet_ntop(AF_INET, &client.sin_addr, name, sizeof name);
        int calls = serve(fd, &total);
        printf("rpc_server: %s made %d calls; the total is %d\n", name, calls, (int)total);
        fflush(stdout);
        close(fd);
    }
    close(server);
    return 0;
}

/* user/demos/network/rpc_client.c - the caller of rpc_server.c: CALLS
 * remote calls ADD 1, each waiting for its reply as msg_call does, then
 * GET, UPPER and QUIT. Each ADD's reply must be one more than the last
 * (nothing lost, nothing counted twice); it prints how long a call took.
 *
 *     rpc_client [ADDRESS [CALLS [PORT]]]
 *
 * ADDRESS is numeric; without it, the server of a two-machine run
 * (10.0.3.1, tools/run-pair) when this machine is on that cable, else
 * 127.0.0.1. CALLS defaults to 100, PORT to 7000.
 *
 * Things to watch for: the message is the same 64-byte struct on both
 * machines, its numbers converted with htonl and ntohl; a call is a send
 * and a recv of a whole message, so one call costs at least one round
 * trip on the cable: compare the time with msg_call's on one machine. */
#include <arpa/inet.h>
#include <errno.h>
#include <kernel.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "demo_client.h"

#define RPC_PORT          7000
#define RPC_MESSAGE_BYTES 64
#define RPC_BODY_BYTES    (RPC_MESSAGE_BYTES - 3 * 4)
#define CALLS_DEFAULT     100
#define CONNECT_TRIES     20               /* a server starting up: tries ... */
#define CONNECT_PAUSE_US  250000           /* ... 250 ms apart */

enum rpc_type { RPC_ADD = 1, RPC_GET = 2, RPC_UPPER = 3, RPC_QUIT = 4, RPC_REPLY = 100, RPC_ERROR = 101 };

/* One message as it travels (the same as rpc_server.c's). */
struct rpc_message {
    uint32_t type;
    uint32_t length;
    int32_t value;
    char body[RPC_BODY_BYTES];
};

_Static_assert(sizeof(struct rpc_message) == RPC_MESSAGE_BYTES, "one message is 64 bytes on the wire");

/* One remote call: sends `request`, waits for the whole reply. 1 if it came. */
static int call(int fd, const struct rpc_message *request, struct rpc_message *reply)
{
    if (send(fd, request, sizeof *request, MSG_NOSIGNAL) != (ssize_t)sizeof *request)
        return 0;
    size_t got = 0;
    while (got < sizeof *reply) {
        ssize_t count = recv(fd, (char *)reply + got, sizeof *reply - got, 0);
        if (count <= 0)
            return 0;
        got += count;
    }
    return ntohl(reply->type) == RPC_REPLY;
}

static struct rpc_message request_of(enum rpc_type type, int32_t value, const char *body)
{
    struct rpc_message message;
    memset(&message, 0, sizeof message);
    message.type = htonl(type);
    message.value = htonl(value);
    if (body) {
        size_t length = strlen(body) < RPC_BODY_BYTES ? strlen(body) : RPC_BODY_BYTES;
        memcpy(message.body, body, length);
        message.length = htonl(length);
    }
    return message;
}

static long long now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv)
{
    const char *server = argc > 1 ? argv[1] : default_server();
    int calls = argc > 2 ? atoi(argv[2]) : CALLS_DEFAULT;
    int port = argc > 3 ? atoi(argv[3]) : RPC_PORT;
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons(port) };
    if (inet_pton(AF_INET, server, &address.sin_addr) != 1 || calls <= 0 || port <= 0 || port > 65535) {
        fprintf(stderr, "usage: rpc_client [ADDRESS [CALLS [PORT]]]\n");
        return 2;
    }
    int fd = connect_with_retries(&address, CONNECT_TRIES, CONNECT_PAUSE_US);
    if (fd < 0) {
        fprintf(stderr, "rpc_client: %s port %d: %s\n", server, port, strerror(errno));
        return 1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    printf("rpc_client: connected to %s port %d\n", server, port);

    struct rpc_message request = request_of(RPC_GET, 0, NULL), reply;
    if (!call(fd, &request, &reply)) {
        fprintf(stderr, "rpc_client: GET failed\n");
        return 1;
    }
    int32_t expected = (int32_t)ntohl(reply.value);
    int wrong = 0;
    request = request_of(RPC_ADD, 1, NULL);
    long long start = now_ns();
    for (int i = 0; i < calls; i++) {
        if (!call(fd, &request, &reply)) {
            fprintf(stderr, "rpc_client: call %d failed: %s\n", i + 1, strerror(errno));
            return 1;
        }
        wrong += (int32_t)ntohl(reply.value) != ++expected;
    }
    long long per_call_us = (now_ns() - start) / calls / 1000;
    printf("rpc_client: %d calls ADD 1, the total now %d, %d replies out of order, %lld us a call\n", calls,
           (int)ntohl(reply.value), wrong, per_call_us);

    request = request_of(RPC_UPPER, 0, "shout this across the cable");
    if (call(fd, &request, &reply))
        printf("rpc_client: UPPER: %.*s\n", (int)(ntohl(reply.length) <= RPC_BODY_BYTES ? ntohl(reply.length) : 0),
               reply.body);
    request = request_of(RPC_QUIT, 0, NULL);
    int quit = call(fd, &request, &reply);
    close(fd);
    return quit && wrong == 0 ? 0 : 1;
}

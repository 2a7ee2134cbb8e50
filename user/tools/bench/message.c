/* user/tools/bench/message.c - the kernel's own direct message passing
 * (kernel/ipc/message.c, docs/message-passing.md).
 *
 * msg_send by default is a rendezvous: the sender waits until the receiver
 * has the message, which the kernel copies once, straight from the
 * sender's buffer into the receiver's. msg_call is a send followed by a
 * wait for the reply, the client side of a server; the server answers with
 * msg_reply, which never blocks. */
#include <errno.h>
#include <ipc.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

/* Aligned to its size (256 bytes), so that it never straddles two pages:
 * where the linker happens to put it must not decide which copy the kernel
 * takes (one rep movsd within a page, or page by page). */
static struct message message __attribute__((aligned(sizeof(struct message))));          /* the parent's; the child has its own copy */

/* The child of the ping-pong: receives from its parent and sends the
 * message straight back, ROUNDS times. */
static int send_back(int unused)
{
    (void)unused;
    pid_t parent = getppid();
    for (int round = 0; round < ROUNDS; round++)
        if (msg_recv(parent, &message, 0) < 0 || msg_send(parent, &message, 0) < 0)
            return -1;
    return 0;
}

static inline int send_and_receive(pid_t child)
{
    int ok = msg_send(child, &message, 0) == 0;
    return ok && msg_recv(child, &message, 0) >= 0;
}

/* msg_send then msg_recv, a one-byte message each way. */
int bench_msg_send_recv_round_trip(int unused, struct samples *samples)
{
    (void)unused;
    memset(&message, 0, sizeof message);
    message.len = 1;
    pid_t child = start_child(send_back, 0);
    int failures = 0;
    if (child > 0)
        TIME_EACH(samples, failures += !send_and_receive(child));
    return finish_child(child, failures ? -EIO : 0);
}

/* The server: receives a call and replies with the same message. */
static int reply_to_calls(int unused)
{
    (void)unused;
    pid_t parent = getppid();
    for (int round = 0; round < ROUNDS; round++)
        if (msg_recv(parent, &message, 0) < 0 || msg_reply(parent, &message) < 0)
            return -1;
    return 0;
}

/* Times msg_calls to `server` with a body of `body_bytes`. */
static int time_calls(struct samples *samples, pid_t server, int body_bytes)
{
    memset(&message, 0, sizeof message);
    message.len = body_bytes;
    int failures = 0;
    TIME_EACH(samples, failures += msg_call(server, &message) != 0);
    return failures ? -EIO : 0;
}

/* msg_call with a body of `body_bytes` (16 or 240), answered by msg_reply
 * with the same body: two copies of the body, one each way. */
int bench_msg_call(int body_bytes, struct samples *samples)
{
    pid_t server = start_child(reply_to_calls, 0);
    int status = server < 0 ? server : time_calls(samples, server, body_bytes);
    return finish_child(server, status);
}

/* The server written with msg_reply_recv: answers the last call and waits
 * for the next one in a single system call; the caller runs at once. */
static int reply_and_receive_calls(int unused)
{
    (void)unused;
    pid_t parent = getppid();
    if (msg_recv(parent, &message, 0) < 0)
        return -1;
    for (int round = 1; round < ROUNDS; round++)
        if (msg_reply_recv(parent, &message, parent, 0) < 0)
            return -1;
    return msg_reply(parent, &message) < 0 ? -1 : 0;
}

/* msg_call as above, answered by a server looping on msg_reply_recv. */
int bench_msg_call_reply_recv(int body_bytes, struct samples *samples)
{
    pid_t server = start_child(reply_and_receive_calls, 0);
    int status = server < 0 ? server : time_calls(samples, server, body_bytes);
    return finish_child(server, status);
}

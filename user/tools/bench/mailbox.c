/* user/tools/bench/mailbox.c - named mailboxes (kernel/ipc/mailbox.c,
 * docs/message-passing.md): indirect communication, where any number of
 * processes may send to and receive from the same mailbox.
 *
 * The ping-pong uses two mailboxes, one for each direction. With a single
 * mailbox the parent, which sends and then receives, could take back its
 * own ping before the child saw it: a mailbox hands a message to whoever
 * receives first. Capacity 0 makes each send a rendezvous with a receiver;
 * capacity 16 lets the send return at once, leaving the message queued. */
#include <errno.h>
#include <ipc.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

static int ping = -1, pong = -1;        /* descriptors, inherited by the child */
/* Aligned to its size (256 bytes), so that it never straddles two pages:
 * where the linker happens to put it must not decide which copy the kernel
 * takes (one rep movsd within a page, or page by page). */
static struct message message __attribute__((aligned(sizeof(struct message))));

/* The child: takes each ping and answers it with a pong, ROUNDS times. */
static int answer_pings(int unused)
{
    (void)unused;
    for (int round = 0; round < ROUNDS; round++)
        if (mbox_recv(ping, &message, 0) < 0 || mbox_send(pong, &message, 0) < 0)
            return -1;
    return 0;
}

static inline int ping_pong(void)
{
    int ok = mbox_send(ping, &message, 0) == 0;
    return ok && mbox_recv(pong, &message, 0) >= 0;
}

/* Opens a fresh mailbox of `capacity` under `name` and removes the name at
 * once: the mailbox lives on while descriptors to it remain. */
static int open_private_mailbox(const char *name, unsigned capacity)
{
    mbox_unlink(name);                  /* a leftover of an earlier run */
    int fd = mbox_open(name, O_CREAT | O_EXCL, capacity);
    if (fd >= 0)
        mbox_unlink(name);
    return fd;
}

/* A one-byte message through the ping mailbox and back through the pong
 * mailbox, both of `capacity`. */
int bench_mbox_round_trip(int capacity, struct samples *samples)
{
    int status = 0, failures = 0;
    ping = open_private_mailbox("bench_ping", capacity);
    pong = ping < 0 ? -1 : open_private_mailbox("bench_pong", capacity);
    if (pong < 0)
        status = last_error();
    memset(&message, 0, sizeof message);
    message.len = 1;
    pid_t child = status < 0 ? status : start_child(answer_pings, 0);
    if (child > 0)
        TIME_EACH(samples, failures += !ping_pong());
    status = finish_child(child, failures ? -EIO : status);
    close(ping);
    close(pong);
    return status;
}

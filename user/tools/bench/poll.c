/* user/tools/bench/poll.c - one poll over N pipe read ends, the last of
 * which holds a byte it never loses (nothing reads it), with timeout -1.
 * So each call does all of poll's work short of sleeping: it copies the N
 * entries in, asks each pipe, links a watch into each pipe's queue (the
 * call is ready to wait), finds the last one ready, takes the watches out
 * and copies revents back. N = 1 and 64: the difference is the cost per
 * descriptor. */
#include <errno.h>
#include <poll.h>
#include <unistd.h>

#include "bench.h"

#define POLL_MAX 64

int bench_poll(int count, struct samples *samples)
{
    int pipes[POLL_MAX][2];
    struct pollfd entries[POLL_MAX];
    int made = 0, status = 0;
    for (; made < count; made++) {
        if (pipe(pipes[made]) < 0) {
            status = last_error();
            break;
        }
        entries[made] = (struct pollfd){ pipes[made][0], POLLIN, 0 };
    }
    if (status == 0 && write(pipes[count - 1][1], "r", 1) != 1)
        status = last_error();
    int failures = 0;
    if (status == 0)
        TIME_EACH(samples, failures += poll(entries, (nfds_t)count, -1) != 1);
    for (int i = 0; i < made; i++) {
        close(pipes[i][0]);
        close(pipes[i][1]);
    }
    return status ? status : failures ? -EIO : 0;
}

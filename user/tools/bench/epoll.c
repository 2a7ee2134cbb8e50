/* user/tools/bench/epoll.c - one epoll_wait on an instance watching N
 * pipe read ends, the last of which holds a byte nobody reads
 * (level-triggered, timeout -1): the same work as poll.c's rows, with the
 * set kept in the kernel. Each call takes the one entry on the ready
 * list, asks its pipe, puts it back and copies one event out; the N - 1
 * idle pipes cost nothing, so N = 64 and 100 should cost the same, where
 * poll's cost grows with N. */
#include <errno.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "bench.h"

#define EPOLL_PIPES_MAX 100

int bench_epoll_wait(int count, struct samples *samples)
{
    int pipes[EPOLL_PIPES_MAX][2];
    int made = 0, status = 0;
    int epoll = epoll_create1(0);
    if (epoll < 0)
        return last_error();
    for (; made < count; made++) {
        if (pipe(pipes[made]) < 0) {
            status = last_error();
            break;
        }
        struct epoll_event event = { EPOLLIN, { .fd = pipes[made][0] } };
        if (epoll_ctl(epoll, EPOLL_CTL_ADD, pipes[made][0], &event) < 0) {
            status = last_error();
            made++;
            break;
        }
    }
    if (status == 0 && write(pipes[count - 1][1], "r", 1) != 1)
        status = last_error();
    struct epoll_event events[8];
    int failures = 0;
    if (status == 0)
        TIME_EACH(samples, failures += epoll_wait(epoll, events, 8, -1) != 1);
    for (int i = 0; i < made; i++) {
        close(pipes[i][0]);
        close(pipes[i][1]);
    }
    close(epoll);
    return status ? status : failures ? -EIO : 0;
}

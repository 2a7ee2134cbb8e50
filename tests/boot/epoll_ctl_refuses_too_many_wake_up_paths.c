/* EPOLL_CTL_ADD refuses, with EINVAL, a link that would give a file too
 * many wake-up paths up through nested instances (Linux's
 * reverse_path_check: at most 500 paths of two instances, 100 of three,
 * 50 of four, 10 of five), so that one write cannot wake thousands of
 * instances. 30 instances watch a pipe; instances above them, each
 * watching all 30, get 500 links in and no more; removing one makes room
 * for one; the pipe's wake-up still reaches the top. Nothing leaks. */
#include <errno.h>
#include <sys/epoll.h>

#include "boot_test.h"

#define WIDE 30
#define ABOVE 17                      /* 17 x 30 = 510 links tried, 500 allowed */

static void cases(void)
{
    int pipe_fds[2];
    CHECK_EQ(0, pipe(pipe_fds), "pipe");
    int lower[WIDE], upper[ABOVE];
    for (int i = 0; i < WIDE; i++) {
        lower[i] = epoll_create1(0);
        struct epoll_event event = { EPOLLIN, { .u32 = 0 } };
        CHECK(epoll_ctl(lower[i], EPOLL_CTL_ADD, pipe_fds[0], &event) == 0, "lower %d watches the pipe", i);
    }
    int added = 0, refused = 0, other_errors = 0;
    for (int i = 0; i < ABOVE; i++) {
        upper[i] = epoll_create1(0);
        for (int j = 0; j < WIDE; j++) {
            struct epoll_event event = { EPOLLIN, { .u32 = (uint32_t)(i * WIDE + j) } };
            if (epoll_ctl(upper[i], EPOLL_CTL_ADD, lower[j], &event) == 0)
                added++;
            else if (errno == EINVAL)
                refused++;
            else
                other_errors++;
        }
    }
    CHECK_EQ(500, added, "links of length two allowed");
    CHECK_EQ(ABOVE * WIDE - 500, refused, "refused with EINVAL");
    CHECK_EQ(0, other_errors, "no other error");
    CHECK_EQ(0, epoll_ctl(upper[0], EPOLL_CTL_DEL, lower[0], 0), "remove one link");
    struct epoll_event event = { EPOLLIN, { .u32 = 0 } };
    CHECK_EQ(0, epoll_ctl(upper[ABOVE - 1], EPOLL_CTL_ADD, lower[WIDE - 1], &event), "room for one");
    CHECK_ERROR(epoll_ctl(upper[ABOVE - 1], EPOLL_CTL_ADD, lower[WIDE - 2], &event), EINVAL);
    CHECK_EQ(1, (int)write(pipe_fds[1], "x", 1), "write to the pipe");
    struct epoll_event got;
    CHECK_EQ(1, epoll_wait(upper[0], &got, 1, 1000), "the top instance hears it");
    CHECK_EQ(1, epoll_wait(lower[0], &got, 1, 0), "a lower instance too");
    for (int i = 0; i < ABOVE; i++)
        close(upper[i]);
    for (int i = 0; i < WIDE; i++)
        close(lower[i]);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("epoll_ctl_refuses_too_many_wake_up_paths");
}

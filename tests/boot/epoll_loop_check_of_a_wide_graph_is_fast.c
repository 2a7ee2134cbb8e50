/* EPOLL_CTL_ADD's check of a link to an instance (no cycle, no chain of
 * more than five instances: ELOOP) visits each instance once, as Linux's
 * ep_loop_check does, so it costs the entries, not the paths through
 * them. Four layers of 8 empty instances, each watching every instance
 * of the layer below through 34 descriptors (an entry is a descriptor of
 * a file: dup2 makes more, as on Linux), hold 6,528 entries but 272^3 =
 * 20 million paths under an instance of the top layer, and 8 times that
 * under one more instance watching each of the top layer once. Adding a
 * top-layer instance to a fresh instance and removing it again (a chain
 * of five: allowed), adding that one more instance (a chain of six:
 * ELOOP) and closing a cycle through the layers (ELOOP) each take under
 * 100 ms: a walk of every path held the kernel lock for seconds. A walk
 * that visits each instance once must still find the longest chain: two
 * diamonds, one under the new link and one above it, whose long branch
 * is walked second, still say ELOOP at six instances and allow five.
 * Nothing leaks. */
#include <errno.h>
#include <sys/epoll.h>

#include "boot_test.h"

#define WIDE 8                         /* instances in a layer */
#define TIMES 34                       /* descriptors each link goes through */
#define SPARE 100                      /* the first of them: above every one the test opens */
#define TRIES 10
#define BOUND_NS 100000000ll           /* 100 ms a call: generous for QEMU without KVM */

static int watch(int epoll, int fd)
{
    struct epoll_event event = { EPOLLIN, { .u32 = (uint32_t)fd } };
    return epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event);
}

/* Each instance of `upper` watches every one of `lower`, TIMES times:
 * through descriptors SPARE... of it, closed afterwards (the entries stay
 * while the instance is open: they belong to the open file). */
static void link_layers(const int *upper, const int *lower)
{
    for (int j = 0; j < WIDE; j++) {
        for (int n = 0; n < TIMES; n++)
            CHECK_EQ(SPARE + n, dup2(lower[j], SPARE + n), "dup2");
        for (int i = 0; i < WIDE; i++)
            for (int n = 0; n < TIMES; n++)
                CHECK(watch(upper[i], SPARE + n) == 0, "link %d -> %d: errno %d", i, j, errno);
        for (int n = 0; n < TIMES; n++)
            close(SPARE + n);
    }
}

/* Runs epoll_ctl(epoll, EPOLL_CTL_ADD, fd) TRIES times, each expecting
 * `error` (0: success, then EPOLL_CTL_DEL), each under BOUND_NS; stops
 * at the first slow one. */
static void time_adds(const char *what, int epoll, int fd, int error)
{
    long long slowest = 0;
    for (int i = 0; i < TRIES && slowest < BOUND_NS; i++) {
        long long start = monotonic_ns();
        errno = 0;
        int result = watch(epoll, fd);
        long long took = monotonic_ns() - start;
        if (error == 0) {
            CHECK_EQ(0, result, what);
            start = monotonic_ns();
            CHECK_EQ(0, epoll_ctl(epoll, EPOLL_CTL_DEL, fd, 0), "EPOLL_CTL_DEL");
            took += monotonic_ns() - start;
        } else {
            CHECK(result == -1 && errno == error, "%s: expected errno %d, got %d with errno %d",
                  what, error, result, errno);
        }
        if (took > slowest)
            slowest = took;
    }
    printf("%s: slowest call %lld us\n", what, slowest / 1000);
    CHECK(slowest < BOUND_NS, "%s: a call took %lld ms", what, slowest / 1000000);
}

static void wide_graph(void)
{
    /* layer[0] is the top: each instance watches every one of the next */
    static int layer[4][WIDE];
    for (int l = 0; l < 4; l++)
        for (int i = 0; i < WIDE; i++)
            layer[l][i] = epoll_create1(0);
    int whole = epoll_create1(0), top = epoll_create1(0);
    CHECK(whole >= 0 && top >= 0 && layer[0][0] >= 0, "instances: errno %d", errno);
    for (int i = 0; i < WIDE; i++)
        CHECK(watch(whole, layer[0][i]) == 0, "the whole graph under one: errno %d", errno);
    for (int l = 0; l < 3; l++)
        link_layers(layer[l], layer[l + 1]);      /* from the top: each lower one still empty */

    time_adds("a fresh instance watches a top-layer one (five deep)", top, layer[0][WIDE - 1], 0);
    time_adds("a fresh instance watches them all (six deep)", top, whole, ELOOP);
    time_adds("a bottom instance watches a top one (a cycle)", layer[3][WIDE - 1], layer[0][0], ELOOP);

    for (int l = 0; l < 4; l++)
        for (int i = 0; i < WIDE; i++)
            close(layer[l][i]);
    close(whole);
    close(top);
}

/* A diamond under `top`: top watches b, then a; a watches b, b watches
 * c. The walk from top meets b first (one below it), then again through
 * a: the longest chain under top is top-a-b-c, four instances. */
static void diamond_below(void)
{
    int top = epoll_create1(0), a = epoll_create1(0), b = epoll_create1(0), c = epoll_create1(0);
    CHECK(watch(b, c) == 0 && watch(a, b) == 0 && watch(top, b) == 0 && watch(top, a) == 0,
          "the diamond below: errno %d", errno);
    int fresh = epoll_create1(0), watched = epoll_create1(0), watcher = epoll_create1(0);
    CHECK_EQ(0, watch(watcher, watched), "an instance with one above it");
    CHECK_EQ(0, watch(fresh, top), "five instances in a chain");
    CHECK_ERROR(watch(watched, top), ELOOP);
    int fds[] = { top, a, b, c, fresh, watched, watcher };
    for (unsigned i = 0; i < sizeof fds / sizeof fds[0]; i++)
        close(fds[i]);
}

/* The same above the link: bottom is watched by q (met first: the
 * newest watcher) and by p, which q watches, and q by r: the longest
 * chain above bottom is r-q-p, three instances. */
static void diamond_above(void)
{
    int bottom = epoll_create1(0), p = epoll_create1(0), q = epoll_create1(0), r = epoll_create1(0);
    CHECK(watch(p, bottom) == 0 && watch(q, p) == 0 && watch(r, q) == 0 && watch(q, bottom) == 0,
          "the diamond above: errno %d", errno);
    int empty = epoll_create1(0), watching = epoll_create1(0), watched = epoll_create1(0);
    CHECK_EQ(0, watch(watching, watched), "an instance with one below it");
    CHECK_ERROR(watch(bottom, watching), ELOOP);
    CHECK_EQ(0, watch(bottom, empty), "five instances in a chain");
    int fds[] = { bottom, p, q, r, empty, watching, watched };
    for (unsigned i = 0; i < sizeof fds / sizeof fds[0]; i++)
        close(fds[i]);
}

static void cases(void)
{
    wide_graph();
    diamond_below();
    diamond_above();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("epoll_loop_check_of_a_wide_graph_is_fast");
}

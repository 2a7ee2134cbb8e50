/* How often a ready descriptor is reported (epoll(7)): level-triggered,
 * by every epoll_wait for as long as it is ready; edge-triggered
 * (EPOLLET), once per change (new data), however long it stays ready;
 * one-shot (EPOLLONESHOT), once, and then never, even with new data,
 * until EPOLL_CTL_MOD arms it again. EPOLLHUP and EPOLLERR come unasked.
 * With many ready, maxevents caps each wait and the next ones take the
 * rest; a level-triggered entry waits its turn behind the others. */
#include <fcntl.h>
#include <sys/epoll.h>

#include "boot_test.h"

/* epoll_wait with timeout 0: how many, and the first's events and data. */
static int look(int epoll, unsigned *events, int *data)
{
    struct epoll_event got[8];
    memset(got, 0, sizeof got);
    int count = epoll_wait(epoll, got, 8, 0);
    *events = got[0].events;
    *data = got[0].data.fd;
    return count;
}

static void level_triggered(void)
{
    int epoll = epoll_create1(0), fds[2];
    pipe(fds);
    struct epoll_event event = { EPOLLIN, { .fd = fds[0] } };
    epoll_ctl(epoll, EPOLL_CTL_ADD, fds[0], &event);
    unsigned events;
    int data;
    CHECK_EQ(0, look(epoll, &events, &data), "level: nothing yet");
    write(fds[1], "ab", 2);
    for (int i = 0; i < 3; i++) {
        CHECK_EQ(1, look(epoll, &events, &data), "level: reported by every wait while ready");
        CHECK_EQ(EPOLLIN, events, "level: EPOLLIN");
        CHECK_EQ(fds[0], data, "level: the data is the descriptor given");
    }
    char bytes[2];
    read(fds[0], bytes, 2);
    CHECK_EQ(0, look(epoll, &events, &data), "level: drained, nothing");
    close(fds[1]);
    CHECK_EQ(1, look(epoll, &events, &data), "level: the writer gone");
    CHECK_EQ(EPOLLHUP, events, "level: EPOLLHUP, not asked for");
    close(fds[0]);
    close(epoll);
}

static void edge_triggered(void)
{
    int epoll = epoll_create1(0), fds[2];
    pipe(fds);
    struct epoll_event event = { EPOLLIN | EPOLLET, { .fd = 7 } };
    epoll_ctl(epoll, EPOLL_CTL_ADD, fds[0], &event);
    unsigned events;
    int data;
    write(fds[1], "a", 1);
    CHECK_EQ(1, look(epoll, &events, &data), "edge: the new data reported");
    CHECK_EQ(EPOLLIN, events, "edge: EPOLLIN");
    CHECK_EQ(0, look(epoll, &events, &data), "edge: still ready, not reported again");
    CHECK_EQ(0, epoll_wait(epoll, &event, 1, 20), "edge: nor after a wait of 20 ms");
    write(fds[1], "b", 1);
    CHECK_EQ(1, look(epoll, &events, &data), "edge: more data, reported once more");
    CHECK_EQ(0, look(epoll, &events, &data), "edge: and once only");
    /* watched ready from the start: one report */
    int second = epoll_create1(0);
    epoll_ctl(second, EPOLL_CTL_ADD, fds[0], &event);
    CHECK_EQ(1, look(second, &events, &data), "edge: ready when added, reported");
    CHECK_EQ(0, look(second, &events, &data), "edge: ready when added, reported once");
    close(second);
    close(fds[0]);
    close(fds[1]);
    close(epoll);
}

static void one_shot(void)
{
    int epoll = epoll_create1(0), fds[2];
    pipe(fds);
    struct epoll_event event = { EPOLLIN | EPOLLONESHOT, { .fd = 9 } };
    epoll_ctl(epoll, EPOLL_CTL_ADD, fds[0], &event);
    unsigned events;
    int data;
    write(fds[1], "a", 1);
    CHECK_EQ(1, look(epoll, &events, &data), "one-shot: reported");
    CHECK_EQ(9, data, "one-shot: its data");
    CHECK_EQ(0, look(epoll, &events, &data), "one-shot: not again while ready");
    write(fds[1], "b", 1);
    CHECK_EQ(0, look(epoll, &events, &data), "one-shot: not even with new data");
    close(fds[1]);
    CHECK_EQ(0, look(epoll, &events, &data), "one-shot: not even a hang-up");
    CHECK_ERROR(epoll_ctl(epoll, EPOLL_CTL_ADD, fds[0], &event), EEXIST);   /* disarmed, still there */
    event.data.fd = 10;
    CHECK_EQ(0, epoll_ctl(epoll, EPOLL_CTL_MOD, fds[0], &event), "MOD arms it again");
    CHECK_EQ(1, look(epoll, &events, &data), "one-shot: reported after MOD");
    CHECK_EQ(EPOLLIN | EPOLLHUP, events, "one-shot: what is so now");
    CHECK_EQ(10, data, "one-shot: the new data");
    CHECK_EQ(0, look(epoll, &events, &data), "one-shot: and once only");
    close(fds[0]);
    close(epoll);
}

#define MANY 10

static void many_ready(void)
{
    int epoll = epoll_create1(0), fds[MANY][2];
    for (int i = 0; i < MANY; i++) {
        pipe(fds[i]);
        struct epoll_event event = { EPOLLIN, { .u32 = (uint32_t)i } };
        epoll_ctl(epoll, EPOLL_CTL_ADD, fds[i][0], &event);
        write(fds[i][1], "x", 1);
    }
    struct epoll_event got[MANY];
    int seen[MANY] = { 0 };
    for (int round = 0; round < 3; round++) {
        int count = epoll_wait(epoll, got, 4, 0);
        CHECK_EQ(round < 2 ? 4 : 2, count, "maxevents 4 caps each wait; the rest come next");
        for (int i = 0; i < count; i++) {
            if (got[i].data.u32 < MANY)
                seen[got[i].data.u32]++;
            char byte;
            read(fds[got[i].data.u32][0], &byte, 1);   /* no longer ready */
        }
    }
    for (int i = 0; i < MANY; i++)
        CHECK_EQ(1, seen[i], "each ready pipe reported once");
    /* level-triggered and still ready: each is reported in turn */
    for (int i = 0; i < MANY; i++)
        write(fds[i][1], "y", 1);
    memset(seen, 0, sizeof seen);
    for (int round = 0; round < MANY; round++) {
        CHECK_EQ(1, epoll_wait(epoll, got, 1, 0), "one at a time");
        if (got[0].data.u32 < MANY)
            seen[got[0].data.u32]++;
    }
    for (int i = 0; i < MANY; i++)
        CHECK_EQ(1, seen[i], "ten waits of one: each pipe once, none starved");
    for (int i = 0; i < MANY; i++) {
        close(fds[i][0]);
        close(fds[i][1]);
    }
    close(epoll);
}

static void cases(void)
{
    level_triggered();
    edge_triggered();
    one_shot();
    many_ready();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("epoll_edge_triggered_and_oneshot_report_once");
}

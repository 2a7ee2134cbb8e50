/* One thread waits in epoll_wait while another closes what it waits on
 * (epoll_wait(2), NOTES: closing a descriptor "in another thread" does
 * not end the wait; Linux: the instance lives until the wait returns):
 *   - the watched descriptors closed, all 100 of them: their entries go,
 *     the wait goes on, and a descriptor added meanwhile ends it;
 *   - the instance's own descriptor closed: the wait goes on, and data
 *     on a descriptor it still watches ends it; the instance is freed
 *     after.
 * Nothing leaks (the kernel's counters). */
#include <pthread.h>
#include <sys/epoll.h>

#include "boot_test.h"
#include "boot_thread.h"

#define WATCHED 100

struct waiter {
    int epoll;
    int count;
    uint64_t data;
    volatile int tid;                  /* set by the waiting thread first */
};

static void *wait_for_ever(void *argument)
{
    struct waiter *waiter = argument;
    struct epoll_event got = { 0, { 0 } };
    waiter->tid = gettid();
    waiter->count = epoll_wait(waiter->epoll, &got, 1, 10000);
    waiter->data = got.data.u64;
    return 0;
}

/* Until the thread of `waiter` waits in epoll_wait (a fixed sleep was
 * too short on two CPUs under a loaded host: the thread had not called
 * it yet when its instance closed). */
static void wait_for_the_waiter(struct waiter *waiter)
{
    for (int tries = 0; tries < 2000 && !waiter->tid; tries++)
        usleep(1000);
    CHECK(waiter->tid && wait_until_thread_blocked_in(waiter->tid, "epoll_wait"),
          "the other thread waits in epoll_wait");
}

static void watched_descriptors_closed(void)
{
    int epoll = epoll_create1(0), fds[WATCHED][2];
    for (int i = 0; i < WATCHED; i++) {
        pipe(fds[i]);
        struct epoll_event event = { EPOLLIN, { .u64 = (uint64_t)i } };
        epoll_ctl(epoll, EPOLL_CTL_ADD, fds[i][0], &event);
    }
    struct waiter waiter = { epoll, -2, 0, 0 };
    pthread_t thread;
    pthread_create(&thread, 0, wait_for_ever, &waiter);
    wait_for_the_waiter(&waiter);
    for (int i = 0; i < WATCHED; i++) {
        close(fds[i][0]);                  /* the read ends: their entries go */
        close(fds[i][1]);
    }
    usleep(30000);
    CHECK_EQ(-2, waiter.count, "the wait goes on after every watched descriptor closed");
    int late[2];
    pipe(late);
    struct epoll_event event = { EPOLLIN, { .u64 = 555 } };
    CHECK_EQ(0, epoll_ctl(epoll, EPOLL_CTL_ADD, late[0], &event), "ADD while another thread waits");
    write(late[1], "x", 1);
    pthread_join(thread, 0);
    CHECK_EQ(1, waiter.count, "the descriptor added meanwhile ends the wait");
    CHECK_EQ(555, waiter.data, "with its data");
    close(late[0]);
    close(late[1]);
    close(epoll);
}

static void instance_closed(void)
{
    int epoll = epoll_create1(0), fds[2];
    pipe(fds);
    struct epoll_event event = { EPOLLIN, { .u64 = 9 } };
    epoll_ctl(epoll, EPOLL_CTL_ADD, fds[0], &event);
    struct waiter waiter = { epoll, -2, 0, 0 };
    pthread_t thread;
    pthread_create(&thread, 0, wait_for_ever, &waiter);
    wait_for_the_waiter(&waiter);
    close(epoll);
    usleep(30000);
    CHECK_EQ(-2, waiter.count, "the wait goes on after its instance's descriptor closed");
    write(fds[1], "x", 1);
    pthread_join(thread, 0);
    CHECK_EQ(1, waiter.count, "data on a descriptor it watches ends it");
    CHECK_EQ(9, waiter.data, "with its data");
    close(fds[0]);
    close(fds[1]);
}

static void cases(void)
{
    watched_descriptors_closed();
    instance_closed();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("epoll_wait_survives_closes_by_another_thread");
}

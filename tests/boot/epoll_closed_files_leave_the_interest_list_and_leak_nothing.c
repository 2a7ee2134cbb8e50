/* An epoll entry belongs to an open file and the descriptor it was added
 * by (epoll(7): "closing a file descriptor causes it to be removed from
 * all epoll interest lists" once every descriptor of the open file is
 * closed): while a dup keeps the file open its entry stays and reports,
 * keyed by the old descriptor number (DEL of the old number: EBADF, of
 * the dup: ENOENT); once the last is closed the entry is gone (the same
 * number reused is a new file: ADD works). An instance inside another
 * leaves it when closed. Closing the instance first, exiting with it
 * open, 200 watched descriptors closed in any order, a child sharing the
 * instance: every instance and entry is freed (the kernel's counters). */
#include <fcntl.h>
#include <sys/epoll.h>

#include "boot_test.h"

#define WATCHED 200

/* kinfo's epoll counters (zeros on Linux, where only the rules are checked) */
static unsigned entries_now(void)
{
    return read_counters().epoll_entries;
}

static void dup_keeps_the_entry(void)
{
    int epoll = epoll_create1(0), fds[2];
    pipe(fds);
    unsigned base = entries_now();
    struct epoll_event event = { EPOLLIN, { .u64 = 77 } };
    CHECK_EQ(0, epoll_ctl(epoll, EPOLL_CTL_ADD, fds[0], &event), "ADD the read end");
    int copy = dup(fds[0]);
    close(fds[0]);
    write(fds[1], "x", 1);
    struct epoll_event got = { 0, { 0 } };
    CHECK_EQ(1, epoll_wait(epoll, &got, 1, 0), "a dup keeps the file open: still watched");
    CHECK_EQ(77, got.data.u64, "its data");
    CHECK_ERROR(epoll_ctl(epoll, EPOLL_CTL_DEL, fds[0], NULL), EBADF);
    CHECK_ERROR(epoll_ctl(epoll, EPOLL_CTL_DEL, copy, NULL), ENOENT);   /* keyed by (file, old fd) */
    close(copy);
    CHECK_EQ(0, epoll_wait(epoll, &got, 1, 0), "the last descriptor closed: nothing reported");
    CHECK_EQ(base, entries_now(), "the entry is freed");
    int again[2];
    pipe(again);
    CHECK_EQ(fds[0], again[0], "the number is reused");
    CHECK_EQ(0, epoll_ctl(epoll, EPOLL_CTL_ADD, again[0], &event), "a new file under it: ADD works");
    close(again[0]);
    close(again[1]);
    close(fds[1]);
    close(epoll);
}

static void inner_instance_closed(void)
{
    int outer = epoll_create1(0), inner = epoll_create1(0), fds[2];
    pipe(fds);
    struct epoll_event event = { EPOLLIN, { 0 } };
    epoll_ctl(inner, EPOLL_CTL_ADD, fds[0], &event);
    epoll_ctl(outer, EPOLL_CTL_ADD, inner, &event);
    write(fds[1], "x", 1);
    struct epoll_event got;
    CHECK_EQ(1, epoll_wait(outer, &got, 1, 0), "the inner instance is ready");
    close(inner);
    CHECK_EQ(0, epoll_wait(outer, &got, 1, 0), "closed: it left the outer one");
    close(outer);
    close(fds[0]);
    close(fds[1]);
}

static void many_closed_in_any_order(void)
{
    int epoll = epoll_create1(0), fds[WATCHED / 2][2];
    unsigned base = entries_now();
    for (int i = 0; i < WATCHED / 2; i++) {
        pipe(fds[i]);
        struct epoll_event event = { EPOLLIN | EPOLLOUT, { .u32 = (uint32_t)i } };
        CHECK_EQ(0, epoll_ctl(epoll, EPOLL_CTL_ADD, fds[i][0], &event), "ADD a read end");
        CHECK_EQ(0, epoll_ctl(epoll, EPOLL_CTL_ADD, fds[i][1], &event), "ADD a write end");
    }
    struct epoll_event got[WATCHED];
    CHECK_EQ(WATCHED / 2, epoll_wait(epoll, got, WATCHED, 0), "every write end is writable");
    if (base || entries_now())
        CHECK_EQ(base + WATCHED, entries_now(), "200 entries");
    for (int i = 0; i < WATCHED / 2; i += 2)
        close(fds[i][1]);                      /* every other write end: its reader hangs up */
    CHECK_EQ(WATCHED / 2, epoll_wait(epoll, got, WATCHED, 0), "50 write ends left, 50 read ends hung up");
    for (int i = WATCHED / 2 - 1; i >= 0; i--)
        close(fds[i][0]);
    CHECK_EQ(WATCHED / 4, epoll_wait(epoll, got, WATCHED, 0), "the write ends left, in error now");
    for (int i = 1; i < WATCHED / 2; i += 2)
        close(fds[i][1]);
    CHECK_EQ(0, epoll_wait(epoll, got, WATCHED, 0), "all closed: nothing");
    CHECK_EQ(base, entries_now(), "every entry freed as its file went");
    close(epoll);
}

static void instance_closed_first_and_left_at_exit(void)
{
    int fds[2];
    pipe(fds);
    int epoll = epoll_create1(0);
    struct epoll_event event = { EPOLLIN, { 0 } };
    epoll_ctl(epoll, EPOLL_CTL_ADD, fds[0], &event);
    close(epoll);
    CHECK_EQ(1, write(fds[1], "x", 1), "the watched pipe works on after its instance went");
    char byte;
    CHECK_EQ(1, read(fds[0], &byte, 1), "and reads");

    epoll = epoll_create1(0);
    epoll_ctl(epoll, EPOLL_CTL_ADD, fds[0], &event);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        /* shares the instance; adds to it and exits with everything open */
        int more[2];
        pipe(more);
        epoll_ctl(epoll, EPOLL_CTL_ADD, more[1], &event);
        int own = epoll_create1(0);
        epoll_ctl(own, EPOLL_CTL_ADD, more[0], &event);
        epoll_ctl(own, EPOLL_CTL_ADD, fds[1], &event);
        _exit(0);
    }
    waitpid(child, 0, 0);
    struct epoll_event got;
    CHECK_EQ(0, epoll_wait(epoll, &got, 1, 0), "the child's pipe left our instance with the child");
    write(fds[1], "y", 1);
    CHECK_EQ(1, epoll_wait(epoll, &got, 1, 0), "our own entry is still there");
    close(epoll);
    close(fds[0]);
    close(fds[1]);
}

static void cases(void)
{
    dup_keeps_the_entry();
    inner_instance_closed();
    many_closed_in_any_order();
    instance_closed_first_and_left_at_exit();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    struct kinfo_counters after = read_counters();
    CHECK_EQ(0, after.epoll_instances, "no instance left");
    CHECK_EQ(0, after.epoll_entries, "no entry left");
    return test_finish("epoll_closed_files_leave_the_interest_list_and_leak_nothing");
}

/* epoll watches this kernel's own descriptor kinds as poll does (their
 * rules: tests/boot/poll_reports_the_readiness_of_every_descriptor_kind.c):
 * a terminal with no line typed is writable only; a bounded mailbox is
 * writable while it has room and readable with a message held; a
 * rendezvous mailbox is readable when a sender offers a message, which
 * wakes a wait for ever. Mailboxes are this kernel's alone, so this test
 * is not run on Linux. Nothing leaks. */
#include <fcntl.h>
#include <ipc.h>
#include <sys/epoll.h>

#include "boot_test.h"

/* The events an epoll set reports for `fd` within `timeout_ms`. */
static int readiness_within(int fd, int timeout_ms)
{
    int epoll = epoll_create1(0);
    struct epoll_event event = { EPOLLIN | EPOLLOUT, { .fd = fd } };
    CHECK_EQ(0, epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event), "ADD");
    struct epoll_event got = { 0, { 0 } };
    int count = epoll_wait(epoll, &got, 1, timeout_ms);
    CHECK(count == 0 || (count == 1 && got.data.fd == fd), "epoll_wait: %d, data %d", count, got.data.fd);
    close(epoll);
    return count == 1 ? (int)got.events : 0;
}

static void cases(void)
{
    int terminal = open("/dev/tty2", O_RDWR);
    CHECK(terminal >= 0, "open /dev/tty2: %d", terminal);
    CHECK_EQ(EPOLLOUT, readiness_within(terminal, 0), "a terminal with no line typed: writable only");
    close(terminal);

    int box = mbox_open("epoll-bounded", O_CREAT | O_EXCL, 1);
    CHECK(box >= 0, "mbox_open: %d", box);
    CHECK_EQ(EPOLLOUT, readiness_within(box, 0), "an empty bounded mailbox: writable");
    struct message message = { 0 };
    message.len = 1;
    CHECK_EQ(0, mbox_send(box, &message, MSG_NONBLOCK), "mbox_send");
    CHECK_EQ(EPOLLIN, readiness_within(box, 0), "one held of one: readable, not writable");
    CHECK_EQ(0, mbox_recv(box, &message, MSG_NONBLOCK), "mbox_recv");
    close(box);
    mbox_unlink("epoll-bounded");

    int rendezvous = mbox_open("epoll-rendezvous", O_CREAT | O_EXCL, 0);
    CHECK_EQ(0, readiness_within(rendezvous, 0), "a rendezvous mailbox nobody sends to: nothing");
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        usleep(30000);
        struct message offer = { 0 };
        offer.len = 1;
        _exit(mbox_send(rendezvous, &offer, 0) == 0 ? 0 : 1);
    }
    CHECK_EQ(EPOLLIN, readiness_within(rendezvous, 5000), "a sender offering a message wakes the wait: readable");
    CHECK_EQ(0, mbox_recv(rendezvous, &message, MSG_NONBLOCK), "take the offered message");
    int status;
    waitpid(child, &status, 0);
    CHECK_EQ(0, status, "the sender's status");
    close(rendezvous);
    mbox_unlink("epoll-rendezvous");
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("epoll_watches_terminals_and_mailboxes_as_poll_does");
}

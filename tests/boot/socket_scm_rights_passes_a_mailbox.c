/* A mailbox (this kernel's own IPC object, mbox_open(2)) travels over a
 * local socket like any descriptor: the receiver's new descriptor names
 * the same mailbox, so a message sent through one is received through
 * the other, even after the mailbox's name is gone; nothing leaks. (Linux
 * has no mailboxes: this test is this kernel's only.) */
#include <fcntl.h>
#include <ipc.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "boot_test.h"

#define MAILBOX_NAME "scm_rights_box"

int main(void)
{
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_warm_up(tasks);
    int pair[2];
    CHECK_EQ(0, socketpair(AF_UNIX, SOCK_DGRAM, 0, pair), "socketpair");
    int box = mbox_open(MAILBOX_NAME, O_CREAT | O_EXCL, 4);
    CHECK(box >= 0, "mbox_open: errno %d", errno);
    CHECK_EQ(0, mbox_unlink(MAILBOX_NAME), "the name goes; the mailbox stays while a descriptor does");

    char control[CMSG_SPACE(sizeof(int))];
    memset(control, 0, sizeof control);
    struct iovec data = { "m", 1 };
    struct msghdr message = { 0 };
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    struct cmsghdr *header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_RIGHTS;
    header->cmsg_len = CMSG_LEN(sizeof box);
    memcpy(CMSG_DATA(header), &box, sizeof box);
    CHECK_EQ(1, sendmsg(pair[0], &message, 0), "sendmsg of the mailbox's descriptor");

    char byte;
    struct iovec in = { &byte, 1 };
    message.msg_iov = &in;
    message.msg_controllen = sizeof control;
    CHECK_EQ(1, recvmsg(pair[1], &message, 0), "recvmsg");
    int received = -1;
    header = CMSG_FIRSTHDR(&message);
    if (header && header->cmsg_type == SCM_RIGHTS)
        memcpy(&received, CMSG_DATA(header), sizeof received);
    CHECK(received >= 0 && received != box, "a new descriptor, got %d", received);

    struct message sent = { 0 }, got = { 0 };
    sent.type = 7;
    sent.len = 5;
    memcpy(sent.body, "hello", 5);
    CHECK_EQ(0, mbox_send(received, &sent, 0), "mbox_send through the received descriptor");
    CHECK_EQ(0, mbox_recv(box, &got, MSG_NONBLOCK), "mbox_recv through the first one");
    CHECK(got.type == 7 && got.len == 5 && memcmp(got.body, "hello", 5) == 0, "the same mailbox");
    close(received);
    close(box);
    close(pair[0]);
    close(pair[1]);
    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("socket_scm_rights_passes_a_mailbox");
}

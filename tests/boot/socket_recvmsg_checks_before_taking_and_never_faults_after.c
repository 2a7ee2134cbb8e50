/* recvmsg as Linux's ____sys_recvmsg: a negative msg_namelen is EINVAL
 * before anything is taken (the bytes or the datagram stay); a control
 * buffer that cannot be written loses the descriptors (none installed,
 * MSG_CTRUNC, closed) but the message is received once, its bytes
 * returned. sendmsg refuses a negative msg_namelen too. Nothing leaks. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "boot_socket.h"
#include "boot_test.h"

#define UNMAPPED ((void *)16)

/* The descriptor the next open would get. */
static int next_descriptor(void)
{
    int fd = dup(0);
    close(fd);
    return fd;
}

/* A message with a descriptor, received into an unwritable control
 * buffer: the byte comes, MSG_CTRUNC, no descriptor; the message is gone. */
static void unwritable_control(int type)
{
    int pair[2], pipe_fds[2];
    CHECK_EQ(0, socketpair(AF_UNIX, type, 0, pair), "socketpair");
    CHECK_EQ(0, pipe(pipe_fds), "pipe");
    CHECK_EQ(1, (int)send_descriptor(pair[0], pipe_fds[0]), "send a descriptor");
    CHECK_EQ(1, (int)send(pair[0], "n", 1, 0), "then a plain byte");
    CHECK_EQ(0, close(pipe_fds[0]), "close our read end: the message holds it");
    int free_fd = next_descriptor();
    char byte = 0;
    struct iovec in = { &byte, 1 };
    struct msghdr message = { 0 };
    message.msg_iov = &in;
    message.msg_iovlen = 1;
    message.msg_control = UNMAPPED;
    message.msg_controllen = 64;
    CHECK_EQ(1, (int)recvmsg(pair[1], &message, MSG_DONTWAIT), "recvmsg returns the byte");
    CHECK_EQ('m', byte, "the byte");
    CHECK(message.msg_flags & MSG_CTRUNC, "MSG_CTRUNC: flags 0x%x", message.msg_flags);
    CHECK_EQ(0, (int)message.msg_controllen, "no control message written");
    CHECK(fcntl(free_fd, F_GETFD) == -1 && errno == EBADF, "no descriptor installed at %d", free_fd);
    CHECK_EQ(1, (int)recv(pair[1], &byte, 1, MSG_DONTWAIT), "the next receive");
    CHECK_EQ('n', byte, "gets the next byte: the first message was taken once");
    char buffer[4];
    CHECK_ERROR(write(pipe_fds[1], "x", 1), EPIPE);   /* the carried read end was closed */
    CHECK_EQ(0, close(pipe_fds[1]), "close the pipe's writer");
    CHECK_ERROR(recv(pair[1], buffer, sizeof buffer, MSG_DONTWAIT), EAGAIN);
    close(pair[0]);
    close(pair[1]);
}

/* msg_namelen -1 with a name: EINVAL, and the message stays. */
static void negative_name_length(int type)
{
    int pair[2];
    CHECK_EQ(0, socketpair(AF_UNIX, type, 0, pair), "socketpair");
    CHECK_EQ(3, (int)write(pair[0], "abc", 3), "write");
    char name[16], buffer[8];
    struct iovec in = { buffer, sizeof buffer };
    struct msghdr message = { 0 };
    message.msg_name = name;
    message.msg_namelen = (socklen_t)-1;
    message.msg_iov = &in;
    message.msg_iovlen = 1;
    CHECK_ERROR(recvmsg(pair[1], &message, MSG_DONTWAIT), EINVAL);
    CHECK_EQ(3, (int)read(pair[1], buffer, sizeof buffer), "the bytes are still there");
    struct iovec out = { "d", 1 };
    struct msghdr sending = { 0 };
    sending.msg_name = name;
    sending.msg_namelen = (socklen_t)-1;
    sending.msg_iov = &out;
    sending.msg_iovlen = 1;
    CHECK_ERROR(sendmsg(pair[0], &sending, 0), EINVAL);
    CHECK_ERROR(recv(pair[1], buffer, sizeof buffer, MSG_DONTWAIT), EAGAIN);
    message.msg_name = 0;             /* no name: its length does not count */
    CHECK_EQ(1, (int)write(pair[0], "e", 1), "write");
    CHECK_EQ(1, (int)recvmsg(pair[1], &message, MSG_DONTWAIT), "recvmsg with no name");
    close(pair[0]);
    close(pair[1]);
}

static void cases(void)
{
    signal(SIGPIPE, SIG_IGN);
    unwritable_control(SOCK_DGRAM);
    unwritable_control(SOCK_STREAM);
    negative_name_length(SOCK_DGRAM);
    negative_name_length(SOCK_STREAM);
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("socket_recvmsg_checks_before_taking_and_never_faults_after");
}

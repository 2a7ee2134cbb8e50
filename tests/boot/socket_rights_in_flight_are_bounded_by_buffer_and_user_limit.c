/* Files in flight cost kernel memory that no process holds, so they are
 * bounded as Linux bounds them: each message's memory counts against the
 * receiving socket's buffer (a nonblocking sender of one byte and 253
 * descriptors a time gets EAGAIN after a few hundred messages at most),
 * and a user other than root who has more than RLIMIT_NOFILE files in
 * flight may send no more (ETOOMANYREFS). Closing the sockets releases
 * everything: nothing leaks. */
#include <errno.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include "boot_test.h"

#define FDS 253
#define NOBODY 65534

/* Sends one byte with FDS copies of `fd` over `via`. */
static ssize_t send_many(int via, int fd)
{
    int fds[FDS];
    for (int i = 0; i < FDS; i++)
        fds[i] = fd;
    char control[CMSG_SPACE(sizeof fds)];
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
    header->cmsg_len = CMSG_LEN(sizeof fds);
    memcpy(CMSG_DATA(header), fds, sizeof fds);
    return sendmsg(via, &message, 0);
}

/* Sends until a send fails; returns how many went, the error in *error. */
static int fill(int via, int fd, int *error)
{
    int sent = 0;
    while (sent < 100000) {
        if (send_many(via, fd) != 1) {
            *error = errno;
            break;
        }
        sent++;
    }
    return sent;
}

/* The receiving socket's buffer stops the sender (root has no per-user
 * limit; another user may hit its limit first). */
static void buffer_bounds_the_sender(void)
{
    int pair[2];
    CHECK_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, pair), "socketpair");
    CHECK_EQ(0, fcntl(pair[0], F_SETFL, O_NONBLOCK), "O_NONBLOCK");
    int error = 0;
    int sent = fill(pair[0], pair[1], &error);
    CHECK(sent > 0 && sent < 1000, "sent %d messages of %d descriptors before an error", sent, FDS);
    CHECK(error == EAGAIN || (geteuid() != 0 && error == ETOOMANYREFS), "the error: %d", error);
    char byte;
    CHECK_EQ(1, (int)recv(pair[1], &byte, 1, 0), "a read takes one message's byte (its descriptors closed)");
    CHECK_EQ(1, (int)send_many(pair[0], pair[1]), "room again after a read");
    CHECK_EQ(0, close(pair[0]), "close");
    CHECK_EQ(0, close(pair[1]), "close: the collector frees what is in flight");
}

/* Another user than root, with RLIMIT_NOFILE at 256: two messages of 253
 * descriptors make 506 in flight, over the limit: the third is refused;
 * a received message brings the count down again. */
static void user_limit_refuses_more(void)
{
    pid_t child = fork();
    if (child == 0) {
        if (geteuid() == 0 && setuid(NOBODY) != 0)
            _exit(3);
        struct rlimit limit = { 256, 256 };
        if (setrlimit(RLIMIT_NOFILE, &limit) != 0)
            _exit(4);
        int pair[2];
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != 0)
            _exit(5);
        fcntl(pair[0], F_SETFL, O_NONBLOCK);
        int error = 0;
        int sent = fill(pair[0], pair[1], &error);
        CHECK_EQ(256 / FDS + 1, sent, "messages sent before the limit");
        CHECK_EQ(ETOOMANYREFS, error, "the error once over the limit");
        char byte;
        CHECK_EQ(1, (int)recv(pair[1], &byte, 1, 0), "receive one message (descriptors closed)");
        CHECK_EQ(1, (int)send_many(pair[0], pair[1]), "under the limit again: a send goes");
        CHECK_ERROR(send_many(pair[0], pair[1]), ETOOMANYREFS);
        CHECK_EQ(1, (int)send(pair[0], "x", 1, 0), "bytes without descriptors still go");
        close(pair[0]);
        close(pair[1]);
        fflush(stdout);
        _exit(check_failures ? 1 : 0);
    }
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the other user's checks: status 0x%x", status);
}

static void cases(void)
{
    buffer_bounds_the_sender();
    user_limit_refuses_more();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("socket_rights_in_flight_are_bounded_by_buffer_and_user_limit");
}

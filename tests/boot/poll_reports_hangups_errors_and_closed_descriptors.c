/* poll's always-reported events (POSIX poll(2): POLLERR, POLLHUP and
 * POLLNVAL "shall always be set in revents if the condition is true, even
 * if not requested"): POLLHUP on a pipe's read end once every writer is
 * gone and on a socket whose peer closed; POLLERR on a pipe's write end
 * with no reader left; POLLNVAL for a descriptor that is not open; a
 * negative fd is skipped with revents 0. Bad arguments: EFAULT for an
 * array that is not ours, EINVAL for nfds beyond the descriptor limit
 * (Linux: RLIMIT_NOFILE) or a negative timespec. */
#include <poll.h>
#include <sys/socket.h>

#include "boot_test.h"

int main(void)
{
    int fds[2];
    pipe(fds);
    close(fds[1]);
    struct pollfd entry = { fds[0], POLLIN, 0 };
    CHECK_EQ(1, poll(&entry, 1, 0), "a pipe whose writers are gone");
    CHECK_EQ(POLLHUP, entry.revents, "POLLHUP (and no POLLIN: nothing to read)");
    entry.events = 0;
    CHECK_EQ(1, poll(&entry, 1, 0), "events 0: POLLHUP is reported still");
    CHECK_EQ(POLLHUP, entry.revents, "POLLHUP unasked");
    close(fds[0]);

    pipe(fds);
    close(fds[0]);
    struct pollfd writer = { fds[1], POLLOUT, 0 };
    CHECK_EQ(1, poll(&writer, 1, 0), "a pipe whose readers are gone");
    CHECK_EQ(POLLOUT | POLLERR, writer.revents, "POLLERR beside POLLOUT (the write would fail at once)");
    close(fds[1]);

    int pair[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
    close(pair[1]);
    struct pollfd socket_entry = { pair[0], POLLIN, 0 };
    CHECK_EQ(1, poll(&socket_entry, 1, 0), "a socket whose peer closed");
    CHECK_EQ(POLLIN | POLLHUP, socket_entry.revents, "readable (end of file) and hung up");
    close(pair[0]);

    struct pollfd entries[3] = { { 100, POLLIN, 0 }, { -1, POLLIN, 0x55 }, { 0, 0, 0 } };
    CHECK_EQ(1, poll(entries, 2, 0), "a closed descriptor counts as ready");
    CHECK_EQ(POLLNVAL, entries[0].revents, "POLLNVAL for descriptor 100");
    CHECK_EQ(0, entries[1].revents, "a negative fd: skipped, revents 0");

    CHECK_ERROR(poll((struct pollfd *)16, 1, 0), EFAULT);
    CHECK_ERROR(poll((struct pollfd *)0xC0000000, 1, 0), EFAULT);
    CHECK_ERROR(poll(entries, 100000, 0), EINVAL);
    struct timespec negative = { -1, 0 }, too_many_ns = { 0, 1000000000 };
    CHECK_ERROR(ppoll(entries, 1, &negative, 0), EINVAL);
    CHECK_ERROR(ppoll(entries, 1, &too_many_ns, 0), EINVAL);
    CHECK_ERROR(ppoll(entries, 1, 0, (sigset_t *)16), EFAULT);
    CHECK_EQ(0, poll(0, 0, 0), "nfds 0 with a NULL array: nothing to look at, 0");
    return test_finish("poll_reports_hangups_errors_and_closed_descriptors");
}

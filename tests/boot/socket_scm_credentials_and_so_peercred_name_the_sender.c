/* SO_PEERCRED names the peer as it was at connect or socketpair time;
 * with SO_PASSCRED a receiver gets SCM_CREDENTIALS with every message:
 * the sender's own, or what it claimed if it may claim it (root any,
 * others only their own: EPERM); a claim of the wrong size is EINVAL. */
#include <stddef.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>

#include "boot_test.h"

#define PATH "/tmp/credentials_socket"

static ssize_t send_credentials(int socket, const struct ucred *claimed, size_t length)
{
    char control[CMSG_SPACE(sizeof(struct ucred)) + 8];
    memset(control, 0, sizeof control);
    struct iovec data = { "c", 1 };
    struct msghdr message = { 0 };
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    if (claimed) {
        message.msg_control = control;
        message.msg_controllen = CMSG_SPACE(length);
        struct cmsghdr *header = CMSG_FIRSTHDR(&message);
        header->cmsg_level = SOL_SOCKET;
        header->cmsg_type = SCM_CREDENTIALS;
        header->cmsg_len = CMSG_LEN(length);
        memcpy(CMSG_DATA(header), claimed, length < sizeof *claimed ? length : sizeof *claimed);
    }
    return sendmsg(socket, &message, 0);
}

/* Receives one byte; the credentials that came into *credentials. */
static int receive_credentials(int socket, struct ucred *credentials)
{
    char buffer[4], control[CMSG_SPACE(sizeof(struct ucred))];
    struct iovec data = { buffer, 1 };
    struct msghdr message = { 0 };
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    if (recvmsg(socket, &message, 0) != 1)
        return 0;
    struct cmsghdr *header = CMSG_FIRSTHDR(&message);
    if (!header || header->cmsg_level != SOL_SOCKET || header->cmsg_type != SCM_CREDENTIALS)
        return 0;
    memcpy(credentials, CMSG_DATA(header), sizeof *credentials);
    return 1;
}

static void peer_credentials(void)
{
    int pair[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
    struct ucred credentials;
    socklen_t length = sizeof credentials;
    CHECK_EQ(0, getsockopt(pair[0], SOL_SOCKET, SO_PEERCRED, &credentials, &length), "SO_PEERCRED");
    CHECK_EQ(sizeof credentials, length, "its length");
    CHECK_EQ(getpid(), credentials.pid, "the pair's peer is us");
    CHECK_EQ(geteuid(), credentials.uid, "our uid");
    CHECK_EQ(getegid(), credentials.gid, "our gid");
    close(pair[0]);
    close(pair[1]);

    /* a connection: the client sees the listener's, the server the client's */
    unlink(PATH);
    int listener = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un address = { 0 };
    address.sun_family = AF_UNIX;
    strcpy(address.sun_path, PATH);
    bind(listener, (struct sockaddr *)&address, sizeof address);
    listen(listener, 1);
    pid_t child = fork();
    if (child == 0) {
        int client = socket(AF_UNIX, SOCK_STREAM, 0);
        if (connect(client, (struct sockaddr *)&address, sizeof address) < 0)
            _exit(2);
        struct ucred seen;
        socklen_t seen_length = sizeof seen;
        getsockopt(client, SOL_SOCKET, SO_PEERCRED, &seen, &seen_length);
        char c;
        read(client, &c, 1);
        _exit(seen.pid == getppid() ? 0 : 3);
    }
    int server = accept(listener, NULL, NULL);
    length = sizeof credentials;
    CHECK_EQ(0, getsockopt(server, SOL_SOCKET, SO_PEERCRED, &credentials, &length), "SO_PEERCRED of a connection");
    CHECK_EQ(child, credentials.pid, "the server's peer is the client process");
    write(server, "x", 1);
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the client saw the listener's process, status %#x", status);
    close(server);
    close(listener);
    unlink(PATH);

    /* an unconnected socket has no peer: pid 0 */
    int alone = socket(AF_UNIX, SOCK_STREAM, 0);
    length = sizeof credentials;
    CHECK_EQ(0, getsockopt(alone, SOL_SOCKET, SO_PEERCRED, &credentials, &length), "SO_PEERCRED unconnected");
    CHECK_EQ(0, credentials.pid, "no peer: pid 0");
    CHECK_ERROR(setsockopt(alone, SOL_SOCKET, SO_PEERCRED, &credentials, sizeof credentials), ENOPROTOOPT);
    close(alone);
}

static void passed_credentials(int type)
{
    int pair[2];
    socketpair(AF_UNIX, type, 0, pair);
    int on = 1;
    CHECK_EQ(0, setsockopt(pair[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof on), "SO_PASSCRED");
    int value = 0;
    socklen_t length = sizeof value;
    getsockopt(pair[1], SOL_SOCKET, SO_PASSCRED, &value, &length);
    CHECK_EQ(1, value, "SO_PASSCRED reads back");
    struct ucred got = { 0 };
    CHECK_EQ(1, write(pair[0], "a", 1), "a plain write");
    CHECK(receive_credentials(pair[1], &got), "SCM_CREDENTIALS came with it");
    CHECK_EQ(getpid(), got.pid, "the sender's pid");
    CHECK_EQ(getuid(), got.uid, "the sender's uid");
    CHECK_EQ(getgid(), got.gid, "the sender's gid");
    struct ucred own = { getpid(), getuid(), getgid() };
    CHECK_EQ(1, send_credentials(pair[0], &own, sizeof own), "claiming our own credentials");
    CHECK(receive_credentials(pair[1], &got) && got.pid == getpid(), "they came");
    CHECK_ERROR(send_credentials(pair[0], &own, sizeof own - 4), EINVAL);
    if (type == SOCK_STREAM) {        /* one sender's writes join in a read, with its credentials */
        write(pair[0], "x", 1);
        write(pair[0], "y", 1);
        char two[4] = { 0 }, control[CMSG_SPACE(sizeof(struct ucred))];
        struct iovec data = { two, sizeof two };
        struct msghdr message = { 0 };
        message.msg_iov = &data;
        message.msg_iovlen = 1;
        message.msg_control = control;
        message.msg_controllen = sizeof control;
        CHECK_EQ(2, recvmsg(pair[1], &message, 0), "two writes of one sender in one read");
        struct cmsghdr *header = CMSG_FIRSTHDR(&message);
        CHECK(header && header->cmsg_type == SCM_CREDENTIALS, "with their credentials");
    }
    if (getuid() != 0) {
        struct ucred other = { 1, getuid(), getgid() };
        CHECK_ERROR(send_credentials(pair[0], &other, sizeof other), EPERM);
    } else {
        struct ucred other = { getpid(), 1234, 5678 };
        CHECK_EQ(1, send_credentials(pair[0], &other, sizeof other), "root may claim any ids");
        CHECK(receive_credentials(pair[1], &got) && got.uid == 1234 && got.gid == 5678, "the claimed ids came");
    }
    close(pair[0]);
    close(pair[1]);
}

/* As an ordinary user, a claim of another user's id is refused. */
static void claims_of_an_ordinary_user(void)
{
    if (setgid(100) < 0 || setuid(100) < 0)
        return;                       /* not root: passed_credentials checked it */
    int pair[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, pair);
    struct ucred other_uid = { getpid(), 0, getgid() };
    CHECK_ERROR(send_credentials(pair[0], &other_uid, sizeof other_uid), EPERM);
    struct ucred other_pid = { 1, getuid(), getgid() };
    CHECK_ERROR(send_credentials(pair[0], &other_pid, sizeof other_pid), EPERM);
    close(pair[0]);
    close(pair[1]);
}

int main(void)
{
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_warm_up(tasks);
    peer_credentials();
    passed_credentials(SOCK_STREAM);
    passed_credentials(SOCK_DGRAM);
    run_checks_in_child(claims_of_an_ordinary_user);
    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("socket_scm_credentials_and_so_peercred_name_the_sender");
}

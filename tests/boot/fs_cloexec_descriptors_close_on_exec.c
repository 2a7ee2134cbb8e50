/* A descriptor marked close-on-exec (O_CLOEXEC, F_SETFD, F_DUPFD_CLOEXEC,
 * pipe2, dup3, SOCK_CLOEXEC on socket, socketpair and accept4,
 * MSG_CMSG_CLOEXEC) is closed by exec; the others stay open. F_GETFD
 * reads the flag; dup, dup2 and F_DUPFD give copies without it. Bad
 * flags are EINVAL. */
#include <fcntl.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>

#include "boot_test.h"

#define SOCKET_PATH "/tmp/cloexec_socket"
#define MAX_CHECKED 64

/* After exec: argv[2] lists "fd:expected" pairs, 1 = open, 0 = closed. */
static int check_after_exec(char *list)
{
    int failures = 0;
    for (char *item = strtok(list, ","); item; item = strtok(NULL, ",")) {
        int fd, open_expected;
        if (sscanf(item, "%d:%d", &fd, &open_expected) != 2)
            continue;
        int is_open = fcntl(fd, F_GETFD) >= 0;
        if (is_open != open_expected) {
            printf("FAIL after exec: descriptor %d is %s\n", fd, is_open ? "open" : "closed");
            failures++;
        }
    }
    return failures ? 1 : 0;
}

static char list[1024];

static void expect(int fd, int open_after_exec)
{
    CHECK(fd >= 0, "a descriptor: errno %d", errno);
    CHECK_EQ(open_after_exec ? 0 : FD_CLOEXEC, fcntl(fd, F_GETFD), "F_GETFD");
    snprintf(list + strlen(list), sizeof list - strlen(list), "%d:%d,", fd, open_after_exec);
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--check") == 0)
        return check_after_exec(argv[2]);

    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_warm_up(tasks);
    int plain = open("/", O_RDONLY);
    expect(plain, 1);
    int flagged = open("/", O_RDONLY | O_CLOEXEC);
    expect(flagged, 0);
    int set = dup(plain);
    CHECK_EQ(0, fcntl(set, F_SETFD, FD_CLOEXEC), "F_SETFD");
    expect(set, 0);
    expect(dup(flagged), 1);          /* dup never copies the flag */
    expect(fcntl(flagged, F_DUPFD, 40), 1);
    int dupfd_cloexec = fcntl(plain, F_DUPFD_CLOEXEC, 30);
    CHECK(dupfd_cloexec >= 30, "F_DUPFD_CLOEXEC gives a descriptor >= 30, got %d", dupfd_cloexec);
    expect(dupfd_cloexec, 0);
    CHECK_ERROR(fcntl(plain, F_DUPFD_CLOEXEC, -1), EINVAL);
    CHECK_EQ(50, dup3(plain, 50, O_CLOEXEC), "dup3 with O_CLOEXEC");
    expect(50, 0);
    CHECK_EQ(51, dup3(flagged, 51, 0), "dup3 without flags");
    expect(51, 1);
    CHECK_ERROR(dup3(plain, plain, 0), EINVAL);
    CHECK_ERROR(dup3(plain, 52, O_NONBLOCK), EINVAL);
    CHECK_ERROR(dup3(-1, 52, 0), EBADF);
    CHECK_ERROR(dup3(plain, -1, 0), EBADF);
    CHECK_EQ(plain, dup2(plain, plain), "dup2 of a descriptor onto itself");

    int fds[2];
    CHECK_EQ(0, pipe2(fds, O_CLOEXEC | O_NONBLOCK), "pipe2");
    expect(fds[0], 0);
    expect(fds[1], 0);
    CHECK(fcntl(fds[0], F_GETFL) & O_NONBLOCK, "pipe2's O_NONBLOCK");
    char c;
    CHECK_ERROR(read(fds[0], &c, 1), EAGAIN);
    CHECK_ERROR(pipe2(fds, O_APPEND), EINVAL);
    int plain_pipe[2];
    CHECK_EQ(0, pipe2(plain_pipe, 0), "pipe2 without flags");
    expect(plain_pipe[0], 1);

    expect(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0), 0);
    int pair[2];
    CHECK_EQ(0, socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, pair), "socketpair");
    expect(pair[0], 0);
    CHECK_ERROR(recv(pair[0], &c, 1, 0), EAGAIN);

    unlink(SOCKET_PATH);
    int listener = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un address = { 0 };
    address.sun_family = AF_UNIX;
    strcpy(address.sun_path, SOCKET_PATH);
    bind(listener, (struct sockaddr *)&address, sizeof address);
    listen(listener, 1);
    int client = socket(AF_UNIX, SOCK_STREAM, 0);
    connect(client, (struct sockaddr *)&address, sizeof address);
    expect(accept4(listener, NULL, NULL, SOCK_CLOEXEC), 0);
    CHECK_ERROR(accept4(listener, NULL, NULL, O_APPEND), EINVAL);

    /* a descriptor received with MSG_CMSG_CLOEXEC */
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
    header->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(header), &plain, sizeof plain);
    CHECK_EQ(1, sendmsg(pair[1], &message, 0), "sendmsg");
    char buffer[4];
    struct iovec in = { buffer, sizeof buffer };
    message.msg_iov = &in;
    message.msg_controllen = sizeof control;
    CHECK_EQ(1, recvmsg(pair[0], &message, MSG_CMSG_CLOEXEC), "recvmsg with MSG_CMSG_CLOEXEC");
    int received = -1;
    header = CMSG_FIRSTHDR(&message);
    if (header && header->cmsg_type == SCM_RIGHTS)
        memcpy(&received, CMSG_DATA(header), sizeof received);
    expect(received, 0);

    /* exec: the flagged ones are gone, the rest stay */
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        execl(argv[0], argv[0], "--check", list, (char *)NULL);
        _exit(100);
    }
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "after exec the descriptors were as marked (status %#x)",
          status);
    for (int fd = 3; fd < MAX_CHECKED; fd++)
        close(fd);
    unlink(SOCKET_PATH);
    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("fs_cloexec_descriptors_close_on_exec");
}

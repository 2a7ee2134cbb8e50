/* SCM_RIGHTS gives the receiver new descriptors to the same open files
 * (a regular file, a pipe, a FIFO, a socket, a POSIX queue), sharing the
 * offset as dup does; on a stream they come with the first byte sent
 * and end the read there; too many, a bad length or a bad descriptor is
 * refused; no room means MSG_CTRUNC and the extras closed; nothing
 * leaks. */
#include <fcntl.h>
#include <mqueue.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>

#include "boot_test.h"

#define FILE_PATH "/tmp/scm_rights_file"
#define FIFO_PATH "/tmp/scm_rights_fifo"
#define QUEUE_NAME "/scm_rights_queue"
#define KINDS 5

/* Sends `count` descriptors with the bytes `text`. */
static ssize_t send_descriptors(int socket, const char *text, const int *fds, int count)
{
    char control[CMSG_SPACE(sizeof(int) * KINDS)];
    memset(control, 0, sizeof control);
    struct iovec data = { (void *)text, strlen(text) };
    struct msghdr message = { 0 };
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    if (count) {
        message.msg_control = control;
        message.msg_controllen = CMSG_SPACE(sizeof(int) * count);
        struct cmsghdr *header = CMSG_FIRSTHDR(&message);
        header->cmsg_level = SOL_SOCKET;
        header->cmsg_type = SCM_RIGHTS;
        header->cmsg_len = CMSG_LEN(sizeof(int) * count);
        memcpy(CMSG_DATA(header), fds, sizeof(int) * count);
    }
    return sendmsg(socket, &message, 0);
}

/* Receives into `buffer`; the descriptors that came into fds (their
 * count returned through *count), msg_flags into *flags. */
static ssize_t receive_descriptors(int socket, char *buffer, size_t size, int *fds, int *count, int *flags,
                                   size_t control_room)
{
    char control[CMSG_SPACE(sizeof(int) * KINDS)];
    struct iovec data = { buffer, size };
    struct msghdr message = { 0 };
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = control_room;
    ssize_t got = recvmsg(socket, &message, 0);
    *count = 0;
    *flags = message.msg_flags;
    for (struct cmsghdr *header = CMSG_FIRSTHDR(&message); got >= 0 && header;
         header = CMSG_NXTHDR(&message, header))
        if (header->cmsg_level == SOL_SOCKET && header->cmsg_type == SCM_RIGHTS) {
            int n = (header->cmsg_len - CMSG_LEN(0)) / sizeof(int);
            memcpy(fds + *count, CMSG_DATA(header), n * sizeof(int));
            *count += n;
        }
    return got;
}

static void every_kind_travels(int type)
{
    int pair[2];
    CHECK_EQ(0, socketpair(AF_UNIX, type, 0, pair), "socketpair");
    int file = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
    write(file, "0123456789", 10);
    lseek(file, 2, SEEK_SET);
    int pipe_ends[2];
    pipe(pipe_ends);
    mkfifo(FIFO_PATH, 0600);
    int fifo = open(FIFO_PATH, O_RDWR);
    int inner[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, inner);
    struct mq_attr attributes = { 0 };
    attributes.mq_maxmsg = 4;
    attributes.mq_msgsize = 16;
    mqd_t queue = mq_open(QUEUE_NAME, O_RDWR | O_CREAT, 0600, &attributes);
    CHECK(queue != (mqd_t)-1, "mq_open: errno %d", errno);
    int sent[KINDS] = { file, pipe_ends[0], fifo, inner[0], (int)queue };
    CHECK_EQ(4, send_descriptors(pair[0], "five", sent, KINDS), "sendmsg with five descriptors");

    char buffer[16];
    int got[KINDS], count, flags;
    CHECK_EQ(4, receive_descriptors(pair[1], buffer, sizeof buffer, got, &count, &flags, CMSG_SPACE(sizeof(int) * KINDS)),
             "recvmsg");
    CHECK_EQ(KINDS, count, "descriptors received");
    CHECK_EQ(0, flags & MSG_CTRUNC, "no MSG_CTRUNC");
    if (count == KINDS) {
        for (int i = 0; i < KINDS; i++)
            CHECK(got[i] != sent[i] && fcntl(got[i], F_GETFD) == 0, "kind %d: a new descriptor, no FD_CLOEXEC", i);
        /* the same open file: the offset is shared */
        char c;
        CHECK_EQ(1, read(got[0], &c, 1), "read through the passed file");
        CHECK_EQ('2', c, "the passed file reads at the sender's offset");
        CHECK_EQ(3, lseek(file, 0, SEEK_CUR), "the sender's offset moved with it");
        write(pipe_ends[1], "p", 1);
        CHECK(read(got[1], &c, 1) == 1 && c == 'p', "the passed pipe end reads the pipe");
        write(fifo, "f", 1);
        CHECK(read(got[2], &c, 1) == 1 && c == 'f', "the passed FIFO reads the FIFO");
        write(inner[1], "s", 1);
        CHECK(read(got[3], &c, 1) == 1 && c == 's', "the passed socket reads its peer");
        CHECK_EQ(0, mq_send((mqd_t)got[4], "q", 1, 0), "mq_send through the passed queue");
        char m[16];
        CHECK_EQ(1, mq_receive(queue, m, sizeof m, NULL), "the message is in the same queue");
        for (int i = 0; i < KINDS; i++)
            close(got[i]);
    }
    close(file);
    close(pipe_ends[0]);
    close(pipe_ends[1]);
    close(fifo);
    close(inner[0]);
    close(inner[1]);
    mq_close(queue);
    mq_unlink(QUEUE_NAME);
    unlink(FIFO_PATH);
    unlink(FILE_PATH);
    close(pair[0]);
    close(pair[1]);
}

static void stream_boundaries_and_limits(void)
{
    int pair[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
    int fds[2];
    pipe(fds);
    /* bytes before, the bytes with the descriptor, bytes after */
    write(pair[0], "ab", 2);
    CHECK_EQ(3, send_descriptors(pair[0], "cde", &fds[0], 1), "sendmsg on a stream");
    write(pair[0], "fg", 2);
    char buffer[16] = { 0 };
    int got[KINDS], count, flags;
    CHECK_EQ(5, receive_descriptors(pair[1], buffer, sizeof buffer, got, &count, &flags, CMSG_SPACE(sizeof(int))),
             "a read ends with the bytes that brought a descriptor");
    CHECK(memcmp(buffer, "abcde", 5) == 0, "the bytes before and with it");
    CHECK_EQ(1, count, "the descriptor came");
    if (count)
        close(got[0]);
    CHECK_EQ(2, receive_descriptors(pair[1], buffer, sizeof buffer, got, &count, &flags, CMSG_SPACE(sizeof(int))),
             "the rest");
    CHECK_EQ(0, count, "no descriptor with the rest");

    /* no room for the descriptors: MSG_CTRUNC, and they are closed */
    CHECK_EQ(1, send_descriptors(pair[0], "x", fds, 2), "two descriptors");
    CHECK_EQ(1, receive_descriptors(pair[1], buffer, sizeof buffer, got, &count, &flags, CMSG_LEN(sizeof(int))),
             "received with room for one");
    CHECK_EQ(1, count, "one descriptor fitted");
    CHECK(flags & MSG_CTRUNC, "MSG_CTRUNC, flags %#x", flags);
    if (count)
        close(got[0]);
    CHECK_EQ(1, send_descriptors(pair[0], "y", fds, 1), "one descriptor");
    CHECK_EQ(1, read(pair[1], buffer, 1), "read() takes the bytes, closing the descriptor");

    /* bad input */
    int bad = 1000;
    CHECK_ERROR(send_descriptors(pair[0], "z", &bad, 1), EBADF);
    char control[CMSG_SPACE(sizeof(int) * 254)];
    memset(control, 0, sizeof control);
    struct iovec data = { "z", 1 };
    struct msghdr message = { 0 };
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = CMSG_SPACE(sizeof(int) * 254);
    struct cmsghdr *header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_RIGHTS;
    header->cmsg_len = CMSG_LEN(sizeof(int) * 254);
    for (int i = 0; i < 254; i++)
        memcpy(CMSG_DATA(header) + i * sizeof(int), &fds[0], sizeof(int));
    CHECK_ERROR(sendmsg(pair[0], &message, 0), EINVAL);   /* more than SCM_MAX_FD */
    header->cmsg_len = message.msg_controllen + 4;
    CHECK_ERROR(sendmsg(pair[0], &message, 0), EINVAL);   /* longer than the control buffer */
    header->cmsg_len = 4;
    CHECK_ERROR(sendmsg(pair[0], &message, 0), EINVAL);   /* shorter than its header */
    message.msg_control = (void *)(uintptr_t)-4096;
    message.msg_controllen = CMSG_SPACE(sizeof(int));
    CHECK_ERROR(sendmsg(pair[0], &message, 0), EFAULT);
    message.msg_control = NULL;
    message.msg_controllen = 0;
    message.msg_iovlen = 1025;
    CHECK_ERROR(sendmsg(pair[0], &message, 0), EMSGSIZE);
    CHECK_ERROR(sendmsg(-1, &message, 0), EBADF);
    CHECK_ERROR(sendmsg(fds[0], &message, 0), ENOTSOCK);
    CHECK_ERROR(recvmsg(pair[1], (struct msghdr *)(uintptr_t)-4096, 0), EFAULT);
    CHECK_EQ(-1, recv(pair[1], buffer, 1, MSG_DONTWAIT), "nothing was queued by the refused sends");
    close(fds[0]);
    close(fds[1]);
    close(pair[0]);
    close(pair[1]);
}

int main(void)
{
    unsigned tasks = read_counters().tasks;
    struct kinfo_counters before = counters_after_warm_up(tasks);
    every_kind_travels(SOCK_STREAM);
    every_kind_travels(SOCK_DGRAM);
    stream_boundaries_and_limits();
    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("socket_scm_rights_passes_every_kind_of_descriptor");
}

/* user/tools/bench/socket_rights.c - passing a descriptor: one byte and
 * one descriptor (a pipe's read end) with sendmsg over socketpair(AF_UNIX,
 * SOCK_STREAM), received with recvmsg; the child sends the byte and the
 * descriptor it got back the same way, and each side closes the copy it
 * received. A round trip is two descriptors passed, two installed and
 * two closed.
 *
 * Without SCM_RIGHTS in the libc's headers this compiles to a benchmark
 * that answers ENOSYS: the result line says NA. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

#if __has_include(<sys/socket.h>)
#include <sys/socket.h>
#endif

#ifdef SCM_RIGHTS
#include <sys/uio.h>

static int pair[2] = { -1, -1 };        /* [0] the parent's end, [1] the child's */

/* Sends one byte and descriptor `fd` on `socket`. */
static inline int send_with_descriptor(int socket, char byte, int fd)
{
    union {
        char bytes[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } control;
    struct iovec data = { &byte, 1 };
    struct msghdr message = { 0 };
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    message.msg_control = control.bytes;
    message.msg_controllen = sizeof control.bytes;
    struct cmsghdr *header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_RIGHTS;
    header->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(header), &fd, sizeof fd);
    return sendmsg(socket, &message, 0) == 1;
}

/* Receives one byte and the descriptor with it: the descriptor, or -1. */
static inline int receive_with_descriptor(int socket, char *byte)
{
    union {
        char bytes[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } control;
    struct iovec data = { byte, 1 };
    struct msghdr message = { 0 };
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    message.msg_control = control.bytes;
    message.msg_controllen = sizeof control.bytes;
    if (recvmsg(socket, &message, 0) != 1)
        return -1;
    struct cmsghdr *header = CMSG_FIRSTHDR(&message);
    if (!header || header->cmsg_type != SCM_RIGHTS)
        return -1;
    int fd;
    memcpy(&fd, CMSG_DATA(header), sizeof fd);
    return fd;
}

/* The child: sends every byte back with the descriptor that came with it. */
static int echo_descriptors(int unused)
{
    (void)unused;
    close(pair[0]);
    for (;;) {
        char byte;
        int fd = receive_with_descriptor(pair[1], &byte);
        if (fd < 0)
            return 0;                   /* the parent closed its end */
        int ok = send_with_descriptor(pair[1], byte, fd);
        close(fd);
        if (!ok)
            return -1;
    }
}

static int passed_fd = -1;              /* what the parent sends each time */

static inline int rights_round_trip(void)
{
    char byte = 'r';
    if (!send_with_descriptor(pair[0], byte, passed_fd))
        return 0;
    int fd = receive_with_descriptor(pair[0], &byte);
    if (fd < 0)
        return 0;
    close(fd);
    return 1;
}

int bench_sendmsg_rights_round_trip(int unused, struct samples *samples)
{
    (void)unused;
    int pipe_ends[2];
    if (pipe(pipe_ends) < 0)
        return last_error();
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair) < 0)
        return last_error();
    passed_fd = pipe_ends[0];
    pid_t child = start_child(echo_descriptors, 0);
    close(pair[1]);
    int failures = 0;
    if (child > 0)
        TIME_EACH(samples, failures += !rights_round_trip());
    close(pair[0]);                     /* the child sees end of stream */
    close(pipe_ends[0]);
    close(pipe_ends[1]);
    return finish_child(child, failures ? -EIO : 0);
}

#else

int bench_sendmsg_rights_round_trip(int unused, struct samples *samples)
{
    (void)unused;
    (void)samples;
    return -ENOSYS;                     /* no descriptor passing in this libc yet */
}

#endif

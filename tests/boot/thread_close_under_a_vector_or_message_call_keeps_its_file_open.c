/* tests/boot/thread_close_under_a_vector_or_message_call_keeps_its_file_open.c
 * - a thread waits in readv, writev, recvmsg or recvfrom and another
 * thread of its process closes that descriptor. As on Linux, the call
 * holds the file until it returns (kernel/fs/file_hold.h): the wait goes
 * on, what comes through the other end reaches it, and only once it has
 * returned is the file gone:
 *   - readv on a pipe's read end: a write still finds a reader (not
 *     EPIPE), the waiting readv gets the bytes across its two buffers,
 *     and the next write gets EPIPE;
 *   - writev on a full pipe's write end: reading makes room, the waiting
 *     writev puts its bytes in, and the reader then sees end of file;
 *   - recvmsg on a stream socketpair end and recvfrom on a datagram one:
 *     what the other end sends reaches the waiting call, and a send after
 *     it returned gets EPIPE (stream) or ECONNREFUSED (datagram: the
 *     peer is gone).
 * Nothing leaks (the kernel's counters). */
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "boot_test.h"

#define STILL_WAITING (-2)            /* the waiter's result before its call returned */
#define SETTLE_US 30000               /* time for the waiter to block, or for a close to end it */

enum call { READV, WRITEV, RECVMSG, RECVFROM };

struct waiter {
    enum call call;
    int fd;
    volatile int started;             /* the thread runs: its call comes next */
    volatile int result;
    char first[2];
    char second[14];
};

static void *wait_on_the_descriptor(void *argument)
{
    struct waiter *waiter = argument;
    struct iovec vector[2] = {
        { waiter->first, sizeof waiter->first },
        { waiter->second, sizeof waiter->second },
    };
    struct msghdr message;
    memset(&message, 0, sizeof message);
    message.msg_iov = vector;
    message.msg_iovlen = 2;
    int result = -1;
    waiter->started = 1;
    switch (waiter->call) {
    case READV:
        result = (int)readv(waiter->fd, vector, 2);
        break;
    case WRITEV:
        memcpy(waiter->first, "ab", 2);
        memcpy(waiter->second, "cd", 2);
        vector[1].iov_len = 2;
        result = (int)writev(waiter->fd, vector, 2);
        break;
    case RECVMSG:
        result = (int)recvmsg(waiter->fd, &message, 0);
        break;
    case RECVFROM:
        result = (int)recvfrom(waiter->fd, waiter->second, sizeof waiter->second, 0, NULL, NULL);
        break;
    }
    waiter->result = result < 0 ? -errno : result;
    return 0;
}

/* Starts a thread waiting in `call` on `fd`, and checks that it waits. */
static pthread_t start_waiting(struct waiter *waiter, enum call call, int fd)
{
    memset(waiter, 0, sizeof *waiter);
    waiter->call = call;
    waiter->fd = fd;
    waiter->result = STILL_WAITING;
    pthread_t thread;
    pthread_create(&thread, NULL, wait_on_the_descriptor, waiter);
    /* on a busy host the new thread may take longer than SETTLE_US to run
     * at all (its call then met the close: EBADF); once it runs, its call
     * is a few instructions on */
    for (int i = 0; i < 2000 && !waiter->started; i++)
        usleep(1000);
    usleep(SETTLE_US);
    CHECK_EQ(STILL_WAITING, waiter->result, "the call waits before the close");
    return thread;
}

static void readv_on_a_pipe(void)
{
    int fds[2];
    pipe(fds);
    struct waiter waiter;
    pthread_t thread = start_waiting(&waiter, READV, fds[0]);
    CHECK_EQ(0, close(fds[0]), "close of the read end the other thread reads");
    usleep(SETTLE_US);
    CHECK_EQ(STILL_WAITING, waiter.result, "readv goes on waiting after the close");
    CHECK_EQ(5, write(fds[1], "hello", 5), "write while a thread still reads the closed read end");
    pthread_join(thread, NULL);
    CHECK_EQ(5, waiter.result, "the waiting readv's count");
    CHECK(!memcmp(waiter.first, "he", 2) && !memcmp(waiter.second, "llo", 3),
          "the waiting readv's buffers: \"%.2s\" and \"%.3s\", expected \"he\" and \"llo\"", waiter.first,
          waiter.second);
    CHECK_ERROR(write(fds[1], "x", 1), EPIPE);
    close(fds[1]);
}

/* Fills the pipe behind `write_end`: the count of bytes it holds. */
static int fill(int write_end)
{
    static char block[4096];
    int flags = fcntl(write_end, F_GETFL), held = 0, count;
    fcntl(write_end, F_SETFL, flags | O_NONBLOCK);
    while ((count = (int)write(write_end, block, sizeof block)) > 0)
        held += count;
    while ((count = (int)write(write_end, block, 1)) > 0)
        held += count;
    fcntl(write_end, F_SETFL, flags);
    return held;
}

static void writev_on_a_full_pipe(void)
{
    int fds[2];
    pipe(fds);
    int held = fill(fds[1]);
    CHECK(held > 0, "the pipe holds %d bytes once full", held);
    struct waiter waiter;
    pthread_t thread = start_waiting(&waiter, WRITEV, fds[1]);
    CHECK_EQ(0, close(fds[1]), "close of the write end the other thread writes");
    usleep(SETTLE_US);
    CHECK_EQ(STILL_WAITING, waiter.result, "writev goes on waiting after the close");
    static char drain[4096];
    int drained = 0, count;
    while (drained < held && (count = (int)read(fds[0], drain, sizeof drain)) > 0)
        drained += count;
    CHECK_EQ(held, drained, "the bytes that filled the pipe");
    pthread_join(thread, NULL);
    CHECK_EQ(4, waiter.result, "the waiting writev's count");
    char tail[8] = { 0 };
    CHECK_EQ(4, read(fds[0], tail, sizeof tail), "the bytes the waiting writev put in");
    CHECK(!memcmp(tail, "abcd", 4), "they are \"%.4s\", expected \"abcd\"", tail);
    CHECK_EQ(0, read(fds[0], tail, sizeof tail), "end of file once the writev returned");
    close(fds[0]);
}

static void recvmsg_on_a_stream_socket(void)
{
    int pair[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
    struct waiter waiter;
    pthread_t thread = start_waiting(&waiter, RECVMSG, pair[0]);
    CHECK_EQ(0, close(pair[0]), "close of the socket the other thread receives on");
    usleep(SETTLE_US);
    CHECK_EQ(STILL_WAITING, waiter.result, "recvmsg goes on waiting after the close");
    CHECK_EQ(3, send(pair[1], "msg", 3, MSG_NOSIGNAL), "send to the other end");
    pthread_join(thread, NULL);
    CHECK_EQ(3, waiter.result, "the waiting recvmsg's count");
    CHECK(!memcmp(waiter.first, "ms", 2) && waiter.second[0] == 'g', "the waiting recvmsg's buffers");
    CHECK_ERROR(send(pair[1], "x", 1, MSG_NOSIGNAL), EPIPE);
    close(pair[1]);
}

static void recvfrom_on_a_datagram_socket(void)
{
    int pair[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, pair);
    struct waiter waiter;
    pthread_t thread = start_waiting(&waiter, RECVFROM, pair[0]);
    CHECK_EQ(0, close(pair[0]), "close of the socket the other thread receives on");
    usleep(SETTLE_US);
    CHECK_EQ(STILL_WAITING, waiter.result, "recvfrom goes on waiting after the close");
    CHECK_EQ(5, send(pair[1], "dgram", 5, MSG_NOSIGNAL), "send to the other end");
    pthread_join(thread, NULL);
    CHECK_EQ(5, waiter.result, "the waiting recvfrom's count");
    CHECK(!memcmp(waiter.second, "dgram", 5), "the datagram: \"%.5s\"", waiter.second);
    CHECK_ERROR(send(pair[1], "x", 1, MSG_NOSIGNAL), ECONNREFUSED);
    close(pair[1]);
}

static void cases(void)
{
    signal(SIGPIPE, SIG_IGN);
    readv_on_a_pipe();
    writev_on_a_full_pipe();
    recvmsg_on_a_stream_socket();
    recvfrom_on_a_datagram_socket();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("thread_close_under_a_vector_or_message_call_keeps_its_file_open");
}

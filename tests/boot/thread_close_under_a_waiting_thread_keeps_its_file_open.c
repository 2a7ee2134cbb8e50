/* tests/boot/thread_close_under_a_waiting_thread_keeps_its_file_open.c
 * - a thread waits on a descriptor (read, mbox_recv, mq_receive, recv,
 * recvmsg)
 * and another thread of its process closes that descriptor. As on Linux,
 * the wait goes on on the file, which lives until the wait ends: with a
 * pipe's read end closed, a write still finds a reader (1, not EPIPE) and
 * the waiting read gets the byte; only after it returned does a write get
 * EPIPE. With both ends of a pipe closed the read gets end of file, and
 * never the bytes of the pipe made next (the freed pipe's memory). A
 * mailbox, a POSIX message queue, a socketpair end and a bound datagram
 * socket closed under their receiver still deliver to it what is sent
 * through another descriptor or address. The descriptor accept will
 * return is nobody's while it waits: another thread's close of that
 * number is EBADF, and a pipe made meanwhile keeps its descriptors when
 * the accept fails.
 *
 * The file stays the call's to the end: when the other thread has
 * closed the descriptor and opened an object of the same kind at its
 * number, with something in it, a signal whose handler has no SA_RESTART
 * ends the wait with EINTR (read of a pipe, recv and recvmsg of a
 * socketpair end, mbox_recv, mq_receive), and what was put in the new object stays there;
 * with the descriptor only closed, EINTR as well, not EBADF. On several
 * CPUs those waits begin without the big kernel lock and go on with it
 * after the signal; the kernel before looked the descriptor up again
 * there, and read the new pipe's byte, took the new mailbox's and queue's
 * messages, and said EBADF (fs/file_without_big_lock.h,
 * descriptor_try_done_without_big_lock). Nothing leaks once the waits
 * have ended. */
#include <fcntl.h>
#include <ipc.h>
#include <mqueue.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "boot_test.h"
#include "boot_thread.h"
#include "boot_wait.h"

#define MAILBOX "thread_close_box"
#define QUEUE "/thread_close_queue"
#define SOCKET_PATH "/tmp/thread_close_socket"
#define NEXT_MAILBOX "thread_close_next_box"
#define NEXT_QUEUE "/thread_close_next_queue"

enum call { READ, RECV, RECVMSG, MBOX_RECV, MQ_RECEIVE, ACCEPT };

static int waited_fd;
static enum call waiting_call;
static volatile int waiter_tid, result, error, done;
static char buffer[256];

static void *wait_on_the_descriptor(void *unused)
{
    (void)unused;
    waiter_tid = gettid();
    switch (waiting_call) {
    case READ:
        result = (int)read(waited_fd, buffer, sizeof buffer);
        break;
    case RECV:
        result = (int)recv(waited_fd, buffer, sizeof buffer, 0);
        break;
    case RECVMSG: {
        struct iovec piece = { buffer, sizeof buffer };
        struct msghdr message = { .msg_iov = &piece, .msg_iovlen = 1 };
        result = (int)recvmsg(waited_fd, &message, 0);
        break;
    }
    case MBOX_RECV:
        result = mbox_recv(waited_fd, (struct message *)buffer, 0) == 0 ? (int)((struct message *)buffer)->len : -1;
        break;
    case MQ_RECEIVE:
        result = (int)mq_receive((mqd_t)waited_fd, buffer, sizeof buffer, NULL);
        break;
    case ACCEPT:
        result = accept(waited_fd, NULL, NULL);
        if (result < 0)
            result = -errno;
        break;
    }
    error = errno;
    done = 1;
    return 0;
}

/* Starts the waiter on `fd` and returns once it waits ("reason"). */
static pthread_t start_waiting(int fd, enum call call, const char *reason)
{
    waited_fd = fd;
    waiting_call = call;
    waiter_tid = result = error = done = 0;
    memset(buffer, 0, sizeof buffer);
    pthread_t waiter;
    pthread_create(&waiter, NULL, wait_on_the_descriptor, NULL);
    CHECK(WAIT_UNTIL(waiter_tid && thread_is_blocked_in(waiter_tid, reason)), "the waiter does not wait in %s",
          reason);
    return waiter;
}

/* Joins the waiter, which should have returned; if it still waits after
 * 100 ms, SIGUSR1 ends its wait (EINTR) and the check after says so. */
static void end_the_wait(pthread_t waiter)
{
    for (int i = 0; i < 100 && !done; i++)
        usleep(1000);
    if (!done)
        pthread_kill(waiter, SIGUSR1);
    pthread_join(waiter, NULL);
}

static void pipe_read_end_closed_under_a_reader(void)
{
    int fds[2];
    pipe(fds);
    pthread_t waiter = start_waiting(fds[0], READ, "pipe read");
    CHECK_EQ(0, close(fds[0]), "close of the read end the other thread reads");
    CHECK_EQ(1, write(fds[1], "x", 1), "write while a thread still reads the closed read end");
    end_the_wait(waiter);
    CHECK(result == 1 && buffer[0] == 'x', "the waiting read: %d, expected the byte written", result);
    CHECK_ERROR(write(fds[1], "y", 1), EPIPE);
    close(fds[1]);
}

static void both_ends_closed_under_a_reader(void)
{
    int fds[2], next[2];
    pipe(fds);
    pthread_t waiter = start_waiting(fds[0], READ, "pipe read");
    close(fds[0]);
    close(fds[1]);
    pipe(next);                                 /* made where the freed pipe was, if it was freed */
    CHECK_EQ(6, write(next[1], "SECRET", 6), "write to the next pipe");
    pthread_join(waiter, NULL);
    CHECK(result == 0, "the read of a pipe whose ends were closed got %d bytes (\"%.6s\"), not end of file", result,
          buffer);
    char again[8] = { 0 };
    CHECK_EQ(6, read(next[0], again, sizeof again), "bytes left in the next pipe");
    close(next[0]);
    close(next[1]);
}

static void mailbox_closed_under_a_receiver(void)
{
    mbox_unlink(MAILBOX);
    int first = mbox_open(MAILBOX, O_CREAT | O_EXCL, 4), second = mbox_open(MAILBOX, 0, 0);
    CHECK(first >= 0 && second >= 0, "mbox_open: %s", strerror(errno));
    pthread_t waiter = start_waiting(first, MBOX_RECV, "mbox_recv");
    CHECK_EQ(0, close(first), "close of the descriptor the other thread receives on");
    CHECK_EQ(0, mbox_unlink(MAILBOX), "mbox_unlink");
    struct message message;
    set_text(&message, 5, "hello");
    CHECK_EQ(0, mbox_send(second, &message, 0), "mbox_send through the other descriptor");
    end_the_wait(waiter);
    CHECK(result == 6 && !strcmp(((struct message *)buffer)->body, "hello"),
          "the waiting mbox_recv: %d, expected the message sent", result);
    close(second);
}

static void queue_closed_under_a_receiver(void)
{
    mq_unlink(QUEUE);
    struct mq_attr attributes;
    memset(&attributes, 0, sizeof attributes);
    attributes.mq_maxmsg = 4;
    attributes.mq_msgsize = sizeof buffer;
    mqd_t first = mq_open(QUEUE, O_RDWR | O_CREAT | O_EXCL, 0600, &attributes), second = mq_open(QUEUE, O_WRONLY);
    CHECK(first != (mqd_t)-1 && second != (mqd_t)-1, "mq_open: %s", strerror(errno));
    pthread_t waiter = start_waiting((int)first, MQ_RECEIVE, "mq_recv");
    CHECK_EQ(0, mq_close(first), "mq_close of the descriptor the other thread receives on");
    CHECK_EQ(0, mq_unlink(QUEUE), "mq_unlink");
    CHECK_EQ(0, mq_send(second, "queued", 7, 1), "mq_send through the other descriptor");
    end_the_wait(waiter);
    CHECK(result == 7 && !strcmp(buffer, "queued"), "the waiting mq_receive: %d, expected the message sent",
          result);
    mq_close(second);
}

static void sockets_closed_under_a_receiver(void)
{
    int pair[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
    pthread_t waiter = start_waiting(pair[0], READ, "socket receive");
    CHECK_EQ(0, close(pair[0]), "close of the socketpair end the other thread reads");
    CHECK_EQ(1, write(pair[1], "z", 1), "write to the other end");
    end_the_wait(waiter);
    CHECK(result == 1 && buffer[0] == 'z', "the waiting read of the socketpair: %d, expected the byte", result);
    close(pair[1]);

    unlink(SOCKET_PATH);
    struct sockaddr_un address;
    memset(&address, 0, sizeof address);
    address.sun_family = AF_UNIX;
    strcpy(address.sun_path, SOCKET_PATH);
    int bound = socket(AF_UNIX, SOCK_DGRAM, 0), sender = socket(AF_UNIX, SOCK_DGRAM, 0);
    CHECK_EQ(0, bind(bound, (struct sockaddr *)&address, sizeof address), "bind");
    waiter = start_waiting(bound, READ, "recvfrom");
    CHECK_EQ(0, close(bound), "close of the datagram socket the other thread reads");
    CHECK_EQ(4, sendto(sender, "dgram", 4, 0, (struct sockaddr *)&address, sizeof address),
             "sendto the closed socket's address while its reader waits");
    end_the_wait(waiter);
    CHECK(result == 4 && !memcmp(buffer, "dgra", 4), "the waiting read of the datagram socket: %d", result);
    close(sender);
    unlink(SOCKET_PATH);
}

/* SIGUSR1 (a handler, no SA_RESTART) ends the wait; the call must
 * fail with EINTR. */
static void interrupt(pthread_t waiter, const char *call)
{
    CHECK(!done, "the waiting %s returned %d before its signal", call, result);
    pthread_kill(waiter, SIGUSR1);
    pthread_join(waiter, NULL);
    CHECK(result == -1 && error == EINTR, "the interrupted %s: %d (errno %d), expected -1 with EINTR", call, result,
          error);
}

static void pipe_reopened_at_the_number_of_a_read(void)
{
    int first[2], next[2];
    pipe(first);
    pthread_t waiter = start_waiting(first[0], READ, "pipe read");
    CHECK_EQ(0, close(first[0]), "close of the read end the other thread reads");
    CHECK_EQ(0, pipe(next), "pipe after the close");
    CHECK_EQ(first[0], next[0], "the new pipe's read end at the closed number");
    CHECK_EQ(1, write(next[1], "N", 1), "write to the new pipe");
    interrupt(waiter, "read");
    char c = 0;
    fcntl(next[0], F_SETFL, O_NONBLOCK);        /* a failure must not wait for ever */
    CHECK(read(next[0], &c, 1) == 1 && c == 'N', "the new pipe's byte is gone (read %c)", c ? c : '-');
    CHECK_ERROR(write(first[1], "x", 1), EPIPE);   /* the first pipe's reader ended with the call */
    close(first[1]);
    close(next[0]);
    close(next[1]);
}

static void read_end_closed_only(void)
{
    int fds[2];
    pipe(fds);
    pthread_t waiter = start_waiting(fds[0], READ, "pipe read");
    CHECK_EQ(0, close(fds[0]), "close of the read end the other thread reads");
    interrupt(waiter, "read of a closed descriptor");
    close(fds[1]);
}

static void socketpair_reopened_at_the_number_of(enum call call)
{
    int first[2], next[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, first);
    pthread_t waiter = start_waiting(first[0], call, "socket receive");
    CHECK_EQ(0, close(first[0]), "close of the socketpair end the other thread receives on");
    CHECK_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, next), "socketpair after the close");
    CHECK_EQ(first[0], next[0], "the new socketpair's end at the closed number");
    CHECK_EQ(1, write(next[1], "S", 1), "write to the new socketpair");
    interrupt(waiter, call == RECV ? "recv" : "recvmsg");
    char c = 0;
    CHECK(recv(next[0], &c, 1, MSG_DONTWAIT) == 1 && c == 'S', "the new socketpair's byte is gone (read %c)",
          c ? c : '-');
    close(first[1]);
    close(next[0]);
    close(next[1]);
}

static void mailbox_reopened_at_the_number_of_a_receive(void)
{
    mbox_unlink(MAILBOX);
    mbox_unlink(NEXT_MAILBOX);
    int first = mbox_open(MAILBOX, O_CREAT | O_EXCL, 4);
    CHECK(first >= 0, "mbox_open: %s", strerror(errno));
    pthread_t waiter = start_waiting(first, MBOX_RECV, "mbox_recv");
    CHECK_EQ(0, close(first), "close of the mailbox the other thread receives on");
    int next = mbox_open(NEXT_MAILBOX, O_CREAT | O_EXCL, 4);
    CHECK_EQ(first, next, "the new mailbox at the closed number");
    struct message message;
    set_text(&message, 7, "next");
    CHECK_EQ(0, mbox_send(next, &message, 0), "mbox_send to the new mailbox");
    interrupt(waiter, "mbox_recv");
    struct message taken;
    memset(&taken, 0, sizeof taken);
    CHECK(mbox_recv(next, &taken, MSG_NONBLOCK) == 0 && taken.type == 7 && !strcmp(taken.body, "next"),
          "the new mailbox's message is gone (%s)", strerror(errno));
    close(next);
    mbox_unlink(MAILBOX);
    mbox_unlink(NEXT_MAILBOX);
}

static void queue_reopened_at_the_number_of_a_receive(void)
{
    mq_unlink(QUEUE);
    mq_unlink(NEXT_QUEUE);
    struct mq_attr attributes;
    memset(&attributes, 0, sizeof attributes);
    attributes.mq_maxmsg = 4;
    attributes.mq_msgsize = sizeof buffer;
    mqd_t first = mq_open(QUEUE, O_RDWR | O_CREAT | O_EXCL, 0600, &attributes);
    CHECK(first != (mqd_t)-1, "mq_open: %s", strerror(errno));
    pthread_t waiter = start_waiting((int)first, MQ_RECEIVE, "mq_recv");
    CHECK_EQ(0, mq_close(first), "mq_close of the queue the other thread receives on");
    mqd_t next = mq_open(NEXT_QUEUE, O_RDWR | O_CREAT | O_EXCL | O_NONBLOCK, 0600, &attributes);
    CHECK_EQ((int)first, (int)next, "the new queue at the closed number");
    CHECK_EQ(0, mq_send(next, "queued", 7, 1), "mq_send to the new queue");
    interrupt(waiter, "mq_receive");
    char taken[sizeof buffer] = { 0 };
    CHECK(mq_receive(next, taken, sizeof taken, NULL) == 7 && !strcmp(taken, "queued"),
          "the new queue's message is gone (%s)", strerror(errno));
    mq_close(next);
    mq_unlink(QUEUE);
    mq_unlink(NEXT_QUEUE);
}

static void ignore(int signal)
{
    (void)signal;
}

/* While accept waits, the descriptor it will return is nobody's yet:
 * another thread cannot close it, and a pipe made meanwhile keeps its
 * own descriptors when the accept fails. */
static void accept_hands_out_no_descriptor_while_it_waits(void)
{
    unlink(SOCKET_PATH);
    struct sockaddr_un address;
    memset(&address, 0, sizeof address);
    address.sun_family = AF_UNIX;
    strcpy(address.sun_path, SOCKET_PATH);
    int listener = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK_EQ(0, bind(listener, (struct sockaddr *)&address, sizeof address), "bind");
    CHECK_EQ(0, listen(listener, 4), "listen");
    int next = dup(0);                          /* the lowest free descriptor now */
    close(next);
    pthread_t waiter = start_waiting(listener, ACCEPT, "accept");
    CHECK_ERROR(close(next), EBADF);
    int fds[2];
    CHECK_EQ(0, pipe(fds), "pipe while accept waits");
    end_the_wait(waiter);                       /* SIGUSR1: EINTR */
    CHECK_EQ(-EINTR, result, "the interrupted accept");
    CHECK_EQ(1, write(fds[1], "p", 1), "write to the pipe made while accept waited");
    char c = 0;
    CHECK(read(fds[0], &c, 1) == 1 && c == 'p', "the pipe made while accept waited lost its read end");
    close(fds[0]);
    close(fds[1]);
    close(listener);
    unlink(SOCKET_PATH);
}

static void cases(void)
{
    signal(SIGPIPE, SIG_IGN);                   /* a write to no reader: EPIPE */
    install_handler(SIGUSR1, ignore, 0);        /* ends a wait that would last for ever */
    pipe_read_end_closed_under_a_reader();
    both_ends_closed_under_a_reader();
    mailbox_closed_under_a_receiver();
    queue_closed_under_a_receiver();
    sockets_closed_under_a_receiver();
    accept_hands_out_no_descriptor_while_it_waits();
    pipe_reopened_at_the_number_of_a_read();
    read_end_closed_only();
    socketpair_reopened_at_the_number_of(RECV);
    socketpair_reopened_at_the_number_of(RECVMSG);
    mailbox_reopened_at_the_number_of_a_receive();
    queue_reopened_at_the_number_of_a_receive();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("thread_close_under_a_waiting_thread_keeps_its_file_open");
}

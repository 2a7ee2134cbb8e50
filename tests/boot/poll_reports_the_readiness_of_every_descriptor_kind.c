/* poll reports, for every kind of descriptor, what a read or a write
 * would do now (POSIX poll(2): "POLLIN Data other than high-priority data
 * may be read without blocking", "POLLOUT Normal data may be written
 * without blocking"; "Regular files shall always poll TRUE for reading
 * and writing"): pipes, FIFOs, terminals, stream and datagram sockets
 * (data, a connection to accept, room), POSIX message queues (a message
 * waits / mq_send would not block), mailboxes, regular files and
 * directories. Every object is freed after (the kernel's counters). */
#include <fcntl.h>
#include <ipc.h>
#include <mqueue.h>
#include <poll.h>
#include <sys/stat.h>

#include "boot_socket.h"

#define IN  (POLLIN | POLLRDNORM)
#define OUT (POLLOUT | POLLWRNORM)

/* revents of one descriptor, asked for reading and writing, no waiting */
static int readiness(int fd)
{
    struct pollfd entry = { fd, POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM, 0x7fff };
    int count = poll(&entry, 1, 0);
    if (count < 0)
        return -errno;
    return entry.revents;
}

static void pipes_and_fifos(void)
{
    int fds[2];
    CHECK_EQ(0, pipe(fds), "pipe");
    CHECK_EQ(0, readiness(fds[0]), "an empty pipe's read end: nothing");
    CHECK_EQ(OUT, readiness(fds[1]), "an empty pipe's write end: writable");
    CHECK_EQ(1, write(fds[1], "x", 1), "write a byte");
    CHECK_EQ(IN, readiness(fds[0]), "a pipe with a byte: readable");
    /* fill it: the write end stops being writable */
    fcntl(fds[1], F_SETFL, O_NONBLOCK);
    char block[1024] = { 0 };
    while (write(fds[1], block, sizeof block) > 0)
        ;
    CHECK_EQ(0, readiness(fds[1]), "a full pipe's write end: not writable");
    char drain[4096];
    for (int i = 0; i < 2; i++)
        read(fds[0], drain, sizeof drain);
    CHECK_EQ(OUT, readiness(fds[1]), "writable again once PIPE_BUF bytes are free");
    close(fds[0]);
    close(fds[1]);

    CHECK_EQ(0, mkfifo("/tmp/poll_fifo", 0600), "mkfifo");
    int reader = open("/tmp/poll_fifo", O_RDONLY | O_NONBLOCK);
    CHECK(reader >= 0, "open the FIFO for reading: %d", reader);
    CHECK_EQ(0, readiness(reader), "a FIFO no writer has opened yet: nothing (not a hang-up, as Linux)");
    int writer = open("/tmp/poll_fifo", O_WRONLY);
    CHECK(writer >= 0, "open the FIFO for writing: %d", writer);
    CHECK_EQ(OUT, readiness(writer), "the FIFO's write end: writable");
    CHECK_EQ(3, write(writer, "abc", 3), "write to the FIFO");
    CHECK_EQ(IN, readiness(reader), "the FIFO with data: readable");
    close(writer);
    CHECK_EQ(IN | POLLHUP, readiness(reader), "data and the writer gone: readable and hung up");
    close(reader);
    unlink("/tmp/poll_fifo");
}

static void terminals_and_files(void)
{
    int terminal = open("/dev/tty2", O_RDWR);
    CHECK(terminal >= 0, "open /dev/tty2: %d", terminal);
    CHECK_EQ(OUT, readiness(terminal), "a terminal with no line typed: writable only");
    close(terminal);

    int file = open("/tmp/poll_regular", O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK_EQ(IN | OUT, readiness(file), "an empty regular file: always readable and writable");
    close(file);
    unlink("/tmp/poll_regular");
    int directory = open("/tmp", O_RDONLY);
    CHECK_EQ(IN | OUT, readiness(directory), "a directory: always ready");
    close(directory);
    int null = open("/dev/null", O_RDWR);
    CHECK_EQ(IN | OUT, readiness(null), "/dev/null: always ready");
    close(null);
}

static void sockets(void)
{
    int pair[2];
    CHECK_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, pair), "socketpair stream");
    CHECK_EQ(OUT, readiness(pair[0]), "a connected stream socket with nothing queued: writable");
    CHECK_EQ(2, write(pair[1], "hi", 2), "send 2 bytes");
    CHECK_EQ(IN | OUT, readiness(pair[0]), "bytes queued: readable");
    close(pair[0]);
    close(pair[1]);

    struct sockaddr_un address;
    socklen_t length = unix_socket_address(&address, "/tmp/poll_listener");
    int listener = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK_EQ(0, bind(listener, (struct sockaddr *)&address, length), "bind");
    CHECK_EQ(0, listen(listener, 4), "listen");
    CHECK_EQ(0, readiness(listener), "a listening socket with no connection waiting: nothing");
    int client = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK_EQ(0, connect(client, (struct sockaddr *)&address, length), "connect");
    CHECK_EQ(IN, readiness(listener), "a connection waits: the listener is readable");
    int server = accept(listener, 0, 0);
    CHECK_EQ(0, readiness(listener), "accepted: nothing again");
    close(server);
    close(client);
    close(listener);
    unlink("/tmp/poll_listener");

    CHECK_EQ(0, socketpair(AF_UNIX, SOCK_DGRAM, 0, pair), "socketpair datagram");
    CHECK_EQ(OUT, readiness(pair[0]), "a datagram socket with nothing queued: writable");
    CHECK_EQ(1, send(pair[1], "d", 1, 0), "send a datagram");
    CHECK_EQ(IN | OUT, readiness(pair[0]), "a datagram queued: readable");
    for (int i = 0; i < 64 && send(pair[0], "f", 1, MSG_DONTWAIT) == 1; i++)
        ;
    CHECK_EQ(0, readiness(pair[0]) & OUT, "the peer's queue full: not writable");
    CHECK_EQ(IN, readiness(pair[1]) & IN, "the full queue's socket: readable");
    close(pair[0]);
    close(pair[1]);
}

static void queues_and_mailboxes(void)
{
    struct mq_attr attributes = { 0, 2, 16, 0, { 0 } };
    mqd_t queue = mq_open("/poll_queue", O_RDWR | O_CREAT, 0600, &attributes);
    CHECK(queue >= 0, "mq_open: %d", queue);
    CHECK_EQ(OUT, readiness(queue), "an empty queue: writable (mq_send would not block)");
    mq_send(queue, "a", 1, 0);
    CHECK_EQ(IN | OUT, readiness(queue), "one message of two: readable and writable");
    mq_send(queue, "b", 1, 0);
    CHECK_EQ(IN, readiness(queue), "full: readable only");
    mq_close(queue);
    mq_unlink("/poll_queue");

    int box = mbox_open("poll-bounded", O_CREAT | O_EXCL, 1);
    CHECK(box >= 0, "mbox_open: %d", box);
    CHECK_EQ(OUT, readiness(box), "an empty bounded mailbox: writable");
    struct message message = { 0 };
    message.len = 1;
    CHECK_EQ(0, mbox_send(box, &message, MSG_NONBLOCK), "mbox_send");
    CHECK_EQ(IN, readiness(box), "one held of one: readable, not writable");
    CHECK_EQ(0, mbox_recv(box, &message, MSG_NONBLOCK), "mbox_recv");
    CHECK_EQ(OUT, readiness(box), "empty again: writable");
    close(box);
    mbox_unlink("poll-bounded");

    int rendezvous = mbox_open("poll-rendezvous", O_CREAT | O_EXCL, 0);
    CHECK_EQ(0, readiness(rendezvous), "a rendezvous mailbox nobody waits on: nothing");
    pid_t child = fork();
    if (child == 0) {
        struct message offer = { 0 };
        offer.len = 1;
        _exit(mbox_send(rendezvous, &offer, 0) == 0 ? 0 : 1);
    }
    struct pollfd entry = { rendezvous, POLLIN, 0 };
    CHECK_EQ(1, poll(&entry, 1, 5000), "a sender offering a message: readable");
    CHECK_EQ(0, mbox_recv(rendezvous, &message, MSG_NONBLOCK), "take the offered message");
    int status;
    waitpid(child, &status, 0);
    CHECK_EQ(0, status, "the sender's status");
    close(rendezvous);
    mbox_unlink("poll-rendezvous");
}

static void every_kind(void)
{
    pipes_and_fifos();
    terminals_and_files();
    sockets();
    queues_and_mailboxes();
}

int main(void)
{
    /* warm up: a first round settles our own pages (stack, libc buffers) */
    unsigned tasks = read_counters().tasks;
    every_kind();
    struct kinfo_counters before = counters_after_warm_up(tasks);
    every_kind();
    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("poll_reports_the_readiness_of_every_descriptor_kind");
}

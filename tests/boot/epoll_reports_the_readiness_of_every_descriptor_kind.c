// needs: net (a TCP pair and a UDP socket over the loopback, beside the local kinds)
/* epoll reports, for every kind of descriptor, what poll would (epoll(7):
 * "The epoll API performs a similar task to poll(2)"), with the caller's
 * epoll_data back unchanged: pipes and FIFOs (data, room, the writer or
 * reader gone), local stream and datagram sockets (data, a connection to
 * accept, room, the peer's shutdown: EPOLLRDHUP), POSIX message queues,
 * TCP and UDP sockets over the loopback, and epoll instances themselves
 * (readable while an entry is ready, in epoll and in poll). A wait for
 * ever ends when another process makes a watched descriptor ready, also
 * through an instance inside another. Nothing leaks. */
#include <fcntl.h>
#include <mqueue.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <sys/un.h>

#include "boot_net.h"

#define IN    EPOLLIN
#define OUT   EPOLLOUT
#define ASKED (EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLPRI)
#define DATA  0x1122334455667788ull
#define LATE_MS 2000                   /* how long a loopback packet may take */

/* The events one epoll set reports for `fd` watched for ASKED, waiting
 * up to `timeout_ms` for any; -errno if epoll_ctl refused it. */
static int readiness_within(int fd, int timeout_ms)
{
    int epoll = epoll_create1(0);
    struct epoll_event event = { ASKED, { .u64 = DATA } };
    if (epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event) < 0) {
        int error = errno;
        close(epoll);
        return -error;
    }
    struct epoll_event got[2];
    memset(got, 0xff, sizeof got);
    int count = epoll_wait(epoll, got, 2, timeout_ms);
    CHECK(count == 0 || count == 1, "epoll_wait on one descriptor: %d", count);
    if (count == 1)
        CHECK(got[0].data.u64 == DATA, "the data came back changed: 0x%llx", (unsigned long long)got[0].data.u64);
    close(epoll);
    return count == 1 ? (int)got[0].events : 0;
}

static int readiness(int fd)
{
    return readiness_within(fd, 0);
}

static void pipes_and_fifos(void)
{
    int fds[2];
    pipe(fds);
    CHECK_EQ(0, readiness(fds[0]), "an empty pipe's read end: nothing");
    CHECK_EQ(OUT, readiness(fds[1]), "an empty pipe's write end: writable");
    write(fds[1], "x", 1);
    CHECK_EQ(IN, readiness(fds[0]), "a pipe with a byte: readable");
    fcntl(fds[1], F_SETFL, O_NONBLOCK);
    char block[1024] = { 0 };
    while (write(fds[1], block, sizeof block) > 0)
        ;
    CHECK_EQ(0, readiness(fds[1]), "a full pipe's write end: nothing");
    close(fds[1]);
    CHECK_EQ(IN | EPOLLHUP, readiness(fds[0]), "data and no writer: readable and hung up");
    close(fds[0]);

    pipe(fds);
    close(fds[1]);
    CHECK_EQ(EPOLLHUP, readiness(fds[0]), "no data and no writer: hung up only");
    close(fds[0]);
    pipe(fds);
    close(fds[0]);
    CHECK_EQ(OUT | EPOLLERR, readiness(fds[1]), "no reader left: writable (EPIPE at once) and an error");
    close(fds[1]);

    mkfifo("/tmp/epoll_fifo", 0600);
    int reader = open("/tmp/epoll_fifo", O_RDONLY | O_NONBLOCK);
    CHECK_EQ(0, readiness(reader), "a FIFO no writer has opened yet: nothing");
    int writer = open("/tmp/epoll_fifo", O_WRONLY);
    CHECK_EQ(OUT, readiness(writer), "the FIFO's write end: writable");
    write(writer, "abc", 3);
    CHECK_EQ(IN, readiness(reader), "the FIFO with data: readable");
    close(writer);
    CHECK_EQ(IN | EPOLLHUP, readiness(reader), "data and the writer gone: readable and hung up");
    close(reader);
    unlink("/tmp/epoll_fifo");
}

static void local_sockets(void)
{
    int pair[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
    CHECK_EQ(OUT, readiness(pair[0]), "a connected stream socket: writable");
    write(pair[1], "hi", 2);
    CHECK_EQ(IN | OUT, readiness(pair[0]), "bytes queued: readable");
    shutdown(pair[1], SHUT_WR);
    CHECK_EQ(IN | OUT | EPOLLRDHUP, readiness(pair[0]), "the peer shut down writing: EPOLLRDHUP");
    close(pair[1]);
    CHECK_EQ(IN | OUT | EPOLLRDHUP | EPOLLHUP, readiness(pair[0]), "the peer closed: hung up too");
    close(pair[0]);

    struct sockaddr_un address;
    memset(&address, 0, sizeof address);
    address.sun_family = AF_UNIX;
    strcpy(address.sun_path, "/tmp/epoll_listener");
    int listener = socket(AF_UNIX, SOCK_STREAM, 0);
    bind(listener, (struct sockaddr *)&address, sizeof address);
    listen(listener, 4);
    CHECK_EQ(0, readiness(listener), "a listener with nothing to accept: nothing");
    int client = socket(AF_UNIX, SOCK_STREAM, 0);
    connect(client, (struct sockaddr *)&address, sizeof address);
    CHECK_EQ(IN, readiness(listener), "a connection to accept: readable");
    close(client);
    close(listener);
    unlink("/tmp/epoll_listener");

    socketpair(AF_UNIX, SOCK_DGRAM, 0, pair);
    CHECK_EQ(OUT, readiness(pair[0]), "a datagram socket: writable");
    send(pair[1], "d", 1, 0);
    CHECK_EQ(IN | OUT, readiness(pair[0]), "a datagram queued: readable");
    close(pair[0]);
    close(pair[1]);
}

static void message_queues(void)
{
    struct mq_attr attributes;
    memset(&attributes, 0, sizeof attributes);
    attributes.mq_maxmsg = 2;
    attributes.mq_msgsize = 16;
    mqd_t queue = mq_open("/epoll_queue", O_RDWR | O_CREAT, 0600, &attributes);
    CHECK(queue >= 0, "mq_open: %d", (int)queue);
    CHECK_EQ(OUT, readiness(queue), "an empty queue: writable");
    mq_send(queue, "a", 1, 0);
    CHECK_EQ(IN | OUT, readiness(queue), "one message of two: readable and writable");
    mq_send(queue, "b", 1, 0);
    CHECK_EQ(IN, readiness(queue), "full: readable only");
    mq_close(queue);
    mq_unlink("/epoll_queue");
}

static void internet_sockets(void)
{
    int client, accepted;
    tcp_pair(&client, &accepted);
    CHECK(client >= 0 && accepted >= 0, "a TCP pair over the loopback: %d %d", client, accepted);
    CHECK_EQ(OUT, readiness(client), "a connected TCP socket: writable");
    write(accepted, "tcp", 3);
    CHECK_EQ(IN | OUT, readiness_within(client, LATE_MS), "TCP bytes came: readable");
    shutdown(accepted, SHUT_WR);
    int events = 0;
    for (int i = 0; i < 100 && !(events & EPOLLRDHUP); i++) {
        events = readiness(client);
        usleep(10000);
    }
    CHECK_EQ(IN | OUT | EPOLLRDHUP, events, "the peer's FIN: EPOLLRDHUP");
    close(client);
    close(accepted);

    unsigned short port = 0;
    int udp = loopback_socket(SOCK_DGRAM, 0, &port);
    CHECK_EQ(OUT, readiness(udp), "a UDP socket: writable");
    struct sockaddr_in to;
    sendto(udp, "u", 1, 0, (struct sockaddr *)&to, loopback_address(&to, port));
    CHECK_EQ(IN | OUT, readiness_within(udp, LATE_MS), "a datagram came: readable");
    close(udp);
}

static void epoll_instances(void)
{
    int inner = epoll_create1(0);
    int fds[2];
    pipe(fds);
    struct epoll_event event = { EPOLLIN, { 0 } };
    epoll_ctl(inner, EPOLL_CTL_ADD, fds[0], &event);
    CHECK_EQ(0, readiness(inner), "an instance with nothing ready: nothing");
    struct pollfd entry = { inner, POLLIN, 0 };
    CHECK_EQ(0, poll(&entry, 1, 0), "poll of that instance: nothing");
    write(fds[1], "x", 1);
    CHECK_EQ(IN, readiness(inner), "an instance with an entry ready: readable");
    CHECK_EQ(1, poll(&entry, 1, 0), "poll of that instance: ready");
    CHECK_EQ(POLLIN, entry.revents, "poll of that instance: POLLIN");
    close(inner);
    close(fds[0]);
    close(fds[1]);
}

static void write_byte_later(int fd)
{
    usleep(30000);
    write(fd, "w", 1);
    _exit(0);
}

static void send_later(int fd)
{
    usleep(30000);
    send(fd, "s", 1, 0);
    _exit(0);
}

static void mq_send_later(int queue)
{
    usleep(30000);
    mq_send(queue, "m", 1, 0);
    _exit(0);
}

/* epoll_wait(-1) on `epoll` returns when a child runs act(fd) 30 ms on.
 * The clock starts before the fork: on several CPUs the child may run its
 * 30 ms while this process still waits for its CPU after the fork. */
static void wait_until(int epoll, void (*act)(int), int fd, uint64_t data, const char *what)
{
    fflush(stdout);
    long long start = monotonic_ns();
    pid_t child = fork();
    if (child == 0)
        act(fd);
    struct epoll_event got;
    int count = epoll_wait(epoll, &got, 1, -1);
    CHECK(count == 1 && got.data.u64 == data && (got.events & EPOLLIN),
          "%s: expected 1 event with data %llu and EPOLLIN, got %d (data %llu, events 0x%x)", what,
          (unsigned long long)data, count, (unsigned long long)got.data.u64, got.events);
    CHECK(monotonic_ns() - start >= 20000000ll, "%s: the wait ended before the child acted", what);
    waitpid(child, 0, 0);
}

static void waits_end_when_a_descriptor_becomes_ready(void)
{
    int epoll = epoll_create1(0);
    int fds[2], pair[2];
    pipe(fds);
    socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
    struct mq_attr attributes;
    memset(&attributes, 0, sizeof attributes);
    attributes.mq_maxmsg = 2;
    attributes.mq_msgsize = 16;
    mqd_t queue = mq_open("/epoll_waits", O_RDWR | O_CREAT, 0600, &attributes);
    struct epoll_event event = { EPOLLIN | EPOLLET, { .u64 = 1 } };
    epoll_ctl(epoll, EPOLL_CTL_ADD, fds[0], &event);
    event.data.u64 = 2;
    epoll_ctl(epoll, EPOLL_CTL_ADD, pair[0], &event);
    event.data.u64 = 3;
    epoll_ctl(epoll, EPOLL_CTL_ADD, queue, &event);
    wait_until(epoll, write_byte_later, fds[1], 1, "a pipe's data");
    wait_until(epoll, send_later, pair[1], 2, "a socket's data");
    wait_until(epoll, mq_send_later, queue, 3, "a queue's message");

    /* an instance in an instance: the inner one's wake-up reaches the outer */
    int outer = epoll_create1(0);
    int second[2];
    pipe(second);
    int inner = epoll_create1(0);
    event.events = EPOLLIN;
    event.data.u64 = 4;
    epoll_ctl(inner, EPOLL_CTL_ADD, second[0], &event);
    event.data.u64 = 5;
    epoll_ctl(outer, EPOLL_CTL_ADD, inner, &event);
    wait_until(outer, write_byte_later, second[1], 5, "an inner instance's entry");
    struct epoll_event got;
    CHECK_EQ(1, epoll_wait(inner, &got, 1, 0), "the inner instance reports its pipe");
    CHECK_EQ(4, got.data.u64, "the inner entry's data");

    close(outer);
    close(inner);
    close(epoll);
    close(second[0]);
    close(second[1]);
    close(fds[0]);
    close(fds[1]);
    close(pair[0]);
    close(pair[1]);
    mq_close(queue);
    mq_unlink("/epoll_waits");
}

static void cases(void)
{
    pipes_and_fifos();
    local_sockets();
    message_queues();
    internet_sockets();
    epoll_instances();
    waits_end_when_a_descriptor_becomes_ready();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("epoll_reports_the_readiness_of_every_descriptor_kind");
}

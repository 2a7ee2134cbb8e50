/* tests/boot/socket_datagram_poll_for_room_on_two_cpus_misses_no_wakeup.c
 *
 * Two AF_UNIX datagram sockets bound to names and connected to each
 * other (not a socketpair: each has a lock of its own on several CPUs).
 * A receiver kept to one CPU takes COUNT + MORE numbered datagrams with
 * recv; a sender kept to the other sends COUNT with MSG_DONTWAIT, each
 * after a poll(POLLOUT); then MORE, until the receiver's queue is full (EAGAIN;
 * the receiver takes a break every 256), waiting for room with
 * epoll_wait(EPOLLOUT). Each poll puts a watch on the *receiver's* queue
 * and takes it off, while the receiver's recv runs without the big lock
 * under the receiver's lock.
 *
 * Found by a review, 2026-11-28: the poll added that watch, and read
 * the receiver's count, without the receiver's lock. A recv that had
 * looked for watchers a moment before then woke a watch half added, and
 * a poll could read a full queue that the recv had just made room in,
 * while the recv saw nobody to wake: the sender slept with room free.
 * Now the poll counts the peer as a user with the big lock, as it counts
 * its own socket. Every datagram must arrive once, in order, no wait for
 * room may take a second (the receiver empties the queue in
 * microseconds), and the counters come back. On one CPU it holds too. */
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>

#include "boot_socket.h"

#define COUNT 20000                /* after a poll each */
#define MORE 4000                  /* then with epoll, when the queue is full */
#define WAIT_MS 1000

/* The receiver: every datagram the next number, then exit 0. */
static void receive_all(int fd, int cpu)
{
    keep_to_cpu(cpu);
    for (unsigned expected = 0; expected < COUNT + MORE; expected++) {
        if (expected >= COUNT && expected % 256 == 255)
            usleep(2000);                 /* a break: the queue fills, the sender waits */
        for (volatile unsigned spin = 0; spin < expected * 7u % 300u; spin++)
            continue;
        unsigned numbered[2];
        ssize_t got = recv(fd, numbered, sizeof numbered, 0);
        if (got != (ssize_t)sizeof numbered || numbered[0] != expected || numbered[1] != ~expected) {
            printf("receiver: datagram %u: %d bytes, number %u\n", expected, (int)got, numbered[0]);
            _exit(1);
        }
    }
    _exit(0);
}

/* Waits for room at the receiver, by poll or by epoll (`epoll_fd` >= 0);
 * returns 1 if the socket became writable within WAIT_MS. */
static int wait_for_room(int fd, int epoll_fd)
{
    if (epoll_fd < 0) {
        struct pollfd watched = { .fd = fd, .events = POLLOUT };
        return poll(&watched, 1, WAIT_MS) == 1 && (watched.revents & POLLOUT);
    }
    struct epoll_event event;
    return epoll_wait(epoll_fd, &event, 1, WAIT_MS) == 1 && (event.events & EPOLLOUT);
}

int main(void)
{
    int cpus = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
    const char *sender_path = "/tmp/dgram-poll-sender", *receiver_path = "/tmp/dgram-poll-receiver";
    struct kinfo_counters before = counters_after_warm_up(read_counters().tasks);
    int sender = bound_datagram_socket(sender_path), receiver = bound_datagram_socket(receiver_path);
    connect_to_path(sender, receiver_path);
    connect_to_path(receiver, sender_path);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        close(sender);
        receive_all(receiver, 1 % cpus);
    }
    close(receiver);
    keep_to_cpu(0);
    int epoll_fd = -1;
    unsigned waits = 0, late = 0;
    for (unsigned number = 0; number < COUNT + MORE; number++) {
        if (number == COUNT) {
            epoll_fd = epoll_create1(0);
            struct epoll_event event = { .events = EPOLLOUT, .data.fd = sender };
            CHECK(epoll_fd >= 0 && epoll_ctl(epoll_fd, EPOLL_CTL_ADD, sender, &event) == 0, "epoll: %s",
                  strerror(errno));
        }
        unsigned numbered[2] = { number, ~number };
        /* the first COUNT ask poll first (a poll with a timeout: one of
         * none never watches), which puts its watch on the receiver's
         * queue and takes it off as the receiver's recv runs, and sleeps
         * there while the queue is full */
        if (epoll_fd < 0 && !wait_for_room(sender, -1) && ++late > 3)
            break;
        for (;;) {
            ssize_t sent = send(sender, numbered, sizeof numbered, MSG_DONTWAIT);
            if (sent == (ssize_t)sizeof numbered)
                break;
            CHECK(sent < 0 && errno == EAGAIN, "send of datagram %u: %d (%s)", number, (int)sent,
                  strerror(errno));
            waits++;                     /* the queue is full: wait for room */
            if (!wait_for_room(sender, epoll_fd) && ++late > 3)
                break;                   /* reported below; the receiver is killed */
        }
        if (late > 3)
            break;
    }
    int status = -1;
    if (late > 3)
        kill(child, SIGKILL);
    waitpid(child, &status, 0);
    printf("%d CPU(s): %u datagrams each after a poll, %u more sent until full: %u waits for room by epoll;"
           " %u waits of %d ms or more\n", cpus, COUNT, MORE, waits, late, WAIT_MS);
    CHECK(late == 0, "%u waits for room took %d ms or more while the receiver emptied the queue", late, WAIT_MS);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the receiver: status %#x", status);
    CHECK(waits > 0, "the queue never filled: no wait for room was tested");
    if (epoll_fd >= 0)
        close(epoll_fd);
    close(sender);
    unlink(sender_path);
    unlink(receiver_path);
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("socket_datagram_poll_for_room_on_two_cpus_misses_no_wakeup");
}

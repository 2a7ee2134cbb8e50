/* tests/boot/boot_net.h - what the net_ tests share: Internet sockets on
 * the loopback (127.0.0.1), listeners on a port the kernel picks, children
 * that connect, and the leak check of the network's own counters.
 *
 * Every net_ test asserts what Linux does: each can be built on a Linux
 * host with gcc and a small kernel.h that answers kinfo() with -1 (then
 * the counters are all zero and the checks that need the kernel's own
 * view are skipped). Loops are bounded in count and in time. */
#ifndef TESTS_BOOT_BOOT_NET_H
#define TESTS_BOOT_BOOT_NET_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE                     /* accept4 on a Linux host */
#endif

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>

#include "boot_test.h"

#define LOOPBACK_TEXT "127.0.0.1"

/* TCP's TIME_WAIT is 60 s on Linux (TCP_TIMEWAIT_LEN); a connection
 * closed first by our side stays that long, so the leak check waits up to
 * twice that. Guest seconds: under -icount the idle ones pass quickly. */
#define NET_SETTLE_LIMIT_MS  130000
#define NET_SETTLE_STEP_MS   100

/* Fills *address with 127.0.0.1:port (port in host byte order). */
static inline socklen_t loopback_address(struct sockaddr_in *address, unsigned short port)
{
    memset(address, 0, sizeof *address);
    address->sin_family = AF_INET;
    address->sin_port = htons(port);
    address->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return sizeof *address;
}

/* The port (host byte order) a socket is bound to, 0 if none. */
static inline unsigned short local_port_of(int fd)
{
    struct sockaddr_in address;
    socklen_t length = sizeof address;
    memset(&address, 0, sizeof address);
    if (getsockname(fd, (struct sockaddr *)&address, &length) < 0)
        return 0;
    return ntohs(address.sin_port);
}

/* A socket of `type` (SOCK_STREAM or SOCK_DGRAM, flags allowed) bound to
 * 127.0.0.1 on a port the kernel picks, listening with `backlog` if it is
 * a stream; its port in *port. -1 if a step failed. */
static inline int loopback_socket(int type, int backlog, unsigned short *port)
{
    struct sockaddr_in address;
    int fd = socket(AF_INET, type, 0);
    if (fd < 0)
        return -1;
    if (bind(fd, (struct sockaddr *)&address, loopback_address(&address, 0)) < 0 ||
        ((type & 0xf) == SOCK_STREAM && listen(fd, backlog) < 0)) {
        close(fd);
        return -1;
    }
    *port = local_port_of(fd);
    return fd;
}

/* A TCP listener on 127.0.0.1, port chosen by the kernel. */
static inline int tcp_listener(int backlog, unsigned short *port)
{
    return loopback_socket(SOCK_STREAM, backlog, port);
}

/* A blocking TCP connection to 127.0.0.1:port: the descriptor, or
 * -errno when connect failed. */
static inline int tcp_connect_to(unsigned short port)
{
    struct sockaddr_in address;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -errno;
    if (connect(fd, (struct sockaddr *)&address, loopback_address(&address, port)) < 0) {
        int error = errno;
        close(fd);
        return -error;
    }
    return fd;
}

/* A connected pair over the loopback: *client and *accepted (-1 each on
 * failure); the listener is closed again. */
static inline void tcp_pair(int *client, int *accepted)
{
    unsigned short port = 0;
    int listener = tcp_listener(1, &port);
    *client = listener < 0 ? -1 : tcp_connect_to(port);
    *accepted = *client < 0 ? -1 : accept(listener, NULL, NULL);
    if (*client < -1)
        *client = -1;
    if (listener >= 0)
        close(listener);
}

/* An int option's value, or -1000 - errno when getsockopt failed. */
static inline int int_option(int fd, int level, int name)
{
    int value = 0;
    socklen_t length = sizeof value;
    if (getsockopt(fd, level, name, &value, &length) < 0)
        return -1000 - errno;
    return value;
}

static inline int set_int_option(int fd, int level, int name, int value)
{
    return setsockopt(fd, level, name, &value, sizeof value);
}

/* The revents poll gives `fd` for `events` within `timeout_ms`; 0 if none. */
static inline int poll_one(int fd, short events, int timeout_ms)
{
    struct pollfd entry = { .fd = fd, .events = events, .revents = 0 };
    return poll(&entry, 1, timeout_ms) == 1 ? entry.revents : 0;
}

/* Sets or clears O_NONBLOCK. */
static inline void set_nonblocking(int fd, int on)
{
    int flags = fcntl(fd, F_GETFL);
    fcntl(fd, F_SETFL, on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK);
}

/* Writes all of `size` bytes; how many went before an error. */
static inline long write_fully(int fd, const void *buffer, long size)
{
    long total = 0;
    while (total < size) {
        ssize_t count = write(fd, (const char *)buffer + total, size - total);
        if (count <= 0)
            break;
        total += count;
    }
    return total;
}

/* Milliseconds since `start_ns` (monotonic_ns). */
static inline long elapsed_ms(long long start_ns)
{
    return (long)((monotonic_ns() - start_ns) / 1000000);
}

/* Waits for `child` up to `limit_ms`, every 10 ms: 1 and its status in
 * *status if it ended, 0 if it still runs. */
static inline int child_ended_within(pid_t child, int *status, int limit_ms)
{
    long long start = monotonic_ns();
    do {
        if (waitpid(child, status, WNOHANG) == child)
            return 1;
        usleep(10000);
    } while (elapsed_ms(start) < limit_ms);
    return 0;
}

/* A child's exit code, or -1 when a signal ended it. */
static inline int net_exit_code(int status)
{
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* A SIGALRM handler that does nothing: the wait it interrupts ends with EINTR. */
static inline void net_on_alarm(int signal)
{
    (void)signal;
}

/* Any call of ours still waiting after `seconds` fails with EINTR (no
 * SA_RESTART): a test that waits for the network cannot hang. */
static inline void net_guard(unsigned seconds)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = net_on_alarm;
    sigaction(SIGALRM, &action, NULL);
    alarm(seconds);
}

/* ---- the network's counters: nothing may leak --------------------------- */

/* Did kinfo answer? On a Linux host it does not, and the counters read as
 * zero: the checks that need the kernel's view are then skipped. */
static inline int kernel_counters_available(void)
{
    struct kinfo_counters counters;
    return kinfo(KINFO_COUNTERS, &counters, sizeof counters) > 0;
}

static inline int net_counters_match(const struct kinfo_counters *a, const struct kinfo_counters *b)
{
    return a->tasks == b->tasks && a->inet_sockets == b->inet_sockets && a->tcp_connections == b->tcp_connections &&
           a->packets == b->packets && a->net_timers == b->net_timers;
}

/* The counters once tasks, Internet sockets, TCP connections (TIME_WAIT
 * ones too), packets and timers are back at `before`'s, or after
 * NET_SETTLE_LIMIT_MS; then a little longer for the heap to settle. */
static inline struct kinfo_counters settled_net_counters(const struct kinfo_counters *before)
{
    struct kinfo_counters now = read_counters();
    long long start = monotonic_ns();
    while (!net_counters_match(before, &now) && elapsed_ms(start) < NET_SETTLE_LIMIT_MS) {
        usleep(NET_SETTLE_STEP_MS * 1000);
        now = read_counters();
    }
    return settled_counters(before->tasks);
}

#define CHECK_NET_NO_LEAK(before, after)                                                   \
    do {                                                                                   \
        CHECK_NO_LEAK(before, after);                                                      \
        CHECK_EQ((before).inet_sockets, (after).inet_sockets, "Internet sockets");        \
        CHECK_EQ((before).tcp_connections, (after).tcp_connections, "TCP connections");   \
        CHECK_EQ((before).packets, (after).packets, "network packets");                    \
        CHECK_EQ((before).net_timers, (after).net_timers, "network timers");               \
    } while (0)

/* One of everything the network makes on its first use (a TCP connection
 * and its TIME_WAIT, a UDP datagram), so that what the stack keeps for
 * good (tables that grow once) is there before the first count. */
static inline void warm_up_the_network(void)
{
    int client, accepted;
    tcp_pair(&client, &accepted);
    if (client >= 0 && accepted >= 0) {
        char byte = 'w';
        send(client, &byte, 1, 0);
        recv(accepted, &byte, 1, 0);
    }
    if (accepted >= 0)
        close(accepted);
    if (client >= 0)
        close(client);
    unsigned short port = 0;
    int udp = loopback_socket(SOCK_DGRAM, 0, &port);
    if (udp >= 0) {
        struct sockaddr_in address;
        char byte = 'u';
        sendto(udp, &byte, 1, 0, (struct sockaddr *)&address, loopback_address(&address, port));
        recv(udp, &byte, 1, MSG_DONTWAIT);
        close(udp);
    }
}

/* run_cases_checking_leaks (boot_test.h) for the network: the network
 * warmed up first (in a child), and the counters compared once every
 * connection's TIME_WAIT is over. SIGPIPE is ignored in the cases unless
 * a case says otherwise. */
static inline void run_net_cases_checking_leaks(void (*cases)(void))
{
    use_the_stack_before_counting();
    unsigned tasks = read_counters().tasks;
    fflush(stdout);
    pid_t warm = fork();
    if (warm == 0) {
        warm_up_the_network();
        _exit(0);
    }
    waitpid(warm, NULL, 0);
    struct kinfo_counters before = read_counters();
    long long start = monotonic_ns();
    while ((before.tcp_connections != 0 || before.tasks != tasks) && elapsed_ms(start) < NET_SETTLE_LIMIT_MS) {
        usleep(NET_SETTLE_STEP_MS * 1000);
        before = read_counters();
    }
    before = settled_counters(tasks);
    CHECK_EQ(0, before.tcp_connections, "TCP connections before the cases (the warm-up's TIME_WAIT over)");
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        signal(SIGPIPE, SIG_IGN);
        cases();
        fflush(stdout);
        _exit(check_failures ? 1 : 0);
    }
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the cases: status 0x%x (failures above)", status);
    struct kinfo_counters after = settled_net_counters(&before);
    CHECK_NET_NO_LEAK(before, after);
}

#endif

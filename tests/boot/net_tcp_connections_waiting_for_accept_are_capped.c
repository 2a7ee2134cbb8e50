/* tests/boot/net_tcp_connections_waiting_for_accept_are_capped.c - each
 * connection that finished its handshake and waits for accept() holds a
 * 64 KiB receive ring. Without a cap, a peer that completes handshakes
 * with a few listeners and never waits for accept() fills the kernel heap.
 * The kernel keeps at most TCP_READY_CHILDREN_MAX (64) of them over every
 * listener (kernel/net/tcp_internal.h); at the cap the handshake's last
 * ACK is dropped, as Linux drops it at a full accept queue, and the
 * connection is completed later by the ACK of its SYN-ACK sent again (or
 * by the client's data sent again).
 *
 * 80 clients connect to a listener of backlog SOMAXCONN and each sends
 * its number at once. The listener shows 64 connections ready (netstat's
 * receive queue of a listener), not more, and still 64 after the SYN-ACKs'
 * first retransmission; then accept() takes all 80, and each number comes
 * through exactly once. (Linux would have all 80 ready at once: the count
 * is this kernel's limit, read through kinfo.) */
#include "boot_net.h"

#define CLIENTS           80
#define READY_CAP         64       /* TCP_READY_CHILDREN_MAX */
#define READY_LIMIT_MS    5000     /* the 64 are ready within this */
#define HOLD_MS           1500     /* past the first SYN-ACK retransmission (1 s) */
#define ACCEPT_LIMIT_MS   30000    /* every connection accepted within this */

/* The listener on `port`'s count of connections waiting for accept(), or
 * -1 if kinfo does not list it. */
static int ready_on(unsigned short port)
{
    int count = 0;
    struct kinfo_net_socket *sockets = kinfo_table(KINFO_NET_SOCKETS, sizeof *sockets, &count);
    int ready = -1;
    for (int i = 0; sockets && i < count; i++)
        if (sockets[i].protocol == IPPROTO_TCP && sockets[i].local_port == htons(port) &&
            !strncmp(sockets[i].state, "LISTEN", sizeof sockets[i].state))
            ready = (int)sockets[i].receive_queue;
    free(sockets);
    return ready;
}

/* Reads the 4-byte number a client sent on `fd`: the number, or -1. */
static int number_from(int fd)
{
    unsigned char bytes[4];
    unsigned got = 0;
    long long start = monotonic_ns();
    while (got < sizeof bytes && elapsed_ms(start) < ACCEPT_LIMIT_MS) {
        if (!(poll_one(fd, POLLIN, 100) & POLLIN))
            continue;
        long n = recv(fd, bytes + got, sizeof bytes - got, 0);
        if (n <= 0)
            return -1;
        got += (unsigned)n;
    }
    if (got < sizeof bytes)
        return -1;
    return bytes[0] | bytes[1] << 8 | bytes[2] << 16 | bytes[3] << 24;
}

static void waiting_connections_are_capped(void)
{
    if (!kernel_counters_available()) {
        printf("  (no kinfo: the cap is not read)\n");
        return;
    }
    unsigned short port = 0;
    int listener = tcp_listener(SOMAXCONN, &port);
    CHECK(listener >= 0, "listen(fd, SOMAXCONN): errno %d", errno);

    int clients[CLIENTS];
    for (int i = 0; i < CLIENTS; i++) {
        struct sockaddr_in address;
        clients[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        CHECK(clients[i] >= 0, "socket %d: errno %d", i, errno);
        int result = connect(clients[i], (struct sockaddr *)&address, loopback_address(&address, port)) == 0 ? 0
                                                                                                            : errno;
        CHECK(result == 0 || result == EINPROGRESS, "connect %d: %s", i, strerror(result));
    }
    /* Every client is connected on its side (it had the SYN-ACK), and
     * sends its number. */
    for (int i = 0; i < CLIENTS; i++) {
        CHECK(poll_one(clients[i], POLLOUT, READY_LIMIT_MS) & POLLOUT, "client %d connected", i);
        int error = int_option(clients[i], SOL_SOCKET, SO_ERROR);
        CHECK(error == 0, "client %d's SO_ERROR: %d", i, error);
        unsigned char bytes[4] = { (unsigned char)i, 0, 0, 0 };
        long sent = send(clients[i], bytes, sizeof bytes, 0);
        CHECK(sent == 4, "client %d sends its number: %ld (errno %d)", i, sent, errno);
    }

    int ready = ready_on(port);
    long long start = monotonic_ns();
    while (ready < READY_CAP && elapsed_ms(start) < READY_LIMIT_MS) {
        usleep(50 * 1000);
        ready = ready_on(port);
    }
    CHECK_EQ(READY_CAP, ready, "connections waiting for accept() (the cap)");
    usleep(HOLD_MS * 1000);
    CHECK_EQ(READY_CAP, ready_on(port), "still the cap after the SYN-ACKs were sent again");

    /* accept makes room: every connection comes, each number once */
    int seen[CLIENTS] = { 0 };
    int accepted = 0, numbers = 0;
    start = monotonic_ns();
    while (accepted < CLIENTS && elapsed_ms(start) < ACCEPT_LIMIT_MS) {
        if (!(poll_one(listener, POLLIN, 100) & POLLIN))
            continue;
        int fd = accept(listener, NULL, NULL);
        if (fd < 0)
            continue;
        accepted++;
        int number = number_from(fd);
        CHECK(number >= 0 && number < CLIENTS, "the number on accepted connection %d: %d", accepted, number);
        if (number >= 0 && number < CLIENTS) {
            CHECK(!seen[number], "number %d came twice", number);
            seen[number] = 1;
            numbers++;
        }
        close(fd);
    }
    CHECK_EQ(CLIENTS, accepted, "connections accepted");
    CHECK_EQ(CLIENTS, numbers, "numbers received, each once");
    for (int i = 0; i < CLIENTS; i++)
        close(clients[i]);
    close(listener);
}

int main(void)
{
    run_net_cases_checking_leaks(waiting_connections_are_capped);
    return test_finish("net_tcp_connections_waiting_for_accept_are_capped");
}

/* tests/boot/net_udp_datagrams_keep_boundaries_truncate_and_peek.c - UDP
 * over the loopback, as on Linux: each datagram arrives whole and alone
 * (sizes 0, 1, 100 and 1472, what fits an Ethernet packet), in order; a
 * bigger one (8192, and the largest, 65507) is sent whole or refused with
 * EMSGSIZE (this kernel does not fragment, and its loopback's packets are
 * smaller than Linux's: kernel/net/udp_socket.c), never cut; a
 * buffer too small takes the start and the rest is dropped; MSG_TRUNC
 * makes recv return the datagram's real length; MSG_PEEK leaves it for the
 * next recv; recvfrom names the sender. A connected socket sends without
 * an address and takes datagrams only from its peer; connect(AF_UNSPEC)
 * undoes that. A datagram to a port nobody holds draws an ICMP port
 * unreachable: the connected sender's next call fails with ECONNREFUSED.
 * 65508 bytes are too many for one IP packet: EMSGSIZE. */
#include "boot_net.h"

#define LARGEST_DATAGRAM (65535 - 20 - 8)   /* IP's limit less the IP and UDP headers */
#define ETHERNET_DATAGRAM (1500 - 20 - 8)    /* fits every route's packets */
#define WAIT_MS          2000

static unsigned char payload[LARGEST_DATAGRAM + 1];
static unsigned char received[LARGEST_DATAGRAM + 16];

/* recv with a wait of up to WAIT_MS for the datagram to come. */
static ssize_t receive(int fd, void *buffer, size_t size, int flags)
{
    if (!(poll_one(fd, POLLIN, WAIT_MS) & POLLIN))
        return -2;
    return recv(fd, buffer, size, flags | MSG_DONTWAIT);
}

static void boundaries_are_kept(int sender, int receiver, const struct sockaddr_in *to)
{
    static const int sizes[] = { 0, 1, 100, ETHERNET_DATAGRAM, 8192, LARGEST_DATAGRAM, 3 };
    const int count = sizeof sizes / sizeof sizes[0];
    for (int i = 0; i < LARGEST_DATAGRAM; i++)
        payload[i] = (unsigned char)(i * 7 + (i >> 9));
    for (int i = 0; i < count; i++) {
        payload[0] = (unsigned char)i;
        errno = 0;
        ssize_t sent = sendto(sender, payload, sizes[i], 0, (const struct sockaddr *)to, sizeof *to);
        if (sizes[i] > ETHERNET_DATAGRAM && sent == -1 && errno == EMSGSIZE)
            continue;                       /* refused whole: allowed beyond an Ethernet packet */
        CHECK_EQ(sizes[i], sent, "sendto of a datagram");
        ssize_t got = receive(receiver, received, sizeof received, 0);
        CHECK_EQ(sizes[i], got, "the datagram's length as received");
        CHECK(got != sizes[i] || !memcmp(payload, received, got), "datagram of %d bytes: its bytes differ", sizes[i]);
    }
    /* three in a row come out as three, in order */
    for (int i = 0; i < 3; i++)
        sendto(sender, "abcdef", 2 + i, 0, (const struct sockaddr *)to, sizeof *to);
    for (int i = 0; i < 3; i++)
        CHECK_EQ(2 + i, receive(receiver, received, sizeof received, 0), "queued datagram's length");
    CHECK_ERROR(sendto(sender, payload, LARGEST_DATAGRAM + 1, 0, (const struct sockaddr *)to, sizeof *to), EMSGSIZE);
}

static void truncation_trunc_and_peek(int sender, int receiver, const struct sockaddr_in *to)
{
    char small[4];
    sendto(sender, "truncated", 9, 0, (const struct sockaddr *)to, sizeof *to);
    sendto(sender, "next", 4, 0, (const struct sockaddr *)to, sizeof *to);
    CHECK_EQ(4, receive(receiver, small, sizeof small, 0), "a 9-byte datagram into 4 bytes");
    CHECK(!memcmp(small, "trun", 4), "its first bytes: \"%.4s\"", small);
    CHECK_EQ(4, receive(receiver, received, sizeof received, 0), "the next datagram (the rest was dropped)");
    CHECK(!memcmp(received, "next", 4), "the next datagram's bytes: \"%.4s\"", (char *)received);

    sendto(sender, "real length", 11, 0, (const struct sockaddr *)to, sizeof *to);
    CHECK_EQ(11, receive(receiver, small, sizeof small, MSG_TRUNC), "recv with MSG_TRUNC: the real length");
    CHECK(!memcmp(small, "real", 4), "MSG_TRUNC still fills the buffer: \"%.4s\"", small);
    CHECK_ERROR(recv(receiver, small, sizeof small, MSG_DONTWAIT), EAGAIN);

    sendto(sender, "peeked", 6, 0, (const struct sockaddr *)to, sizeof *to);
    CHECK_EQ(6, receive(receiver, received, sizeof received, MSG_PEEK), "MSG_PEEK");
    CHECK_EQ(6, receive(receiver, received, sizeof received, MSG_PEEK), "MSG_PEEK again: the same datagram");
    memset(received, 0, 8);
    CHECK_EQ(6, receive(receiver, received, sizeof received, 0), "recv after the peeks");
    CHECK(!memcmp(received, "peeked", 6), "the peeked datagram: \"%.6s\"", (char *)received);
    CHECK_ERROR(recv(receiver, small, sizeof small, MSG_DONTWAIT), EAGAIN);
}

static void recvfrom_names_the_sender(int sender, int receiver, const struct sockaddr_in *to)
{
    sendto(sender, "who", 3, 0, (const struct sockaddr *)to, sizeof *to);
    poll_one(receiver, POLLIN, WAIT_MS);
    struct sockaddr_in from;
    memset(&from, 0xff, sizeof from);
    socklen_t length = sizeof from;
    CHECK_EQ(3, recvfrom(receiver, received, sizeof received, MSG_DONTWAIT, (struct sockaddr *)&from, &length),
             "recvfrom");
    CHECK_EQ(sizeof from, length, "recvfrom's address length");
    CHECK_EQ(AF_INET, from.sin_family, "the sender's family");
    CHECK_EQ(INADDR_LOOPBACK, ntohl(from.sin_addr.s_addr), "the sender's address");
    CHECK_EQ(local_port_of(sender), ntohs(from.sin_port), "the sender's port");
}

static void connected_sockets_filter_and_report_refusals(int receiver, unsigned short receiver_port)
{
    unsigned short port_a = 0, port_b = 0;
    int a = loopback_socket(SOCK_DGRAM, 0, &port_a), b = loopback_socket(SOCK_DGRAM, 0, &port_b);
    struct sockaddr_in address;
    CHECK_EQ(0, connect(receiver, (struct sockaddr *)&address, loopback_address(&address, port_a)), "connect UDP");
    CHECK_ERROR(send(a, "from", 4, 0), EDESTADDRREQ);
    sendto(b, "other", 5, 0, (struct sockaddr *)&address, loopback_address(&address, receiver_port));
    sendto(a, "peer", 4, 0, (struct sockaddr *)&address, loopback_address(&address, receiver_port));
    CHECK_EQ(4, receive(receiver, received, sizeof received, 0), "a connected socket gets its peer's datagram");
    CHECK(!memcmp(received, "peer", 4), "and not the other's: \"%.5s\"", (char *)received);
    CHECK_ERROR(recv(receiver, received, sizeof received, MSG_DONTWAIT), EAGAIN);

    struct sockaddr unspecified = { .sa_family = AF_UNSPEC };
    CHECK_EQ(0, connect(receiver, &unspecified, sizeof unspecified), "connect(AF_UNSPEC) dissolves the association");
    sendto(b, "again", 5, 0, (struct sockaddr *)&address, loopback_address(&address, receiver_port));
    CHECK_EQ(5, receive(receiver, received, sizeof received, 0), "after AF_UNSPEC: datagrams from anyone");

    /* a port nobody holds: ICMP port unreachable, then ECONNREFUSED */
    close(b);
    CHECK_EQ(0, connect(a, (struct sockaddr *)&address, loopback_address(&address, port_b)), "connect to a port freed");
    CHECK_EQ(5, send(a, "lost?", 5, 0), "the send to nobody");
    usleep(100000);
    CHECK_ERROR(recv(a, received, sizeof received, MSG_DONTWAIT), ECONNREFUSED);
    CHECK_ERROR(recv(a, received, sizeof received, MSG_DONTWAIT), EAGAIN);
    close(a);
}

/* A UDP socket bound to 127.0.0.1 on a port named in the bind (Linux's
 * connect(AF_UNSPEC) also unbinds a socket bound to port 0: not that). */
static int udp_socket_on_a_named_port(unsigned short *port)
{
    int probe = loopback_socket(SOCK_DGRAM, 0, port);
    close(probe);
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in address;
    CHECK_EQ(0, bind(fd, (struct sockaddr *)&address, loopback_address(&address, *port)), "bind to a named port");
    return fd;
}

static void cases(void)
{
    unsigned short receiver_port = 0, sender_port = 0;
    int receiver = udp_socket_on_a_named_port(&receiver_port);
    int sender = loopback_socket(SOCK_DGRAM, 0, &sender_port);
    CHECK(receiver >= 0 && sender >= 0, "two UDP sockets: %d, %d (errno %d)", receiver, sender, errno);
    struct sockaddr_in to;
    loopback_address(&to, receiver_port);
    boundaries_are_kept(sender, receiver, &to);
    truncation_trunc_and_peek(sender, receiver, &to);
    recvfrom_names_the_sender(sender, receiver, &to);
    connected_sockets_filter_and_report_refusals(receiver, receiver_port);
    close(sender);
    close(receiver);
}

int main(void)
{
    run_net_cases_checking_leaks(cases);
    return test_finish("net_udp_datagrams_keep_boundaries_truncate_and_peek");
}

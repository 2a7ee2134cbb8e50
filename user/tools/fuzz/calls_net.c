/* user/tools/fuzz/calls_net.c - generators for Internet sockets
 * (kernel/net/inet_socket.h): socket(AF_INET) of every type and protocol,
 * bind, connect, listen, accept, sendto, recvfrom, shutdown, the names,
 * and setsockopt/getsockopt at every level with values and lengths good
 * and bad, made as system calls; and loopback traffic made through the
 * libc: a TCP connection over 127.0.0.1 (non-blocking, so it never waits)
 * or a UDP datagram, with random bytes, whose sockets stay in the pool
 * for the other calls to use.
 *
 * Safety: a packet may only ever go to this machine. Every address a call
 * may send to (connect, sendto) is on the loopback (127.0.0.0/8) or
 * INADDR_ANY, which means this machine; other addresses are only bound,
 * which sends nothing (EADDRNOTAVAIL). Ports come from a small pool so
 * that binds, connects and sends meet each other. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <uapi/syscall.h>

#include "fuzz.h"

#if defined(SYS_setsockopt) && __has_include(<uapi/in.h>)

#define PORT_POOL_FIRST   45000      /* the ports calls meet on */
#define PORT_POOL_SIZE    6
#define TRAFFIC_BYTES_MAX 3000
#define TRAFFIC_WAIT_MS   20         /* a connect on the loopback is done by then */

static int net_fd(void)
{
    int fd = fd_of_kind(FD_SOCKET);
    return fd >= 0 && chance(90) ? fd : fd_any();
}

static void after_net_socket(struct call *call, long result)
{
    (void)call;
    if (result >= 0)
        fd_opened(result, FD_SOCKET);
}

static uint16_t any_port(void)
{
    switch (below(6)) {
    case 0: return 0;
    case 1: return (uint16_t)PICK(7, 80, 1023, 1024, 32768, 60999, 61000, 65535);
    case 2: return (uint16_t)rng();
    default: return (uint16_t)(PORT_POOL_FIRST + below(PORT_POOL_SIZE));
    }
}

/* An address this machine may send to: the loopback or INADDR_ANY. */
static uint32_t local_destination(void)
{
    switch (below(6)) {
    case 0: return INADDR_ANY;
    case 1: return 0x7f000000u | (rng() & 0xffffff);          /* anywhere in 127/8 */
    default: return INADDR_LOOPBACK;
    }
}

/* An address to bind to: ours, or not ours (refused: nothing is sent). */
static uint32_t any_bind_address(void)
{
    if (chance(75))
        return local_destination();
    return PICK(INADDR_BROADCAST, 0x0a000301, 0xc0000201, 0xe0000001, rng());
}

/* A sockaddr_in in scratch memory, sometimes of the wrong family or
 * length, sometimes a bad pointer; its length in *length. */
static long inet_address(uint32_t host_address, long *length)
{
    *length = sizeof(struct sockaddr_in);
    if (chance(6))
        return (long)bad_pointer();
    struct sockaddr_in *address = (struct sockaddr_in *)safe_buffer(sizeof *address);
    memset(address, 0, sizeof *address);
    /* never AF_UNIX: the descriptor may be a local socket, and the bytes
     * after the family would name a file outside our trees */
    address->sin_family = chance(92) ? AF_INET : (sa_family_t)PICK(AF_UNSPEC, 10, 0xffff);
    address->sin_port = htons(any_port());
    address->sin_addr.s_addr = htonl(host_address);
    if (chance(10))
        memset(address->sin_zero, (int)rng(), sizeof address->sin_zero);
    if (chance(12))
        *length = (long)PICK(0, 1, 2, 8, 15, 17, 128, 0x7fffffff, (uint32_t)-1);
    return (long)address;
}

/* Where a call writes an address back, and its length. */
static long address_out(long *length_pointer)
{
    if (chance(20)) {
        *length_pointer = chance(50) ? 0 : (long)bad_pointer();
        return chance(50) ? 0 : (long)bad_pointer();
    }
    uint32_t room = sizeof(struct sockaddr_in);
    uint32_t address = out_pointer(&room);
    socklen_t *length = (socklen_t *)safe_buffer(sizeof *length);
    *length = chance(85) ? room : PICK(0, 1, 4, 0x7fffffff);
    if (*length > room)
        address = bad_pointer();
    *length_pointer = (long)length;
    return (long)address;
}

static void make_inet_socket(struct call *call)
{
    long type = chance(90) ? (long)(PICK(SOCK_STREAM, SOCK_DGRAM) | (chance(30) ? PICK(SOCK_NONBLOCK, SOCK_CLOEXEC) : 0))
                           : (long)PICK(0, 3, 5, rng());
    long protocol = chance(70) ? 0 : (long)PICK(IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP, 255, rng());
    set_call(call, SYS_socket, "socket", 3, (long)AF_INET, type, protocol);
    call->after = after_net_socket;
}

static void make_inet_bind(struct call *call)
{
    long length;
    long address = inet_address(any_bind_address(), &length);
    set_call(call, SYS_bind, "bind", 3, (long)net_fd(), address, length);
}

static void make_inet_connect(struct call *call)
{
    long length;
    long address = inet_address(local_destination(), &length);
    set_call(call, SYS_connect, "connect", 3, (long)net_fd(), address, length);
    call->may_block = 1;
}

static void make_inet_listen(struct call *call)
{
    set_call(call, SYS_listen, "listen", 2, (long)net_fd(), (long)PICK(0, 1, 4, 128, 4096, (uint32_t)-1));
}

static void make_inet_accept(struct call *call)
{
    long length;
    long address = address_out(&length);
    set_call(call, SYS_accept, "accept", 4, (long)net_fd(), address, length,
             (long)(chance(70) ? SOCK_NONBLOCK : any_flags(SOCK_NONBLOCK | SOCK_CLOEXEC)));
    call->may_block = 1;
    call->after = after_net_socket;
}

static long message_flags(void)
{
    return (long)any_flags(MSG_OOB | MSG_PEEK | MSG_TRUNC | MSG_DONTWAIT | MSG_WAITALL | MSG_NOSIGNAL);
}

static void make_inet_sendto(struct call *call)
{
    uint32_t size = chance(80) ? below(2000) : any_size();
    long length = 0, address = 0;
    if (chance(50))
        address = inet_address(local_destination(), &length);
    set_call(call, SYS_sendto, "sendto", 6, (long)net_fd(), (long)in_pointer(size), (long)size, message_flags(),
             address, length);
    call->may_block = 1;
}

static void make_inet_recvfrom(struct call *call)
{
    uint32_t size = chance(80) ? below(2000) : any_size();
    uint32_t buffer = out_pointer(&size);
    long length = 0, address = 0;
    if (chance(50))
        address = address_out(&length);
    set_call(call, SYS_recvfrom, "recvfrom", 6, (long)net_fd(), (long)buffer, (long)size, message_flags(),
             address, length);
    call->may_block = 1;
}

static void make_inet_shutdown(struct call *call)
{
    set_call(call, SYS_shutdown, "shutdown", 2, (long)net_fd(), (long)PICK(SHUT_RD, SHUT_WR, SHUT_RDWR, 3,
                                                                          (uint32_t)-1));
}

static void make_inet_name(struct call *call)
{
    long length;
    long address = address_out(&length);
    if (chance(50))
        set_call(call, SYS_getsockname, "getsockname", 3, (long)net_fd(), address, length);
    else
        set_call(call, SYS_getpeername, "getpeername", 3, (long)net_fd(), address, length);
}

/* A level and an option name: mostly real pairs, sometimes anything. */
static void any_option(long *level, long *name)
{
    switch (below(8)) {
    case 0:
        *level = IPPROTO_TCP;
        *name = (long)PICK(TCP_NODELAY, TCP_MAXSEG, 3, 999);
        return;
    case 1:
        *level = IPPROTO_IP;
        *name = (long)PICK(IP_TTL, IP_TOS, 0, 999);
        return;
    case 2:
        *level = (long)PICK(IPPROTO_UDP, IPPROTO_ICMP, 255, rng());
        *name = (long)rng() & 0xff;
        return;
    default:
        *level = SOL_SOCKET;
        *name = (long)PICK(SO_REUSEADDR, SO_TYPE, SO_ERROR, SO_BROADCAST, SO_SNDBUF, SO_RCVBUF, SO_KEEPALIVE,
                           SO_LINGER, SO_RCVTIMEO, SO_SNDTIMEO, SO_ACCEPTCONN, SO_PROTOCOL, SO_DOMAIN, SO_REUSEPORT,
                           SO_OOBINLINE, 0, 99);
    }
}

/* An option's value: an int, a linger, a timeval, or junk; its length. */
static long option_value(long *length)
{
    if (chance(8)) {
        *length = 4;
        return (long)bad_pointer();
    }
    uint32_t *value = (uint32_t *)safe_buffer(16);
    value[0] = chance(60) ? PICK(0, 1, 2, 64, 255, 256, 1460, 65536) : rng();
    value[1] = chance(60) ? PICK(0, 1, 999999, 1000000) : rng();
    value[2] = rng();
    value[3] = rng();
    *length = (long)PICK(4, 4, 8, 8, 16, 0, 1, 3, 0x7fffffff);
    if (*length > 16)
        return (long)bad_pointer();
    return (long)value;
}

static void make_setsockopt(struct call *call)
{
    long level, name, length;
    any_option(&level, &name);
    long value = option_value(&length);
    set_call(call, SYS_setsockopt, "setsockopt", 5, (long)net_fd(), level, name, value, length);
}

static void make_getsockopt(struct call *call)
{
    long level, name;
    any_option(&level, &name);
    uint32_t room = 16;
    uint32_t value = out_pointer(&room);
    socklen_t *length = (socklen_t *)safe_buffer(sizeof *length);
    *length = chance(85) ? room : PICK(0, 1, 3, 0x7fffffff);
    if (*length > room)
        value = bad_pointer();
    long length_pointer = chance(8) ? (long)bad_pointer() : (long)length;
    set_call(call, SYS_getsockopt, "getsockopt", 5, (long)net_fd(), level, name, (long)value, length_pointer);
}

/* ---- loopback traffic, through the libc ------------------------------- */

static void fill_random(uint8_t *bytes, uint32_t size)
{
    for (uint32_t i = 0; i < size; i++)
        bytes[i] = (uint8_t)rng();
}

static socklen_t loopback(struct sockaddr_in *address, uint16_t port)
{
    memset(address, 0, sizeof *address);
    address->sin_family = AF_INET;
    address->sin_port = htons(port);
    address->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return sizeof *address;
}

/* A TCP connection over the loopback, never waiting: a listener on a pool
 * port, a non-blocking connect, an accept, random bytes each way; the
 * three sockets go into the pool unless the dice close them. The count of
 * bytes moved, or -errno of the first step that failed. */
static long tcp_traffic(struct call *call)
{
    (void)call;
    static uint8_t bytes[TRAFFIC_BYTES_MAX];
    struct sockaddr_in address;
    uint16_t port = (uint16_t)(PORT_POOL_FIRST + below(PORT_POOL_SIZE));
    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (listener < 0)
        return -errno;
    fd_opened(listener, FD_SOCKET);
    if (bind(listener, (struct sockaddr *)&address, loopback(&address, port)) < 0 || listen(listener, 2) < 0)
        return -errno;
    int client = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (client < 0)
        return -errno;
    fd_opened(client, FD_SOCKET);
    if (connect(client, (struct sockaddr *)&address, loopback(&address, port)) < 0 && errno != EINPROGRESS)
        return -errno;
    struct pollfd entry = { .fd = listener, .events = POLLIN };
    poll(&entry, 1, TRAFFIC_WAIT_MS);
    int accepted = accept4(listener, NULL, NULL, SOCK_NONBLOCK);
    if (accepted < 0)
        return -errno;
    fd_opened(accepted, FD_SOCKET);
    long moved = 0;
    for (int round = 0; round < 4; round++) {
        uint32_t size = below(TRAFFIC_BYTES_MAX);
        fill_random(bytes, size);
        int from = round & 1 ? accepted : client, to = round & 1 ? client : accepted;
        ssize_t sent = send(from, bytes, size, MSG_NOSIGNAL | MSG_DONTWAIT);
        ssize_t got = recv(to, bytes, sizeof bytes, MSG_DONTWAIT | (chance(20) ? MSG_PEEK : 0));
        moved += (sent > 0 ? sent : 0) + (got > 0 ? got : 0);
    }
    if (chance(30))
        shutdown(PICK(client, accepted), (int)below(3));
    int fds[3] = { listener, client, accepted };
    for (int i = 0; i < 3; i++)
        if (chance(40)) {
            close(fds[i]);
            fd_closed(fds[i]);
        }
    return moved;
}

/* A UDP datagram over the loopback to a pool port, and a receive on a
 * socket bound there (if one could be). */
static long udp_traffic(struct call *call)
{
    (void)call;
    static uint8_t bytes[TRAFFIC_BYTES_MAX];
    struct sockaddr_in address;
    uint16_t port = (uint16_t)(PORT_POOL_FIRST + below(PORT_POOL_SIZE));
    int receiver = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    int sender = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    if (receiver < 0 || sender < 0)
        return -errno;
    fd_opened(receiver, FD_SOCKET);
    fd_opened(sender, FD_SOCKET);
    bind(receiver, (struct sockaddr *)&address, loopback(&address, port));
    uint32_t size = chance(90) ? below(TRAFFIC_BYTES_MAX) : TRAFFIC_BYTES_MAX;
    fill_random(bytes, size);
    ssize_t sent = sendto(sender, bytes, size, 0, (struct sockaddr *)&address, loopback(&address, port));
    ssize_t got = recv(receiver, bytes, below(2) ? sizeof bytes : below(16), chance(30) ? MSG_TRUNC : 0);
    if (chance(50)) {
        close(receiver);
        fd_closed(receiver);
    }
    return (sent > 0 ? sent : 0) + (got > 0 ? got : 0);
}

static void make_tcp_traffic(struct call *call)
{
    call->name = "tcp_traffic";
    call->function = tcp_traffic;
}

static void make_udp_traffic(struct call *call)
{
    call->name = "udp_traffic";
    call->function = udp_traffic;
}

#else
static void make_inet_socket(struct call *call) { (void)call; }
static void make_inet_bind(struct call *call) { (void)call; }
static void make_inet_connect(struct call *call) { (void)call; }
static void make_inet_listen(struct call *call) { (void)call; }
static void make_inet_accept(struct call *call) { (void)call; }
static void make_inet_sendto(struct call *call) { (void)call; }
static void make_inet_recvfrom(struct call *call) { (void)call; }
static void make_inet_shutdown(struct call *call) { (void)call; }
static void make_inet_name(struct call *call) { (void)call; }
static void make_setsockopt(struct call *call) { (void)call; }
static void make_getsockopt(struct call *call) { (void)call; }
static void make_tcp_traffic(struct call *call) { (void)call; }
static void make_udp_traffic(struct call *call) { (void)call; }
#endif

const struct generator net_generators[] = {
    { make_inet_socket, 5 }, { make_inet_bind, 4 }, { make_inet_connect, 3 }, { make_inet_listen, 2 },
    { make_inet_accept, 2 }, { make_inet_sendto, 4 }, { make_inet_recvfrom, 4 }, { make_inet_shutdown, 2 },
    { make_inet_name, 2 }, { make_setsockopt, 4 }, { make_getsockopt, 3 }, { make_tcp_traffic, 3 },
    { make_udp_traffic, 2 },
};
const unsigned net_generator_count = sizeof net_generators / sizeof net_generators[0];

/* tests/boot/net_getsockname_and_getpeername_name_both_ends.c - the
 * addresses of Internet sockets, as on Linux: a socket not bound is
 * 0.0.0.0:0 and has no peer (ENOTCONN); connect binds the client to
 * 127.0.0.1 on an ephemeral port (32768..60999); the client's name is the
 * accepted socket's peer and accept's address, and the other way round; a
 * listener on INADDR_ANY accepts connections named 127.0.0.1 on its port;
 * an address buffer too small is filled to its size and the length says
 * 16; a UDP socket's connect gives it a peer. */
#include "boot_net.h"

#define EPHEMERAL_FIRST 32768
#define EPHEMERAL_LAST  60999

struct name {
    unsigned address;                    /* host byte order */
    unsigned short port;
    int result, error;
    socklen_t length;
};

static struct name name_of(int fd, int peer)
{
    struct sockaddr_in address;
    memset(&address, 0xee, sizeof address);
    struct name name = { 0, 0, 0, 0, sizeof address };
    errno = 0;
    name.result = (peer ? getpeername : getsockname)(fd, (struct sockaddr *)&address, &name.length);
    name.error = errno;
    name.address = ntohl(address.sin_addr.s_addr);
    name.port = ntohs(address.sin_port);
    if (name.result == 0)
        CHECK_EQ(AF_INET, address.sin_family, "the family of a socket's name");
    return name;
}

static void unbound_and_unconnected(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct name own = name_of(fd, 0);
    CHECK(own.result == 0 && own.address == 0 && own.port == 0 && own.length == sizeof(struct sockaddr_in),
          "an unbound socket's name: %d, %08x:%u, length %u", own.result, own.address, own.port, own.length);
    struct name peer = name_of(fd, 1);
    CHECK(peer.result == -1 && peer.error == ENOTCONN, "an unconnected socket's peer: %d, errno %d", peer.result,
          peer.error);
    close(fd);
    fd = socket(AF_INET, SOCK_DGRAM, 0);
    peer = name_of(fd, 1);
    CHECK(peer.result == -1 && peer.error == ENOTCONN, "an unconnected UDP socket's peer: errno %d", peer.error);
    close(fd);
}

static void both_ends_of_a_connection(void)
{
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address;
    loopback_address(&address, 0);
    address.sin_addr.s_addr = htonl(INADDR_ANY);
    CHECK_EQ(0, bind(listener, (struct sockaddr *)&address, sizeof address), "bind to INADDR_ANY");
    listen(listener, 4);
    struct name listening = name_of(listener, 0);
    CHECK(listening.address == INADDR_ANY && listening.port >= EPHEMERAL_FIRST && listening.port <= EPHEMERAL_LAST,
          "the listener's name %08x:%u", listening.address, listening.port);

    int client = tcp_connect_to(listening.port);
    struct sockaddr_in from;
    socklen_t from_length = sizeof from;
    int accepted = accept(listener, (struct sockaddr *)&from, &from_length);
    CHECK(client >= 0 && accepted >= 0, "a connection: client %d, accepted %d", client, accepted);
    struct name client_own = name_of(client, 0), client_peer = name_of(client, 1);
    struct name server_own = name_of(accepted, 0), server_peer = name_of(accepted, 1);
    CHECK(client_own.address == INADDR_LOOPBACK && client_own.port >= EPHEMERAL_FIRST &&
          client_own.port <= EPHEMERAL_LAST, "the client's name %08x:%u", client_own.address, client_own.port);
    CHECK(client_peer.address == INADDR_LOOPBACK && client_peer.port == listening.port,
          "the client's peer %08x:%u", client_peer.address, client_peer.port);
    CHECK(server_own.address == INADDR_LOOPBACK && server_own.port == listening.port,
          "the accepted socket's name %08x:%u", server_own.address, server_own.port);
    CHECK(server_peer.address == client_own.address && server_peer.port == client_own.port,
          "the accepted socket's peer %08x:%u, the client is %08x:%u", server_peer.address, server_peer.port,
          client_own.address, client_own.port);
    CHECK_EQ(sizeof from, from_length, "accept's address length");
    CHECK(ntohl(from.sin_addr.s_addr) == INADDR_LOOPBACK && ntohs(from.sin_port) == client_own.port,
          "accept's address %08x:%u", ntohl(from.sin_addr.s_addr), ntohs(from.sin_port));

    /* a buffer of 4 bytes: family and port, and the length says 16 */
    unsigned char small[8];
    memset(small, 0xee, sizeof small);
    socklen_t length = 4;
    CHECK_EQ(0, getpeername(client, (struct sockaddr *)small, &length), "getpeername into 4 bytes");
    CHECK_EQ(sizeof(struct sockaddr_in), length, "the length it says");
    CHECK(small[4] == 0xee, "getpeername wrote past the 4 bytes it was given");
    CHECK_EQ(listening.port, (small[2] << 8) | small[3], "the port in the 4 bytes");
    close(accepted);
    close(client);
    close(listener);
}

static void a_udp_connect_gives_a_peer(void)
{
    unsigned short port = 0;
    int server = loopback_socket(SOCK_DGRAM, 0, &port);
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in address;
    CHECK_EQ(0, connect(fd, (struct sockaddr *)&address, loopback_address(&address, port)), "connect UDP");
    struct name own = name_of(fd, 0), peer = name_of(fd, 1);
    CHECK(own.address == INADDR_LOOPBACK && own.port >= EPHEMERAL_FIRST && own.port <= EPHEMERAL_LAST,
          "the UDP socket's name after connect %08x:%u", own.address, own.port);
    CHECK(peer.result == 0 && peer.address == INADDR_LOOPBACK && peer.port == port,
          "the UDP socket's peer %08x:%u", peer.address, peer.port);
    close(fd);
    close(server);
}

static void cases(void)
{
    unbound_and_unconnected();
    both_ends_of_a_connection();
    a_udp_connect_gives_a_peer();
}

int main(void)
{
    run_net_cases_checking_leaks(cases);
    return test_finish("net_getsockname_and_getpeername_name_both_ends");
}

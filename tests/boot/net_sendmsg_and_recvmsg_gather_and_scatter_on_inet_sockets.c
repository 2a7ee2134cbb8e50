/* sendmsg and recvmsg on Internet sockets, as on Linux: a UDP datagram
 * is gathered from several buffers into one and scattered back over
 * several (MSG_TRUNC in msg_flags when it was longer than all of them,
 * with its sender in msg_name); TCP bytes go out of and come into several
 * buffers in order; writev and readv do the same; no ancillary data
 * comes back (msg_controllen 0); SCM_RIGHTS is a local socket's and is
 * ignored (the datagram goes, no descriptor with it); another SOL_SOCKET
 * type, or a control message that lies about its length, is EINVAL; more
 * than IOV_MAX buffers EMSGSIZE. */
#include <limits.h>
#include <sys/uio.h>

#include "boot_net.h"

#define WAIT_MS 2000

static void udp_gathers_and_scatters(void)
{
    unsigned short port = 0;
    int receiver = loopback_socket(SOCK_DGRAM, 0, &port);
    int sender = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in to;
    socklen_t to_length = loopback_address(&to, port);
    struct iovec out[3] = { { "one,", 4 }, { "", 0 }, { "two,three", 9 } };
    struct msghdr message = { 0 };
    message.msg_name = &to;
    message.msg_namelen = to_length;
    message.msg_iov = out;
    message.msg_iovlen = 3;
    CHECK_EQ(13, sendmsg(sender, &message, 0), "sendmsg of a datagram from three buffers");
    CHECK(poll_one(receiver, POLLIN, WAIT_MS) & POLLIN, "the datagram came");
    char a[5] = { 0 }, b[5] = { 0 };
    struct iovec in[2] = { { a, 4 }, { b, 4 } };
    struct sockaddr_in from;
    char control[64];
    struct msghdr got = { 0 };
    got.msg_name = &from;
    got.msg_namelen = sizeof from;
    got.msg_iov = in;
    got.msg_iovlen = 2;
    got.msg_control = control;
    got.msg_controllen = sizeof control;
    CHECK_EQ(8, recvmsg(receiver, &got, MSG_DONTWAIT), "recvmsg fills both buffers");
    CHECK(memcmp(a, "one,", 4) == 0 && memcmp(b, "two,", 4) == 0, "in order: \"%s\" \"%s\"", a, b);
    CHECK(got.msg_flags & MSG_TRUNC, "MSG_TRUNC: the datagram was longer, flags %#x", got.msg_flags);
    CHECK_EQ(0, got.msg_controllen, "no ancillary data");
    CHECK_EQ(sizeof from, got.msg_namelen, "the sender's address length");
    CHECK_EQ(local_port_of(sender), ntohs(from.sin_port), "the sender's port");

    /* writev and readv: a datagram all the same */
    CHECK_EQ(0, connect(sender, (struct sockaddr *)&to, to_length), "connect");
    CHECK_EQ(13, writev(sender, out, 3), "writev of a datagram");
    poll_one(receiver, POLLIN, WAIT_MS);
    char whole[20] = { 0 };
    struct iovec three[2] = { { whole, 6 }, { whole + 6, sizeof whole - 6 } };
    CHECK_EQ(13, readv(receiver, three, 2), "readv of the datagram");
    CHECK(memcmp(whole, "one,two,three", 13) == 0, "it came whole: \"%s\"", whole);

    /* descriptors and lying lengths are refused */
    int fd = receiver;
    char rights[CMSG_SPACE(sizeof(int))];
    memset(rights, 0, sizeof rights);
    message.msg_control = rights;
    message.msg_controllen = sizeof rights;
    struct cmsghdr *header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_RIGHTS;
    header->cmsg_len = CMSG_LEN(sizeof fd);
    memcpy(CMSG_DATA(header), &fd, sizeof fd);
    CHECK_EQ(13, sendmsg(sender, &message, 0), "SCM_RIGHTS on UDP: ignored, the datagram goes");
    poll_one(receiver, POLLIN, WAIT_MS);
    got.msg_iov = three;
    got.msg_controllen = sizeof control;
    CHECK_EQ(13, recvmsg(receiver, &got, MSG_DONTWAIT), "it came");
    CHECK_EQ(0, got.msg_controllen, "without a descriptor");
    header->cmsg_type = 99;           /* no such SOL_SOCKET type */
    CHECK_ERROR(sendmsg(sender, &message, 0), EINVAL);
    header->cmsg_type = SCM_RIGHTS;
    header->cmsg_len = sizeof rights + 8;
    CHECK_ERROR(sendmsg(sender, &message, 0), EINVAL);
    message.msg_control = NULL;
    message.msg_controllen = 0;
    message.msg_iovlen = IOV_MAX + 1;
    CHECK_ERROR(sendmsg(sender, &message, 0), EMSGSIZE);
    CHECK_ERROR(recvmsg(receiver, &message, MSG_DONTWAIT), EMSGSIZE);
    close(sender);
    close(receiver);
}

static void tcp_gathers_and_scatters(void)
{
    int client, server;
    tcp_pair(&client, &server);
    struct iovec out[2] = { { "hello, ", 7 }, { "world", 5 } };
    struct msghdr message = { 0 };
    message.msg_iov = out;
    message.msg_iovlen = 2;
    CHECK_EQ(12, sendmsg(client, &message, 0), "sendmsg of bytes from two buffers");
    char buffer[16] = { 0 };
    int total = 0;
    for (int tries = 0; tries < 10 && total < 12; tries++) {
        poll_one(server, POLLIN, WAIT_MS);
        char small[5] = { 0 };
        struct iovec in[2] = { { small, 3 }, { buffer + total + 3, sizeof buffer - total - 4 } };
        struct msghdr got = { 0 };
        got.msg_iov = in;
        got.msg_iovlen = 2;
        ssize_t n = recvmsg(server, &got, MSG_DONTWAIT);
        if (n <= 0)
            break;
        memcpy(buffer + total, small, n < 3 ? n : 3);
        total += (int)n;
        CHECK_EQ(0, got.msg_controllen, "no ancillary data on TCP");
    }
    CHECK_EQ(12, total, "every byte came");
    CHECK(memcmp(buffer, "hello, world", 12) == 0, "in order: \"%s\"", buffer);
    close(client);
    close(server);
}

static void cases(void)
{
    udp_gathers_and_scatters();
    tcp_gathers_and_scatters();
}

int main(void)
{
    run_net_cases_checking_leaks(cases);
    return test_finish("net_sendmsg_and_recvmsg_gather_and_scatter_on_inet_sockets");
}

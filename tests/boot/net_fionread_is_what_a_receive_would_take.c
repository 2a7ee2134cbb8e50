/* net_fionread_is_what_a_receive_would_take: ioctl(FIONREAD) (SIOCINQ)
 * on a socket, as on Linux:
 *   - a stream (AF_UNIX or TCP): the bytes unread, whoever sent them and
 *     in how many writes; 0 at the sending end;
 *   - a datagram socket (AF_UNIX or UDP): the length of the next
 *     datagram alone, 0 with none;
 *   - a listening socket: EINVAL.
 * It passes on Linux too (tools/linux-check). */
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "boot_net.h"

static int unread(int fd)
{
    int count = -12345;
    CHECK_EQ(0, ioctl(fd, FIONREAD, &count), "ioctl(FIONREAD)");
    return count;
}

static void local_sockets(void)
{
    int pair[2];
    CHECK_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, pair), "stream socketpair");
    CHECK_EQ(0, unread(pair[1]), "nothing sent");
    CHECK_EQ(4, write(pair[0], "abcd", 4), "write 4");
    CHECK_EQ(2, write(pair[0], "ef", 2), "write 2");
    CHECK_EQ(6, unread(pair[1]), "a stream: 6 bytes from two writes");
    CHECK_EQ(0, unread(pair[0]), "the sending end: 0");
    char buffer[16];
    CHECK_EQ(5, read(pair[1], buffer, 5), "read 5");
    CHECK_EQ(1, unread(pair[1]), "1 left");
    close(pair[0]);
    close(pair[1]);

    CHECK_EQ(0, socketpair(AF_UNIX, SOCK_DGRAM, 0, pair), "datagram socketpair");
    CHECK_EQ(0, unread(pair[1]), "no datagram");
    CHECK_EQ(3, write(pair[0], "one", 3), "send 3");
    CHECK_EQ(10, write(pair[0], "0123456789", 10), "send 10");
    CHECK_EQ(3, unread(pair[1]), "the next datagram's 3, not 13");
    CHECK_EQ(3, read(pair[1], buffer, sizeof buffer), "take it");
    CHECK_EQ(10, unread(pair[1]), "then 10");
    close(pair[0]);
    close(pair[1]);

    int listener = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un name = { .sun_family = AF_UNIX, .sun_path = "/tmp/fionread_listener" };
    unlink(name.sun_path);
    CHECK_EQ(0, bind(listener, (struct sockaddr *)&name, sizeof name), "bind");
    CHECK_EQ(0, listen(listener, 1), "listen");
    int count;
    CHECK_ERROR(ioctl(listener, FIONREAD, &count), EINVAL);
    close(listener);
    unlink(name.sun_path);
}

static void internet_sockets(void)
{
    int client, accepted;
    tcp_pair(&client, &accepted);
    CHECK_EQ(0, unread(accepted), "TCP: nothing sent");
    CHECK_EQ(5, write(client, "hello", 5), "write 5");
    CHECK_EQ(4, write(client, " you", 4), "write 4");
    for (int i = 0; i < 100 && unread(accepted) < 9; i++)
        usleep(20000);                /* the second segment waits for the first's ACK (Nagle) */
    CHECK_EQ(9, unread(accepted), "TCP: 9 bytes from two writes");
    char buffer[16];
    CHECK_EQ(9, read(accepted, buffer, sizeof buffer), "read them");
    CHECK_EQ(0, unread(accepted), "none left");
    close(client);
    close(accepted);

    unsigned short port = 0;
    int listener = tcp_listener(1, &port);
    int count;
    CHECK_ERROR(ioctl(listener, FIONREAD, &count), EINVAL);
    close(listener);

    int receiver = loopback_socket(SOCK_DGRAM, 0, &port);
    int sender = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in to;
    socklen_t length = loopback_address(&to, port);
    CHECK_EQ(0, unread(receiver), "UDP: no datagram");
    CHECK_EQ(4, sendto(sender, "four", 4, 0, (struct sockaddr *)&to, length), "send 4");
    CHECK_EQ(8, sendto(sender, "eight by", 8, 0, (struct sockaddr *)&to, length), "send 8");
    CHECK_EQ(1, poll_one(receiver, POLLIN, 2000), "readable");
    CHECK_EQ(4, unread(receiver), "UDP: the next datagram's 4");
    CHECK_EQ(4, recv(receiver, buffer, sizeof buffer, 0), "take it");
    CHECK_EQ(8, unread(receiver), "then 8");
    close(sender);
    close(receiver);
}

int main(void)
{
    local_sockets();
    internet_sockets();
    return test_finish("net_fionread_is_what_a_receive_would_take");
}

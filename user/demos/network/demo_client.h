/* user/demos/network/demo_client.h - what the network demos' clients
 * share: which server to call by default, and connecting to a server that
 * may still be starting up.
 *
 * Under tools/run-pair the server is the other machine, 10.0.3.1, on the
 * cable's network 10.0.3.0/24; anywhere else it is this machine. */
#ifndef USER_DEMOS_NETWORK_DEMO_CLIENT_H
#define USER_DEMOS_NETWORK_DEMO_CLIENT_H

#include <arpa/inet.h>
#include <errno.h>
#include <kernel.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#define PAIR_NETWORK      0x0a000300u  /* 10.0.3.0/24: tools/run-pair's cable */
#define PAIR_NETWORK_MASK 0xffffff00u
#define PAIR_SERVER       "10.0.3.1"

/* The server of a two-machine run if this machine is on its cable, else
 * 127.0.0.1. */
static inline const char *default_server(void)
{
    struct kinfo_net_interface interfaces[4];
    int bytes = kinfo(KINFO_NET_INTERFACES, interfaces, sizeof interfaces);
    for (int i = 0; bytes > 0 && i < bytes / (int)sizeof interfaces[0]; i++)
        if ((ntohl(interfaces[i].address) & PAIR_NETWORK_MASK) == PAIR_NETWORK)
            return PAIR_SERVER;
    return "127.0.0.1";
}

/* A TCP connection to `address`, trying `tries` times `pause_us` apart
 * while the server refuses (it may not be listening yet): the descriptor,
 * or -1 with errno. */
static inline int connect_with_retries(const struct sockaddr_in *address, int tries, unsigned pause_us)
{
    for (int try = 0; try < tries; try++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0)
            return -1;
        if (connect(fd, (const struct sockaddr *)address, sizeof *address) == 0)
            return fd;
        int error = errno;
        close(fd);
        errno = error;
        if (error != ECONNREFUSED)
            return -1;
        usleep(pause_us);
    }
    return -1;                         /* errno: ECONNREFUSED */
}

#endif

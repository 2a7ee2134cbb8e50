/* tests/boot/boot_socket.h - what the socket_ tests share: the address of
 * a socket in the file system, a datagram socket bound to one and
 * connected to another, and sending one descriptor (SCM_RIGHTS). */
#ifndef TESTS_BOOT_BOOT_SOCKET_H
#define TESTS_BOOT_BOOT_SOCKET_H

#include <stddef.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>

#include "boot_test.h"

/* Fills *address with the AF_UNIX address of `path` and returns its
 * length, the path's NUL included (what bind, connect and sendto take). */
static inline socklen_t unix_socket_address(struct sockaddr_un *address, const char *path)
{
    memset(address, 0, sizeof *address);
    address->sun_family = AF_UNIX;
    strcpy(address->sun_path, path);
    return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1);
}

/* An AF_UNIX datagram socket bound to `path` (unlinked first, if a
 * socket of an earlier run is there). */
static inline int bound_datagram_socket(const char *path)
{
    int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
    CHECK(fd >= 0, "socket(AF_UNIX, SOCK_DGRAM): %s", strerror(errno));
    struct sockaddr_un address;
    socklen_t length = unix_socket_address(&address, path);
    unlink(path);
    CHECK(bind(fd, (struct sockaddr *)&address, length) == 0, "bind %s: %s", path, strerror(errno));
    return fd;
}

/* Connects `fd` to the socket bound to `path`. */
static inline void connect_to_path(int fd, const char *path)
{
    struct sockaddr_un address;
    socklen_t length = unix_socket_address(&address, path);
    CHECK(connect(fd, (struct sockaddr *)&address, length) == 0, "connect to %s: %s", path, strerror(errno));
}

/* Sends `fd` with one byte "m" over `via` (SCM_RIGHTS): sendmsg's
 * result, 1, or -1 with errno. */
static inline ssize_t send_descriptor(int via, int fd)
{
    char control[CMSG_SPACE(sizeof(int))];
    memset(control, 0, sizeof control);
    struct iovec data = { "m", 1 };
    struct msghdr message = { 0 };
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    struct cmsghdr *header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_RIGHTS;
    header->cmsg_len = CMSG_LEN(sizeof fd);
    memcpy(CMSG_DATA(header), &fd, sizeof fd);
    return sendmsg(via, &message, 0);
}

/* Receives the one-byte message send_descriptor sent over `via`: the
 * descriptor it carried, or -1 (none, or recvmsg failed: errno). */
static inline int receive_descriptor(int via)
{
    char control[CMSG_SPACE(sizeof(int))];
    char byte;
    struct iovec data = { &byte, 1 };
    struct msghdr message = { 0 };
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    if (recvmsg(via, &message, MSG_DONTWAIT) != 1)
        return -1;
    struct cmsghdr *header = CMSG_FIRSTHDR(&message);
    if (!header || header->cmsg_type != SCM_RIGHTS || header->cmsg_len != CMSG_LEN(sizeof(int)))
        return -1;
    int fd;
    memcpy(&fd, CMSG_DATA(header), sizeof fd);
    return fd;
}

#endif

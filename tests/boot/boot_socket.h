/* tests/boot/boot_socket.h - what the socket_ tests share: the address of
 * a socket in the file system. */
#ifndef TESTS_BOOT_BOOT_SOCKET_H
#define TESTS_BOOT_BOOT_SOCKET_H

#include <stddef.h>
#include <sys/socket.h>
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

#endif

/* libc/socket/socket.c - the socket calls, for local and Internet
 * sockets alike. send and recv are sendto and recvfrom without an
 * address; accept is accept4 without flags. */
#include <sys/socket.h>

#include "../syscall.h"
#include "../thread/thread_internal.h"

int socket(int domain, int type, int protocol)
{
    return syscall_result(syscall3(SYS_socket, domain, type, protocol));
}

/* Two sockets connected to each other, in fds[0] and fds[1]. */
int socketpair(int domain, int type, int protocol, int fds[2])
{
    return syscall_result(syscall4(SYS_socketpair, domain, type, protocol, (long)fds));
}

/* Names the socket: creates a socket node at the address's path. */
int bind(int fd, const struct sockaddr *address, socklen_t length)
{
    return syscall_result(syscall3(SYS_bind, fd, (long)address, (long)length));
}

int listen(int fd, int backlog)
{
    return syscall_result(syscall2(SYS_listen, fd, backlog));
}

/* Waits for a connection; returns a new descriptor for it. */
int accept4(int fd, struct sockaddr *address, socklen_t *length, int flags)
{
    return syscall_result(cancel_point_result(syscall4(cancel_point_number(SYS_accept),
                                                       fd, (long)address, (long)length, flags)));
}

int accept(int fd, struct sockaddr *address, socklen_t *length)
{
    return accept4(fd, address, length, 0);
}

int connect(int fd, const struct sockaddr *address, socklen_t length)
{
    return syscall_result(cancel_point_result(syscall3(cancel_point_number(SYS_connect),
                                                       fd, (long)address, (long)length)));
}

int getsockname(int fd, struct sockaddr *address, socklen_t *length)
{
    return syscall_result(syscall3(SYS_getsockname, fd, (long)address, (long)length));
}

int getpeername(int fd, struct sockaddr *address, socklen_t *length)
{
    return syscall_result(syscall3(SYS_getpeername, fd, (long)address, (long)length));
}

ssize_t sendto(int fd, const void *buffer, size_t length, int flags,
               const struct sockaddr *address, socklen_t address_length)
{
    return syscall_result(cancel_point_result(syscall6(cancel_point_number(SYS_sendto),
                                                       fd, (long)buffer, (long)length, flags, (long)address,
                                                       (long)address_length)));
}

ssize_t send(int fd, const void *buffer, size_t length, int flags)
{
    return sendto(fd, buffer, length, flags, 0, 0);
}

ssize_t recvfrom(int fd, void *buffer, size_t length, int flags,
                 struct sockaddr *address, socklen_t *address_length)
{
    return syscall_result(cancel_point_result(syscall6(cancel_point_number(SYS_recvfrom),
                                                       fd, (long)buffer, (long)length, flags, (long)address,
                                                       (long)address_length)));
}

ssize_t recv(int fd, void *buffer, size_t length, int flags)
{
    return recvfrom(fd, buffer, length, flags, 0, 0);
}

int shutdown(int fd, int how)
{
    return syscall_result(syscall2(SYS_shutdown, fd, how));
}

/* Sets the option `name` of `level` (SOL_SOCKET, IPPROTO_TCP, ...) from
 * the `length` bytes at `value`. */
int setsockopt(int fd, int level, int name, const void *value, socklen_t length)
{
    return syscall_result(syscall5(SYS_setsockopt, fd, level, name, (long)value, (long)length));
}

/* Reads an option into `value`; *length is its room, then the bytes stored. */
int getsockopt(int fd, int level, int name, void *value, socklen_t *length)
{
    return syscall_result(syscall5(SYS_getsockopt, fd, level, name, (long)value, (long)length));
}

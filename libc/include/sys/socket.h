/* libc/include/sys/socket.h - sockets: local (AF_UNIX) ones, named by a
 * path in the file system (struct sockaddr_un, in <sys/un.h>), and
 * Internet (AF_INET) ones (struct sockaddr_in, in <netinet/in.h>). The
 * types, constants, options and address structures come from
 * kernel/uapi/socket.h. */
#ifndef LIBC_INCLUDE_SYS_SOCKET_H
#define LIBC_INCLUDE_SYS_SOCKET_H

#include <sys/types.h>
#include <uapi/socket.h>
#include <sys/uio.h>

int socket(int domain, int type, int protocol);
int socketpair(int domain, int type, int protocol, int fds[2]);
int bind(int fd, const struct sockaddr *address, socklen_t length);
int listen(int fd, int backlog);
int accept(int fd, struct sockaddr *address, socklen_t *length);
int accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);
int connect(int fd, const struct sockaddr *address, socklen_t length);
int getsockname(int fd, struct sockaddr *address, socklen_t *length);
int getpeername(int fd, struct sockaddr *address, socklen_t *length);
ssize_t send(int fd, const void *buffer, size_t length, int flags);
ssize_t recv(int fd, void *buffer, size_t length, int flags);
ssize_t sendto(int fd, const void *buffer, size_t length, int flags,
               const struct sockaddr *address, socklen_t address_length);
ssize_t recvfrom(int fd, void *buffer, size_t length, int flags,
                 struct sockaddr *address, socklen_t *address_length);
int shutdown(int fd, int how);

/* messages of many buffers with ancillary data (struct msghdr, cmsghdr,
 * CMSG_*: uapi/socket.h; struct iovec: <sys/uio.h>) */
ssize_t sendmsg(int fd, const struct msghdr *message, int flags);
ssize_t recvmsg(int fd, struct msghdr *message, int flags);
int setsockopt(int fd, int level, int name, const void *value, socklen_t length);
int getsockopt(int fd, int level, int name, void *value, socklen_t *length);

/* 1 when the next byte read from a TCP socket is at its urgent mark, 0
 * when not, -1 with errno (ioctl's SIOCATMARK). */
int sockatmark(int fd);

#endif

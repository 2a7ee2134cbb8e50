/* kernel/subsystems/sockets_calls.h - the system-call handlers of sockets
 * (kernel/subsystems/sockets.c puts them in the table), with their real types.
 * Context: as every handler's (kernel/syscall.h). */
#ifndef KERNEL_SUBSYSTEMS_SOCKETS_CALLS_H
#define KERNEL_SUBSYSTEMS_SOCKETS_CALLS_H

#include <stdint.h>

struct msghdr;

int sys_socket(int domain, int type, int protocol);
int sys_socketpair(int domain, int type, int protocol, int *descriptors);
int sys_bind(int fd, const void *address, uint32_t length);
int sys_listen(int fd, int backlog);
int sys_accept(int fd, void *address, uint32_t *length, int flags);   /* sleeps */
int sys_connect(int fd, const void *address, uint32_t length);   /* sleeps */
int sys_getsockname(int fd, void *address, uint32_t *length);
int sys_getpeername(int fd, void *address, uint32_t *length);
int sys_sendto(int fd, const void *buffer, uint32_t size, int flags, const void *address, uint32_t length);   /* sleeps */
int sys_recvfrom(int fd, void *buffer, uint32_t size, int flags, void *address, uint32_t *length);   /* sleeps */
int sys_shutdown(int fd, int how);
int sys_setsockopt(int fd, int level, int name, const void *value, uint32_t length);
int sys_getsockopt(int fd, int level, int name, void *value, uint32_t *length);
int sys_sendmsg(int fd, const struct msghdr *message, int flags);
int sys_recvmsg(int fd, struct msghdr *message, int flags);

#endif

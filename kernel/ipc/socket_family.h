/* kernel/ipc/socket_family.h - the calls a family of sockets provides
 * behind the BSD socket calls: local sockets (AF_UNIX, kernel/ipc/socket*.c)
 * and Internet sockets (AF_INET, kernel/net/inet_socket.c).
 *
 *   bind(fd, ...) --> socket_syscalls.c: descriptor --> open file
 *                 --> file->operations->socket->bind(file, ...)
 *
 * A file is a socket when its file_operations has a `socket` table: read,
 * write, poll and close go through the file operations as for any file;
 * the socket calls through this table. socket_syscalls.c finds the file
 * (EBADF, ENOTSOCK), holds it across the call (socket_hold,
 * fs/file_hold.h) and calls the family; the family checks everything
 * else. Each call returns 0 (or a count, or a descriptor) or -errno and
 * may sleep unless it says not. A family provides every call (answering
 * EOPNOTSUPP itself where it has no meaning, as AF_UNIX datagram sockets
 * do for listen). */
#ifndef KERNEL_IPC_SOCKET_FAMILY_H
#define KERNEL_IPC_SOCKET_FAMILY_H

#include <stdint.h>

#include "arch/x86/cpu.h"
#include "fs/file_hold.h"
#include "uapi/socket.h"

/* socket(2)'s type argument: the type is its low bits, beside
 * SOCK_NONBLOCK and SOCK_CLOEXEC. A type a family lacks is
 * ESOCKTNOSUPPORT below Linux's SOCK_MAX, EINVAL from it on. */
#define SOCKET_TYPE_MASK  0xf
#define SOCKET_TYPE_LIMIT 11

struct file;
struct socket_control;
struct user_vector;

struct socket_family_operations {
    int (*bind)(struct file *file, const void *user_address, socklen_t length);
    int (*listen)(struct file *file, int backlog);
    /* The new connection's descriptor, with accept4's SOCK_* flags. */
    int (*accept)(struct file *file, void *user_address, socklen_t *user_length, int flags);
    int (*connect)(struct file *file, const void *user_address, socklen_t length);
    int (*getsockname)(struct file *file, void *user_address, socklen_t *user_length);
    int (*getpeername)(struct file *file, void *user_address, socklen_t *user_length);
    int (*sendto)(struct file *file, const void *user_buffer, uint32_t size, int flags,
                  const void *user_address, socklen_t address_length);
    int (*recvfrom)(struct file *file, void *user_buffer, uint32_t size, int flags,
                    void *user_address, socklen_t *user_address_length);
    /* sendmsg/recvmsg, and readv/writev on a socket: the bytes of `data`
     * (already checked: user_vector.h) as one message; sendmsg's
     * control buffer as the user gave it (0 length: none); recvmsg's
     * `control` may be NULL (readv). */
    int (*sendmsg)(struct file *file, const struct user_vector *data, int flags, const void *user_address,
                   socklen_t address_length, const void *user_control, socklen_t control_length);
    int (*recvmsg)(struct file *file, const struct user_vector *data, int flags, void *user_address,
                   socklen_t *user_address_length, struct socket_control *control);
    int (*shutdown)(struct file *file, int how);
    int (*setsockopt)(struct file *file, int level, int name, const void *user_value, socklen_t length);
    int (*getsockopt)(struct file *file, int level, int name, void *user_value, socklen_t *user_length);
};

/* The family of sockets whose file is `file`, or NULL: not a socket. */
#ifdef SUBSYSTEM_SOCKETS
const struct socket_family_operations *socket_family_of(const struct file *file);
#else
static inline const struct socket_family_operations *socket_family_of(const struct file *file)   /* no sockets */
{
    (void)file;
    return 0;
}
#endif

/* Holds the socket behind descriptor `fd` in *socket across a call that
 * may sleep (fs/file_hold.h), its family in *family: 0, or -EBADF (no
 * such descriptor) or -ENOTSOCK (not a socket) with nothing held.
 * socket_unhold lets go. */
int socket_hold(int fd, struct held_file *socket, const struct socket_family_operations **family);

/* The same for `file` (NULL: -EBADF), found already. */
int socket_hold_file(struct file *file, struct held_file *socket, const struct socket_family_operations **family);

/* sendto(2) and recvfrom(2) on `file`, the one the call's descriptor
 * named when the call began (NULL: none, EBADF): sys_sendto's and
 * sys_recvfrom's work after the lookup. A call begun without the big
 * lock goes on with them and its own file (socket_without_big_lock.c,
 * fs/file_without_big_lock.h). Context: a system call with the big lock;
 * may sleep. */
int socket_sendto_file(struct file *file, const void *user_buffer, uint32_t size, int flags,
                       const void *user_address, socklen_t address_length);
int socket_recvfrom_file(struct file *file, void *user_buffer, uint32_t size, int flags, void *user_address,
                         socklen_t *user_address_length);

/* sendmsg(2) and recvmsg(2) on `file`, the same way (socket_message.c). */
int socket_sendmsg_file(struct file *file, const struct msghdr *user_message, int flags);
int socket_recvmsg_file(struct file *file, struct msghdr *user_message, int flags);

/* On several CPUs a local socket's call counts itself a user of the
 * socket with the big lock from socket_hold to socket_unhold
 * (socket_internal.h): socket_hold's and socket_unhold's out-of-line
 * halves. */
void socket_begin_use(struct held_file *socket);
void socket_end_use(struct held_file *socket);

/* Lets go of what socket_hold held and hands back `status`, as
 * descriptor_unhold does (fs/file_hold.h), ending a local socket's use
 * with the big lock first (the file's release may close it). */
static inline int socket_unhold(struct held_file *socket, int status)
{
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0))
        socket_end_use(socket);
    return descriptor_unhold(socket, status);
}

/* The SOL_SOCKET options every family answers alike, for a family's
 * getsockopt: copies the int `value` out as getsockopt(2) does (at most
 * *user_length bytes, then the length). 0 or -EFAULT/-EINVAL. */
int socket_option_put_int(int value, void *user_value, socklen_t *user_length);

/* The same for a value of `size` bytes (a struct linger, a struct ucred,
 * a protocol's option). */
int socket_option_put(const void *value, socklen_t size, void *user_value, socklen_t *user_length);

/* Reads an int option value for setsockopt(2): -EINVAL when `length` is
 * short, -EFAULT on a bad pointer. */
int socket_option_get_int(const void *user_value, socklen_t length, int *value);

/* SO_RCVTIMEO and SO_SNDTIMEO, every family's: a struct timeval into
 * nanoseconds, 0 for "wait for ever" ({0, 0}), SOCKET_TIMEOUT_AT_ONCE for
 * a negative one, which Linux takes as "do not wait"; -EDOM for
 * microseconds outside 0..999999, -EINVAL short, -EFAULT. And back out,
 * as getsockopt copies. */
#define SOCKET_TIMEOUT_AT_ONCE 1      /* ns */
int socket_option_get_timeout(const void *user_value, socklen_t length, uint64_t *timeout_ns);
int socket_option_put_timeout(uint64_t timeout_ns, void *user_value, socklen_t *user_length);

#endif

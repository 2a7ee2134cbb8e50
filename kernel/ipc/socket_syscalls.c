/* kernel/ipc/socket_syscalls.c - the BSD socket calls that act on a
 * socket's descriptor, for every family: find the file, hold it, and call
 * its family (kernel/ipc/socket_family.h).
 *
 *   connect(fd, address, length)
 *     --> socket_hold(fd)                  no file: EBADF
 *                                          not a socket: ENOTSOCK
 *     --> family->connect(file, ...)       AF_UNIX: socket_naming.c
 *                                          AF_INET: kernel/net/inet_socket_calls.c
 *     --> socket_unhold
 *
 * The call may sleep: it holds the file (fs/file_hold.h) so another
 * thread closing the descriptor cannot free the socket under it. On
 * several CPUs a local socket's call also counts itself a user of the
 * socket with the big lock meanwhile, so that read and write without it
 * keep off the connection (socket_internal.h, socket_without_big_lock.c).
 * socket() and socketpair() make sockets and are in socket.c. */
#include "socket_family.h"
#include "socket_internal.h"

#include "arch/x86/cpu.h"
#include "fs/file.h"
#include "fs/file_hold.h"
#include "mm/uaccess.h"
#include "uapi/errno.h"
#include "subsystems/sockets_calls.h"

const struct socket_family_operations *socket_family_of(const struct file *file)
{
    return file->operations->socket;
}

/* (Inlined in the calls below: the socketpair round trip of docs/performance.md
 * goes through it twice.) */
static inline __attribute__((always_inline)) int hold_socket(struct file *file, struct held_file *socket,
                                                            const struct socket_family_operations **family)
{
    if (!file)
        return -EBADF;
    *family = socket_family_of(file);
    if (!*family)
        return -ENOTSOCK;
    file_hold(socket, file);
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0))
        socket_begin_use(socket);
    return 0;
}

inline __attribute__((always_inline)) int socket_hold(int fd, struct held_file *socket,
                                                     const struct socket_family_operations **family)
{
    return hold_socket(descriptor_lookup(fd), socket, family);
}

int socket_hold_file(struct file *file, struct held_file *socket, const struct socket_family_operations **family)
{
    return hold_socket(file, socket, family);
}

/* Out of line, so that socket_hold stays small enough to be inlined in
 * the calls below: one CPU pays a test. */
__attribute__((noinline)) void socket_begin_use(struct held_file *socket)
{
    socket->socket_in_use = socket_of_unix_file(socket->file);
    if (socket->socket_in_use)
        socket_begin_big_lock_use(socket->socket_in_use);
}

__attribute__((noinline)) void socket_end_use(struct held_file *socket)
{
    if (socket->socket_in_use)
        socket_end_big_lock_use(socket->socket_in_use);
}

/* Every call below has one shape: hold the descriptor's socket (EBADF,
 * ENOTSOCK); then its family works (the call may sleep) and the socket
 * is let go, with the family's answer. */
int sys_bind(int fd, const void *user_address, socklen_t length)
{
    struct held_file held;
    const struct socket_family_operations *family;
    int status = socket_hold(fd, &held, &family);
    return status < 0 ? status : socket_unhold(&held, family->bind(held.file, user_address, length));
}

int sys_listen(int fd, int backlog)
{
    struct held_file held;
    const struct socket_family_operations *family;
    int status = socket_hold(fd, &held, &family);
    return status < 0 ? status : socket_unhold(&held, family->listen(held.file, backlog));
}

int sys_accept(int fd, void *user_address, socklen_t *user_length, int flags)
{
    struct held_file held;
    const struct socket_family_operations *family;
    int status = socket_hold(fd, &held, &family);
    return status < 0 ? status : socket_unhold(&held, family->accept(held.file, user_address, user_length, flags));
}

int sys_connect(int fd, const void *user_address, socklen_t length)
{
    struct held_file held;
    const struct socket_family_operations *family;
    int status = socket_hold(fd, &held, &family);
    return status < 0 ? status : socket_unhold(&held, family->connect(held.file, user_address, length));
}

int sys_getsockname(int fd, void *user_address, socklen_t *user_length)
{
    struct held_file held;
    const struct socket_family_operations *family;
    int status = socket_hold(fd, &held, &family);
    return status < 0 ? status : socket_unhold(&held, family->getsockname(held.file, user_address, user_length));
}

int sys_getpeername(int fd, void *user_address, socklen_t *user_length)
{
    struct held_file held;
    const struct socket_family_operations *family;
    int status = socket_hold(fd, &held, &family);
    return status < 0 ? status : socket_unhold(&held, family->getpeername(held.file, user_address, user_length));
}

static inline __attribute__((always_inline)) int sendto_file(struct file *file, const void *user_buffer,
                                                            uint32_t size, int flags, const void *user_address,
                                                            socklen_t address_length)
{
    struct held_file held;
    const struct socket_family_operations *family;
    int status = hold_socket(file, &held, &family);
    return status < 0 ? status : socket_unhold(&held, family->sendto(held.file, user_buffer, size, flags,
                                                                         user_address, address_length));
}

static inline __attribute__((always_inline)) int recvfrom_file(struct file *file, void *user_buffer, uint32_t size,
                                                              int flags, void *user_address,
                                                              socklen_t *user_address_length)
{
    struct held_file held;
    const struct socket_family_operations *family;
    int status = hold_socket(file, &held, &family);
    return status < 0 ? status : socket_unhold(&held, family->recvfrom(held.file, user_buffer, size, flags,
                                                                           user_address, user_address_length));
}

int sys_sendto(int fd, const void *user_buffer, uint32_t size, int flags, const void *user_address,
               socklen_t address_length)
{
    return sendto_file(descriptor_lookup(fd), user_buffer, size, flags, user_address, address_length);
}

int sys_recvfrom(int fd, void *user_buffer, uint32_t size, int flags, void *user_address,
                 socklen_t *user_address_length)
{
    return recvfrom_file(descriptor_lookup(fd), user_buffer, size, flags, user_address, user_address_length);
}

int socket_sendto_file(struct file *file, const void *user_buffer, uint32_t size, int flags,
                       const void *user_address, socklen_t address_length)
{
    return sendto_file(file, user_buffer, size, flags, user_address, address_length);
}

int socket_recvfrom_file(struct file *file, void *user_buffer, uint32_t size, int flags, void *user_address,
                         socklen_t *user_address_length)
{
    return recvfrom_file(file, user_buffer, size, flags, user_address, user_address_length);
}

int sys_shutdown(int fd, int how)
{
    struct held_file held;
    const struct socket_family_operations *family;
    int status = socket_hold(fd, &held, &family);
    return status < 0 ? status : socket_unhold(&held, family->shutdown(held.file, how));
}

int sys_setsockopt(int fd, int level, int name, const void *user_value, socklen_t length)
{
    struct held_file held;
    const struct socket_family_operations *family;
    int status = socket_hold(fd, &held, &family);
    return status < 0 ? status
                      : socket_unhold(&held, family->setsockopt(held.file, level, name, user_value, length));
}

int sys_getsockopt(int fd, int level, int name, void *user_value, socklen_t *user_length)
{
    struct held_file held;
    const struct socket_family_operations *family;
    int status = socket_hold(fd, &held, &family);
    return status < 0 ? status
                      : socket_unhold(&held, family->getsockopt(held.file, level, name, user_value, user_length));
}

int socket_option_put(const void *value, socklen_t size, void *user_value, socklen_t *user_length)
{
    int room;
    if (copy_from_user(&room, user_length, sizeof room) < 0)
        return -EFAULT;
    if (room < 0)
        return -EINVAL;
    socklen_t length = (uint32_t)room < size ? (socklen_t)room : size;
    if ((length && copy_to_user(user_value, value, length) < 0) ||
        copy_to_user(user_length, &length, sizeof length) < 0)
        return -EFAULT;
    return 0;
}

int socket_option_put_int(int value, void *user_value, socklen_t *user_length)
{
    return socket_option_put(&value, sizeof value, user_value, user_length);
}

/* struct timeval as i386 programs pass SO_RCVTIMEO and SO_SNDTIMEO (32-bit longs). */
struct option_timeval {
    int32_t seconds;
    int32_t microseconds;
};

#define NS_PER_SECOND           1000000000ull
#define NS_PER_MICROSECOND      1000u
#define MICROSECONDS_PER_SECOND 1000000

int socket_option_get_timeout(const void *user_value, socklen_t length, uint64_t *timeout_ns)
{
    struct option_timeval value;
    if (length < sizeof value)
        return -EINVAL;
    if (copy_from_user(&value, user_value, sizeof value) < 0)
        return -EFAULT;
    if (value.microseconds < 0 || value.microseconds >= MICROSECONDS_PER_SECOND)
        return -EDOM;
    if (value.seconds < 0) {
        *timeout_ns = SOCKET_TIMEOUT_AT_ONCE;
        return 0;
    }
    *timeout_ns = (uint64_t)value.seconds * NS_PER_SECOND + (uint64_t)value.microseconds * NS_PER_MICROSECOND;
    return 0;
}

int socket_option_put_timeout(uint64_t timeout_ns, void *user_value, socklen_t *user_length)
{
    struct option_timeval value = {
        .seconds = (int32_t)(timeout_ns / NS_PER_SECOND),
        .microseconds = (int32_t)(timeout_ns % NS_PER_SECOND / NS_PER_MICROSECOND),
    };
    return socket_option_put(&value, sizeof value, user_value, user_length);
}

int socket_option_get_int(const void *user_value, socklen_t length, int *value)
{
    if (length < sizeof *value)
        return -EINVAL;
    return copy_from_user(value, user_value, sizeof *value) < 0 ? -EFAULT : 0;
}

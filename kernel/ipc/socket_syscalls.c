/* kernel/ipc/socket_syscalls.c - the BSD socket calls that act on a
 * socket's descriptor, for every family: find the file, hold it, and call
 * its family (kernel/ipc/socket_family.h).
 *
 *   connect(fd, address, length)
 *     --> descriptor_lookup(fd)             no file: EBADF
 *     --> file->operations->socket          none: ENOTSOCK
 *     --> family->connect(file, ...)        AF_UNIX: socket_naming.c
 *                                           AF_INET: kernel/net/inet_socket_calls.c
 *
 * A call that may sleep holds the file (fs/file_hold.h) so another thread
 * closing the descriptor cannot free the socket under it. socket() and
 * socketpair() make sockets and are in socket.c. */
#include "socket_family.h"

#include "fs/file.h"
#include "fs/file_hold.h"
#include "mm/uaccess.h"
#include "uapi/errno.h"

const struct socket_family_operations *socket_family_of(const struct file *file)
{
    return file->operations->socket;
}

/* The family of descriptor `fd`'s socket and its file in *file, or NULL
 * with -EBADF or -ENOTSOCK in *error. */
static const struct socket_family_operations *family_of_descriptor(int fd, struct file **file, int *error)
{
    *file = descriptor_lookup(fd);
    if (!*file) {
        *error = -EBADF;
        return 0;
    }
    const struct socket_family_operations *family = socket_family_of(*file);
    *error = family ? 0 : -ENOTSOCK;
    return family;
}

/* Every call below has one shape: look the descriptor up, hold its file
 * while the family works (the call may sleep), let go. */
int sys_bind(int fd, const void *user_address, socklen_t length)
{
    struct file *file;
    int status;
    const struct socket_family_operations *family = family_of_descriptor(fd, &file, &status);
    if (!family)
        return status;
    int held = file_hold(file);
    status = family->bind(file, user_address, length);
    file_unhold(file, held);
    return status;
}

int sys_listen(int fd, int backlog)
{
    struct file *file;
    int status;
    const struct socket_family_operations *family = family_of_descriptor(fd, &file, &status);
    if (!family)
        return status;
    int held = file_hold(file);
    status = family->listen(file, backlog);
    file_unhold(file, held);
    return status;
}

int sys_accept(int fd, void *user_address, socklen_t *user_length, int flags)
{
    struct file *file;
    int status;
    const struct socket_family_operations *family = family_of_descriptor(fd, &file, &status);
    if (!family)
        return status;
    int held = file_hold(file);
    status = family->accept(file, user_address, user_length, flags);
    file_unhold(file, held);
    return status;
}

int sys_connect(int fd, const void *user_address, socklen_t length)
{
    struct file *file;
    int status;
    const struct socket_family_operations *family = family_of_descriptor(fd, &file, &status);
    if (!family)
        return status;
    int held = file_hold(file);
    status = family->connect(file, user_address, length);
    file_unhold(file, held);
    return status;
}

int sys_getsockname(int fd, void *user_address, socklen_t *user_length)
{
    struct file *file;
    int status;
    const struct socket_family_operations *family = family_of_descriptor(fd, &file, &status);
    if (!family)
        return status;
    int held = file_hold(file);
    status = family->getsockname(file, user_address, user_length);
    file_unhold(file, held);
    return status;
}

int sys_getpeername(int fd, void *user_address, socklen_t *user_length)
{
    struct file *file;
    int status;
    const struct socket_family_operations *family = family_of_descriptor(fd, &file, &status);
    if (!family)
        return status;
    int held = file_hold(file);
    status = family->getpeername(file, user_address, user_length);
    file_unhold(file, held);
    return status;
}

int sys_sendto(int fd, const void *user_buffer, uint32_t size, int flags, const void *user_address,
               socklen_t address_length)
{
    struct file *file;
    int status;
    const struct socket_family_operations *family = family_of_descriptor(fd, &file, &status);
    if (!family)
        return status;
    int held = file_hold(file);
    status = family->sendto(file, user_buffer, size, flags, user_address, address_length);
    file_unhold(file, held);
    return status;
}

int sys_recvfrom(int fd, void *user_buffer, uint32_t size, int flags, void *user_address,
                 socklen_t *user_address_length)
{
    struct file *file;
    int status;
    const struct socket_family_operations *family = family_of_descriptor(fd, &file, &status);
    if (!family)
        return status;
    int held = file_hold(file);
    status = family->recvfrom(file, user_buffer, size, flags, user_address, user_address_length);
    file_unhold(file, held);
    return status;
}

int sys_shutdown(int fd, int how)
{
    struct file *file;
    int status;
    const struct socket_family_operations *family = family_of_descriptor(fd, &file, &status);
    if (!family)
        return status;
    int held = file_hold(file);
    status = family->shutdown(file, how);
    file_unhold(file, held);
    return status;
}

int sys_setsockopt(int fd, int level, int name, const void *user_value, socklen_t length)
{
    struct file *file;
    int status;
    const struct socket_family_operations *family = family_of_descriptor(fd, &file, &status);
    if (!family)
        return status;
    int held = file_hold(file);
    status = family->setsockopt(file, level, name, user_value, length);
    file_unhold(file, held);
    return status;
}

int sys_getsockopt(int fd, int level, int name, void *user_value, socklen_t *user_length)
{
    struct file *file;
    int status;
    const struct socket_family_operations *family = family_of_descriptor(fd, &file, &status);
    if (!family)
        return status;
    int held = file_hold(file);
    status = family->getsockopt(file, level, name, user_value, user_length);
    file_unhold(file, held);
    return status;
}

int socket_option_put_int(int value, void *user_value, socklen_t *user_length)
{
    int room;
    if (copy_from_user(&room, user_length, sizeof room) < 0)
        return -EFAULT;
    if (room < 0)
        return -EINVAL;
    socklen_t length = (uint32_t)room < sizeof value ? (socklen_t)room : sizeof value;
    if ((length && copy_to_user(user_value, &value, length) < 0) ||
        copy_to_user(user_length, &length, sizeof length) < 0)
        return -EFAULT;
    return 0;
}

int socket_option_get_int(const void *user_value, socklen_t length, int *value)
{
    if (length < sizeof *value)
        return -EINVAL;
    return copy_from_user(value, user_value, sizeof *value) < 0 ? -EFAULT : 0;
}

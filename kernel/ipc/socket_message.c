/* kernel/ipc/socket_message.c - sendmsg and recvmsg for every family:
 * the struct msghdr in and out of user memory, its buffers as a
 * user_vector, its control buffer handed to the family (AF_UNIX:
 * socket_ancillary.c; AF_INET takes none).
 *
 *   sendmsg(fd, msg) --> msghdr, iovecs copied in --> family->sendmsg
 *   recvmsg(fd, msg) --> family->recvmsg --> msg_namelen (by the family),
 *                        msg_controllen = bytes of control written,
 *                        msg_flags = MSG_TRUNC | MSG_CTRUNC
 *   readv/writev on a socket (fs/vector_io.c) --> family->recvmsg/sendmsg
 *                        of the buffers alone (socket_read_vector,
 *                        socket_write_vector)
 *
 * The rules (Linux's ____sys_sendmsg and ____sys_recvmsg):
 *  - more than IOV_MAX buffers is EMSGSIZE (not readv's EINVAL); an
 *    unreadable msghdr or array EFAULT; a control buffer beyond INT_MAX
 *    ENOBUFS; a negative msg_namelen EINVAL before anything is sent or
 *    received; a name longer than sockaddr_storage is cut to it. */
#include "socket_ancillary.h"
#include "socket_family.h"
#include "sockets_for_core.h"

#include "fs/file.h"
#include "fs/file_hold.h"
#include "fs/user_vector.h"
#include "mm/uaccess.h"
#include "uapi/errno.h"

#define NAME_MAX_LENGTH sizeof(struct sockaddr_storage)   /* longer names are cut to this, as Linux */

/* The socket behind `fd` and the msghdr, its buffers fetched. */
static const struct socket_family_operations *message_prepare(int fd, const struct msghdr *user_message,
                                                              struct file **file, struct msghdr *message,
                                                              struct user_vector *data, int *status)
{
    *file = descriptor_lookup(fd);
    if (!*file) {
        *status = -EBADF;
        return 0;
    }
    const struct socket_family_operations *family = socket_family_of(*file);
    if (!family) {
        *status = -ENOTSOCK;
        return 0;
    }
    if (copy_from_user(message, user_message, sizeof *message) < 0) {
        *status = -EFAULT;
        return 0;
    }
    if (!message->msg_name)
        message->msg_namelen = 0;
    if ((int)message->msg_namelen < 0) {
        *status = -EINVAL;            /* Linux's __copy_msghdr: before anything moves */
        return 0;
    }
    if (message->msg_namelen > NAME_MAX_LENGTH)
        message->msg_namelen = NAME_MAX_LENGTH;
    if (message->msg_iovlen > IOV_MAX) {
        *status = -EMSGSIZE;
        return 0;
    }
    if ((*status = user_vector_fetch(data, message->msg_iov, (int)message->msg_iovlen)) < 0)
        return 0;
    return family;
}

int sys_sendmsg(int fd, const struct msghdr *user_message, int flags)
{
    struct file *file;
    struct msghdr message;
    struct user_vector data;
    int status;
    const struct socket_family_operations *family = message_prepare(fd, user_message, &file, &message, &data, &status);
    if (!family)
        return status;
    if (message.msg_controllen > 0x7fffffffu) {
        user_vector_release(&data);
        return -ENOBUFS;
    }
    int held = file_hold(file);           /* it may sleep: fs/file_hold.h */
    status = family->sendmsg(file, &data, flags, message.msg_name, message.msg_namelen, message.msg_control,
                             message.msg_controllen);
    file_unhold(file, held);
    user_vector_release(&data);
    return status;
}

int sys_recvmsg(int fd, struct msghdr *user_message, int flags)
{
    struct file *file;
    struct msghdr message;
    struct user_vector data;
    int status;
    const struct socket_family_operations *family = message_prepare(fd, user_message, &file, &message, &data, &status);
    if (!family)
        return status;
    struct socket_control control = {
        .user_buffer = message.msg_control, .room = message.msg_controllen,
        .close_on_exec = (flags & MSG_CMSG_CLOEXEC) != 0, .wanted = 1,
    };
    int held = file_hold(file);
    status = family->recvmsg(file, &data, flags & ~MSG_CMSG_CLOEXEC, message.msg_name,
                             message.msg_name ? &user_message->msg_namelen : 0, &control);
    file_unhold(file, held);
    user_vector_release(&data);
    if (status < 0)
        return status;
    if (copy_to_user(&user_message->msg_controllen, &control.used, sizeof control.used) < 0 ||
        copy_to_user(&user_message->msg_flags, &control.message_flags, sizeof control.message_flags) < 0)
        return -EFAULT;
    return status;
}

int socket_read_vector(struct file *file, const struct user_vector *data, int *status)
{
    const struct socket_family_operations *family = socket_family_of(file);
    if (!family)
        return 0;
    *status = family->recvmsg(file, data, 0, 0, 0, 0);
    return 1;
}

int socket_write_vector(struct file *file, const struct user_vector *data, int *status)
{
    const struct socket_family_operations *family = socket_family_of(file);
    if (!family)
        return 0;
    *status = family->sendmsg(file, data, 0, 0, 0, 0, 0);
    return 1;
}

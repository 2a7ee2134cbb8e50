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
#include "subsystems/sockets_calls.h"

#define NAME_MAX_LENGTH sizeof(struct sockaddr_storage)   /* longer names are cut to this, as Linux */

/* The msghdr in *message, its buffers fetched into *data: 0, or the
 * error, with nothing fetched. */
static int message_fetch(const struct msghdr *user_message, struct msghdr *message, struct user_vector *data)
{
    if (copy_from_user(message, user_message, sizeof *message) < 0)
        return -EFAULT;
    if (!message->msg_name)
        message->msg_namelen = 0;
    if ((int)message->msg_namelen < 0)
        return -EINVAL;               /* Linux's __copy_msghdr: before anything moves */
    if (message->msg_namelen > NAME_MAX_LENGTH)
        message->msg_namelen = NAME_MAX_LENGTH;
    if (message->msg_iovlen > IOV_MAX)
        return -EMSGSIZE;
    return user_vector_fetch(data, message->msg_iov, (int)message->msg_iovlen);
}

/* sendmsg's work, with the socket held. (Always inline: two callers,
 * and the round trip of docs/performance.md stays as it was.) */
static inline __attribute__((always_inline)) int send_message(struct file *file, const struct socket_family_operations *family,
                        const struct msghdr *user_message, int flags)
{
    struct msghdr message;
    struct user_vector data;
    int status = message_fetch(user_message, &message, &data);
    if (status < 0)
        return status;
    if (message.msg_controllen > 0x7fffffffu)
        status = -ENOBUFS;
    else
        status = family->sendmsg(file, &data, flags, message.msg_name, message.msg_namelen, message.msg_control,
                                 message.msg_controllen);
    user_vector_release(&data);
    return status;
}

/* recvmsg's work, with the socket held; the same. */
static inline __attribute__((always_inline)) int receive_message(struct file *file, const struct socket_family_operations *family,
                           struct msghdr *user_message, int flags)
{
    struct msghdr message;
    struct user_vector data;
    int status = message_fetch(user_message, &message, &data);
    if (status < 0)
        return status;
    struct socket_control control = {
        .user_buffer = message.msg_control, .room = message.msg_controllen,
        .close_on_exec = (flags & MSG_CMSG_CLOEXEC) != 0, .wanted = 1,
    };
    status = family->recvmsg(file, &data, flags & ~MSG_CMSG_CLOEXEC, message.msg_name,
                             message.msg_name ? &user_message->msg_namelen : 0, &control);
    user_vector_release(&data);
    if (status < 0)
        return status;
    if (copy_to_user(&user_message->msg_controllen, &control.used, sizeof control.used) < 0 ||
        copy_to_user(&user_message->msg_flags, &control.message_flags, sizeof control.message_flags) < 0)
        return -EFAULT;
    return status;
}

/* Both hold the descriptor's socket (EBADF, ENOTSOCK) for the call, which
 * may sleep (fs/file_hold.h); the _file ones the socket of a call begun
 * without the big lock (socket_without_big_lock.c). */
int sys_sendmsg(int fd, const struct msghdr *user_message, int flags)
{
    struct held_file held;
    const struct socket_family_operations *family;
    int status = socket_hold(fd, &held, &family);
    return status < 0 ? status : socket_unhold(&held, send_message(held.file, family, user_message, flags));
}

int sys_recvmsg(int fd, struct msghdr *user_message, int flags)
{
    struct held_file held;
    const struct socket_family_operations *family;
    int status = socket_hold(fd, &held, &family);
    return status < 0 ? status : socket_unhold(&held, receive_message(held.file, family, user_message, flags));
}

int socket_sendmsg_file(struct file *file, const struct msghdr *user_message, int flags)
{
    struct held_file held;
    const struct socket_family_operations *family;
    int status = socket_hold_file(file, &held, &family);
    return status < 0 ? status : socket_unhold(&held, send_message(held.file, family, user_message, flags));
}

int socket_recvmsg_file(struct file *file, struct msghdr *user_message, int flags)
{
    struct held_file held;
    const struct socket_family_operations *family;
    int status = socket_hold_file(file, &held, &family);
    return status < 0 ? status : socket_unhold(&held, receive_message(held.file, family, user_message, flags));
}

/* readv and writev reach the family without socket_hold (vector_io.c
 * holds the file): on several CPUs they count themselves users of a
 * local socket with the big lock here, as socket_hold's calls do. */
int socket_read_vector(struct file *file, const struct user_vector *data, int *status)
{
    const struct socket_family_operations *family = socket_family_of(file);
    if (!family)
        return 0;
    struct held_file held = { .file = file };
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0))
        socket_begin_use(&held);
    *status = family->recvmsg(file, data, 0, 0, 0, 0);
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0))
        socket_end_use(&held);
    return 1;
}

int socket_write_vector(struct file *file, const struct user_vector *data, int *status)
{
    const struct socket_family_operations *family = socket_family_of(file);
    if (!family)
        return 0;
    struct held_file held = { .file = file };
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0))
        socket_begin_use(&held);
    *status = family->sendmsg(file, data, 0, 0, 0, 0, 0);
    if (__builtin_expect(big_kernel_lock_in_use != 0, 0))
        socket_end_use(&held);
    return 1;
}

/* kernel/net/inet_socket_message.c - sendmsg and recvmsg (and readv,
 * writev) of Internet sockets: the family's sendmsg/recvmsg calls
 * (ipc/socket_family.h).
 *
 *   one buffer            --> sendto / recvfrom, as for send and recv
 *   a stream, several     --> one sendto or recvfrom per buffer, in order
 *   a datagram, several   --> the protocol's send_vector / receive_vector
 *                             (udp_socket.c, icmp_socket.c): one datagram
 *
 * The rules (Linux's), and where they live:
 *  - A stream send ends at a short count; a stream receive goes on to
 *    the next buffer only while bytes are there (it never waits for a
 *    second buffer's).                                     -> inet_sendmsg, inet_recvmsg
 *  - No ancillary data comes back (msg_controllen 0). A control message
 *    that does not fit is EINVAL; SCM_RIGHTS and SCM_CREDENTIALS are
 *    ignored (they are local sockets'); any other SOL_SOCKET type is
 *    EINVAL.                                               -> check_control */
#include "inet_socket.h"

#include "fs/file.h"
#include "fs/user_vector.h"
#include "ipc/socket_ancillary.h"
#include "ipc/socket_family.h"
#include "mm/uaccess.h"
#include "uapi/errno.h"
#include "uapi/poll.h"

/* sendmsg's control buffer on an Internet socket, as Linux's
 * __sock_cmsg_send reads it: SCM_RIGHTS and SCM_CREDENTIALS belong to
 * local sockets and are ignored here (no descriptor is taken), another
 * SOL_SOCKET type is EINVAL (none is supported), other levels are
 * skipped, a control message that does not fit is EINVAL. */
static int check_control(const void *user_control, socklen_t length)
{
    socklen_t at = 0;
    while (length - at >= sizeof(struct cmsghdr)) {
        struct cmsghdr header;
        if (copy_from_user(&header, (const uint8_t *)user_control + at, sizeof header) < 0)
            return -EFAULT;
        if (header.cmsg_len < sizeof header || header.cmsg_len > length - at)
            return -EINVAL;
        if (header.cmsg_level == SOL_SOCKET && header.cmsg_type != SCM_RIGHTS && header.cmsg_type != SCM_CREDENTIALS)
            return -EINVAL;
        if (CMSG_ALIGN(header.cmsg_len) > length - at)
            break;
        at += CMSG_ALIGN(header.cmsg_len);
    }
    return 0;
}

/* sendmsg: one buffer is sendto's case. A stream takes several one
 * after the other (a short count ends it); a datagram is gathered from
 * them by its protocol (send_vector). */
int inet_sendmsg(struct file *file, const struct user_vector *data, int flags, const void *user_address,
                        socklen_t address_length, const void *user_control, socklen_t control_length)
{
    struct inet_socket *socket = file->object;
    int status = check_control(user_control, control_length);
    if (status < 0)
        return status;
    const struct iovec *only = 0;
    unsigned nonempty = 0;
    for (unsigned i = 0; i < data->count; i++)
        if (data->segments[i].iov_len && !nonempty++)
            only = &data->segments[i];
    if (nonempty <= 1)
        return inet_family_operations.sendto(file, only ? only->iov_base : 0, only ? only->iov_len : 0, flags,
                                            user_address, address_length);
    if (socket->type != SOCK_STREAM)
        return inet_socket_send_datagram_vector(file, data, flags, user_address, address_length);
    uint32_t sent = 0;
    for (unsigned i = 0; i < data->count; i++) {
        const struct iovec *segment = &data->segments[i];
        if (!segment->iov_len)
            continue;
        status = inet_family_operations.sendto(file, segment->iov_base, segment->iov_len, flags, user_address, address_length);
        if (status < 0)
            return sent ? (int)sent : status;
        sent += (uint32_t)status;
        if ((uint32_t)status < segment->iov_len)
            break;
    }
    return (int)sent;
}

/* recvmsg: a datagram into its buffers (MSG_TRUNC in msg_flags when it
 * was longer); a stream into several, going on to the next only while
 * bytes are there. No ancillary data comes on Internet sockets. */
int inet_recvmsg(struct file *file, const struct user_vector *data, int flags, void *user_address,
                        socklen_t *user_address_length, struct socket_control *control)
{
    struct inet_socket *socket = file->object;
    const struct iovec *only = 0;
    unsigned nonempty = 0;
    for (unsigned i = 0; i < data->count; i++)
        if (data->segments[i].iov_len && !nonempty++)
            only = &data->segments[i];
    if (nonempty <= 1) {
        uint32_t room = only ? only->iov_len : 0;
        if (socket->type == SOCK_STREAM) {
            int status = inet_family_operations.recvfrom(file, only ? only->iov_base : 0, room, flags, user_address,
                                                         user_address_length);
            if (status >= 0 && (flags & MSG_OOB) && control)
                control->message_flags |= MSG_OOB;     /* TCP's urgent byte, as Linux says it */
            return status;
        }
        int length = inet_family_operations.recvfrom(file, only ? only->iov_base : 0, room, flags | MSG_TRUNC, user_address,
                                   user_address_length);
        if (length < 0)
            return length;
        if ((uint32_t)length > room && control)
            control->message_flags |= MSG_TRUNC;
        return (flags & MSG_TRUNC) || (uint32_t)length < room ? length : (int)room;
    }
    if (socket->type != SOCK_STREAM)
        return inet_socket_receive_datagram_vector(file, data, flags, user_address, user_address_length, control);
    uint32_t received = 0;
    for (unsigned i = 0; i < data->count; i++) {
        const struct iovec *segment = &data->segments[i];
        if (!segment->iov_len)
            continue;
        if (received && !(file->operations->poll(file, 0) & POLLIN))
            break;                    /* the next buffer only if it would not wait */
        int status = inet_family_operations.recvfrom(file, segment->iov_base, segment->iov_len, flags,
                                   received ? 0 : user_address, user_address_length);
        if (status <= 0)
            return received ? (int)received : status;
        received += (uint32_t)status;
        if ((uint32_t)status < segment->iov_len || (flags & MSG_PEEK))
            break;
    }
    return (int)received;
}

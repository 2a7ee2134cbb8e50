/* kernel/ipc/socket_options.c - setsockopt and getsockopt on local
 * (AF_UNIX) sockets. Their buffers have fixed sizes, so the options they
 * answer are the ones that tell, and the timeouts:
 *
 *   SO_TYPE, SO_DOMAIN, SO_PROTOCOL, SO_ACCEPTCONN   read only
 *   SO_ERROR                                         read, and cleared
 *   SO_SNDBUF, SO_RCVBUF                             read: the ring's size;
 *                                                    set: accepted, size kept
 *   SO_REUSEADDR, SO_KEEPALIVE                       accepted (no meaning for
 *                                                    a path), read back
 *   SO_PASSCRED                                      recvmsg gives SCM_CREDENTIALS
 *   SO_PEERCRED                                      read only: struct ucred of the
 *                                                    peer at connect/socketpair
 *   SO_RCVTIMEO, SO_SNDTIMEO                         struct timeval: how long a
 *                                                    receive or accept, a send or
 *                                                    connect waits (socket_wait)
 *
 * Anything else is ENOPROTOOPT. */
#include "socket_internal.h"
#include "socket_family.h"

#include "uapi/errno.h"

int socket_unix_setsockopt(struct file *file, int level, int name, const void *user_value, socklen_t length)
{
    int status;
    struct socket *socket = socket_of_file(file, &status);
    if (!socket)
        return status;
    if (level != SOL_SOCKET)
        return -ENOPROTOOPT;
    int value;
    switch (name) {
    case SO_RCVTIMEO:
        return socket_option_get_timeout(user_value, length, &socket->receive_timeout_ns);
    case SO_SNDTIMEO:
        return socket_option_get_timeout(user_value, length, &socket->send_timeout_ns);
    case SO_REUSEADDR:
    case SO_KEEPALIVE:
    case SO_SNDBUF:
    case SO_RCVBUF:
    case SO_PASSCRED:
        if ((status = socket_option_get_int(user_value, length, &value)) < 0)
            return status;
        if (name == SO_PASSCRED)
            socket->pass_credentials = value != 0;
        else if (name == SO_REUSEADDR)
            socket->reuse_address = value != 0;
        else if (name == SO_KEEPALIVE)
            socket->keep_alive = value != 0;
        return 0;                     /* buffer sizes: the ring stays SOCKET_STREAM_BUFFER */
    default:
        return -ENOPROTOOPT;          /* the read-only ones too, as Linux */
    }
}

/* SO_PEERCRED: the peer's pid, uid and gid when it connected; pid 0 and
 * ids -1 without one, as Linux. */
static int peer_credentials(const struct socket *socket, void *user_value, socklen_t *user_length)
{
    struct ucred credentials = { 0, (unsigned)-1, (unsigned)-1 };
    if (socket->has_peer_credentials)
        credentials = socket->peer_credentials;
    return socket_option_put(&credentials, sizeof credentials, user_value, user_length);
}

int socket_unix_getsockopt(struct file *file, int level, int name, void *user_value, socklen_t *user_length)
{
    int status;
    struct socket *socket = socket_of_file(file, &status);
    if (!socket)
        return status;
    if (level != SOL_SOCKET)
        return -ENOPROTOOPT;
    int value;
    switch (name) {
    case SO_TYPE:       value = socket->type; break;
    case SO_DOMAIN:     value = AF_UNIX; break;
    case SO_PROTOCOL:   value = 0; break;
    case SO_ACCEPTCONN: value = socket->state == SOCKET_LISTENING; break;
    case SO_REUSEADDR:  value = socket->reuse_address; break;
    case SO_KEEPALIVE:  value = socket->keep_alive; break;
    case SO_PASSCRED:   value = socket->pass_credentials; break;
    case SO_PEERCRED:
        return peer_credentials(socket, user_value, user_length);
    case SO_RCVTIMEO:
        return socket_option_put_timeout(socket->receive_timeout_ns, user_value, user_length);
    case SO_SNDTIMEO:
        return socket_option_put_timeout(socket->send_timeout_ns, user_value, user_length);
    case SO_SNDBUF:
    case SO_RCVBUF:     value = socket->type == SOCK_STREAM ? SOCKET_STREAM_BUFFER : SOCKET_DATAGRAM_MAX; break;
    case SO_ERROR:
        value = socket->pending_error;
        socket->pending_error = 0;
        break;
    default:
        return -ENOPROTOOPT;
    }
    return socket_option_put_int(value, user_value, user_length);
}

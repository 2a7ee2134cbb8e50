/* kernel/net/inet_socket_options.c - setsockopt and getsockopt of
 * Internet sockets: the options every protocol shares, kept in struct
 * inet_socket, and the protocol's own level handed to it.
 *
 *   level        options                              value
 *   SOL_SOCKET   SO_REUSEADDR SO_REUSEPORT (the same   int
 *                here) SO_BROADCAST SO_KEEPALIVE
 *                SO_OOBINLINE (TCP's urgent byte in
 *                the stream, tcp_urgent.c)
 *                SO_SNDBUF SO_RCVBUF (doubled, as      int
 *                Linux: room for bookkeeping)
 *                SO_LINGER                            struct linger
 *                SO_RCVTIMEO SO_SNDTIMEO              struct timeval (32-bit)
 *                SO_TYPE SO_ERROR SO_ACCEPTCONN       int, read only
 *                SO_PROTOCOL SO_DOMAIN
 *   IPPROTO_IP   IP_TTL (-1: the default, 64)          int 1..255
 *   IPPROTO_TCP  the protocol's set_option/get_option
 *
 * The rules (Linux's, net/core/sock.c): a value shorter than its type is
 * EINVAL; a timeval's microseconds outside 0..999999 are EDOM, a zero
 * timeout waits for ever, a negative one not at all; getsockopt copies at
 * most the length given and writes back the length copied; an unknown
 * option or level, or setting a read-only one, is ENOPROTOOPT. */
#include "inet_socket.h"
#include "net_interface.h"

#include "fs/file.h"
#include "ipc/socket_family.h"
#include "ipv4.h"
#include "mm/uaccess.h"
#include "uapi/errno.h"

#define OPTION_VALUE_MAX   64         /* the longest protocol option value copied in or out */
#define TTL_MAX            255
#define TTL_DEFAULT_ASKED  (-1)       /* IP_TTL -1: back to the default */

/* A buffer size asked for, as Linux keeps it: doubled, within bounds. */
static unsigned buffer_size(int asked)
{
    if (asked < 0 || asked > INET_BUFFER_MAX / 2)
        return INET_BUFFER_MAX;
    unsigned doubled = (unsigned)asked * 2;
    return doubled < INET_BUFFER_MIN ? INET_BUFFER_MIN : doubled;
}

static int set_socket_level(struct inet_socket *socket, int name, const void *user_value, socklen_t length)
{
    int status, value;
    switch (name) {
    case SO_LINGER: {
        struct linger linger;
        if (length < sizeof linger)
            return -EINVAL;
        if (copy_from_user(&linger, user_value, sizeof linger) < 0)
            return -EFAULT;
        socket->linger_on = linger.l_onoff != 0;
        socket->linger_seconds = linger.l_linger < 0 ? 0 : linger.l_linger;
        return 0;
    }
    case SO_RCVTIMEO:
        return socket_option_get_timeout(user_value, length, &socket->receive_timeout_ns);
    case SO_SNDTIMEO:
        return socket_option_get_timeout(user_value, length, &socket->send_timeout_ns);
    case SO_REUSEADDR:
    case SO_REUSEPORT:
    case SO_BROADCAST:
    case SO_KEEPALIVE:
    case SO_OOBINLINE:
    case SO_SNDBUF:
    case SO_RCVBUF:
        break;
    default:
        return -ENOPROTOOPT;          /* the read-only ones too, as Linux */
    }
    if ((status = socket_option_get_int(user_value, length, &value)) < 0)
        return status;
    switch (name) {
    case SO_REUSEADDR:
    case SO_REUSEPORT: socket->reuse_address = value != 0; break;
    case SO_BROADCAST: socket->broadcast = value != 0; break;
    case SO_KEEPALIVE: socket->keep_alive = value != 0; break;
    case SO_OOBINLINE: socket->urgent_inline = value != 0; break;
    case SO_SNDBUF:    socket->send_buffer = buffer_size(value); break;
    case SO_RCVBUF:    socket->receive_buffer = buffer_size(value); break;
    }
    return 0;
}

static int set_ip_level(struct inet_socket *socket, int name, const void *user_value, socklen_t length)
{
    if (name != IP_TTL)
        return -ENOPROTOOPT;
    int value, status = socket_option_get_int(user_value, length, &value);
    if (status < 0)
        return status;
    if (value == TTL_DEFAULT_ASKED)
        value = IPV4_DEFAULT_TTL;
    if (value < 1 || value > TTL_MAX)
        return -EINVAL;
    socket->ttl = (uint8_t)value;
    return 0;
}

int inet_setsockopt(struct file *file, int level, int name, const void *user_value, socklen_t length)
{
    struct inet_socket *socket = file->object;
    if ((int)length < 0)
        return -EINVAL;
    if (level == SOL_SOCKET)
        return set_socket_level(socket, name, user_value, length);
    if (level == IPPROTO_IP)
        return set_ip_level(socket, name, user_value, length);
    if (level != socket->protocol->protocol || !socket->protocol->set_option)
        return -ENOPROTOOPT;
    uint8_t value[OPTION_VALUE_MAX];
    socklen_t copied = length < sizeof value ? length : sizeof value;
    if (copy_from_user(value, user_value, copied) < 0)
        return -EFAULT;
    int status = socket->protocol->set_option(socket, name, value, copied);
    net_run_pending();                /* TCP_NODELAY may have sent what Nagle held: deliver it now */
    return status;
}

static int get_socket_level(struct inet_socket *socket, int name, void *user_value, socklen_t *user_length)
{
    int value;
    switch (name) {
    case SO_LINGER: {
        struct linger linger = { socket->linger_on, socket->linger_seconds };
        return socket_option_put(&linger, sizeof linger, user_value, user_length);
    }
    case SO_RCVTIMEO:   return socket_option_put_timeout(socket->receive_timeout_ns, user_value, user_length);
    case SO_SNDTIMEO:   return socket_option_put_timeout(socket->send_timeout_ns, user_value, user_length);
    case SO_TYPE:       value = socket->type; break;
    case SO_DOMAIN:     value = AF_INET; break;
    case SO_PROTOCOL:   value = socket->protocol->protocol; break;
    case SO_ACCEPTCONN: value = socket->listening; break;
    case SO_ERROR:      value = inet_socket_take_error(socket); break;
    case SO_REUSEADDR:
    case SO_REUSEPORT:  value = socket->reuse_address; break;
    case SO_BROADCAST:  value = socket->broadcast; break;
    case SO_KEEPALIVE:  value = socket->keep_alive; break;
    case SO_OOBINLINE:  value = socket->urgent_inline; break;
    case SO_SNDBUF:     value = (int)socket->send_buffer; break;
    case SO_RCVBUF:     value = (int)socket->receive_buffer; break;
    default:
        return -ENOPROTOOPT;
    }
    return socket_option_put(&value, sizeof value, user_value, user_length);
}

int inet_getsockopt(struct file *file, int level, int name, void *user_value, socklen_t *user_length)
{
    struct inet_socket *socket = file->object;
    if (level == SOL_SOCKET)
        return get_socket_level(socket, name, user_value, user_length);
    if (level == IPPROTO_IP) {
        if (name != IP_TTL)
            return -ENOPROTOOPT;
        int value = socket->ttl;
        return socket_option_put(&value, sizeof value, user_value, user_length);
    }
    if (level != socket->protocol->protocol || !socket->protocol->get_option)
        return -ENOPROTOOPT;
    int room;
    if (copy_from_user(&room, user_length, sizeof room) < 0)
        return -EFAULT;
    if (room < 0)
        return -EINVAL;
    uint8_t value[OPTION_VALUE_MAX] = { 0 };
    socklen_t length = (socklen_t)room < sizeof value ? (socklen_t)room : sizeof value;
    int status = socket->protocol->get_option(socket, name, value, &length);
    if (status < 0)
        return status;
    return socket_option_put(value, length, user_value, user_length);
}

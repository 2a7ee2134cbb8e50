/* kernel/net/icmp_socket.c - ping sockets: socket(AF_INET, SOCK_DGRAM,
 * IPPROTO_ICMP), as Linux has them, so that `ping` needs no raw socket
 * and no root.
 *
 *   sendto(fd, [type 8 | code 0 | checksum | identifier | sequence | data])
 *     --> icmp_send: the identifier becomes the socket's "port", the
 *         checksum is computed --> ipv4_send
 *   echo reply (icmp.c) --> icmp_socket_deliver: the socket whose port is
 *     the reply's identifier --> its queue (udp_socket.c's)
 *   recvfrom --> [type 0 | code 0 | checksum | identifier | sequence | data]
 *
 * The rules (Linux's, net/ipv4/ping.c), and where they live:
 *  - What a program sends is an ICMP header and payload: shorter than the
 *    8-byte header is EINVAL, anything but an echo request (type 8, code
 *    0) EINVAL; longer than one packet on the route EMSGSIZE.  -> icmp_send
 *  - The identifier the program wrote is replaced by the socket's local
 *    port, given by bind or picked at the first send; the checksum is the
 *    kernel's to fill.                                           -> icmp_send
 *  - A receive returns the reply's ICMP header and payload, without the
 *    IP header, one reply per call; its sender's port is 0.   (udp_socket.c) */
#include "icmp.h"

#include "checksum.h"
#include "fs/user_vector.h"
#include "inet_socket.h"
#include "ipv4.h"
#include "mm/uaccess.h"
#include "udp.h"
#include "uapi/errno.h"

#define ICMP_IDENTIFIER_OFFSET 4      /* the echo header: type, code, checksum, identifier, sequence */
#define ICMP_CHECKSUM_OFFSET   2

/* connect(): the default destination (its port means nothing). */
static int icmp_connect(struct inet_socket *socket, const struct inet_endpoint *remote, int nonblocking)
{
    (void)nonblocking;
    if (remote->address == INADDR_ANY && remote->port == 0) {   /* AF_UNSPEC */
        socket->remote = *remote;
        return 0;
    }
    uint32_t source, largest;
    int status = udp_socket_route(socket, remote->address, &source, &largest);
    if (status < 0)
        return status;
    socket->remote.address = remote->address;
    socket->remote.port = 0;
    return 0;
}

/* send/sendto/sendmsg: one echo request, the bytes of `data` from its
 * ICMP header on. */
static int icmp_send_vector(struct inet_socket *socket, const struct user_vector *data, int flags,
                            int nonblocking, const struct inet_endpoint *to)
{
    uint32_t size = data->total;
    (void)flags;
    (void)nonblocking;
    if (socket->shutdown & INET_SHUTDOWN_SEND)
        return -EPIPE;
    uint32_t destination = to ? to->address : socket->remote.address;
    if (!destination)
        return -EDESTADDRREQ;
    if (size < ICMP_HEADER_LENGTH)
        return -EINVAL;
    uint32_t source, largest;
    int status = udp_socket_route(socket, destination, &source, &largest);
    if (status < 0)
        return status;
    if (size > largest)
        return -EMSGSIZE;             /* no fragments (udp_socket.c says why) */
    struct packet *packet = packet_alloc_size(size);
    if (!packet)
        return -ENOBUFS;
    uint8_t *message = packet_put(packet, size);
    if (!message || user_vector_to_kernel(data, 0, message, size) < 0) {
        packet_free(packet);
        return message ? -EFAULT : -EMSGSIZE;
    }
    if (message[0] != ICMP_ECHO_REQUEST || message[1] != 0) {
        packet_free(packet);
        return -EINVAL;               /* a ping socket sends echo requests only */
    }
    put_be16(message + ICMP_IDENTIFIER_OFFSET, socket->local.port);
    put_be16(message + ICMP_CHECKSUM_OFFSET, 0);
    put_be16(message + ICMP_CHECKSUM_OFFSET, checksum_finish(checksum_add(0, message, size)));
    status = ipv4_send(packet, source, destination, IPV4_PROTOCOL_ICMP, socket->ttl);
    return status < 0 ? status : (int)size;
}

static int icmp_send(struct inet_socket *socket, const void *user_buffer, uint32_t size, int flags,
                     int nonblocking, const struct inet_endpoint *to)
{
    struct user_vector data;
    user_vector_single(&data, (void *)user_buffer, size);
    return icmp_send_vector(socket, &data, flags, nonblocking, to);
}

int icmp_socket_deliver(struct packet *packet, uint16_t identifier)
{
    struct inet_endpoint local = { packet->destination_address, identifier };
    struct inet_endpoint remote = { packet->source_address, 0 };
    struct inet_socket *socket = inet_port_lookup(IPPROTO_ICMP, &local, &remote);
    if (!socket || socket->closed)
        return 0;
    udp_socket_queue(socket, packet->source_address, 0, packet->data, packet->length);
    packet_free(packet);              /* queued as a copy, or dropped: either way ours */
    return 1;
}

const struct inet_protocol icmp_protocol = {
    .name = "icmp",
    .protocol = IPPROTO_ICMP,
    .create = udp_socket_create,
    .connect = icmp_connect,
    .send = icmp_send,
    .send_vector = icmp_send_vector,
    .receive = udp_socket_receive,
    .receive_vector = udp_socket_receive_vector,
    .shutdown = udp_socket_shutdown,
    .poll = udp_socket_poll,
    .close = udp_socket_close,
    .destroy = udp_socket_destroy,
    .describe = udp_socket_describe,
};

/* kernel/net/udp_socket.c - UDP sockets: sending datagrams, and the queue
 * of datagrams each socket keeps until it is read (ping sockets,
 * icmp_socket.c, keep theirs the same way).
 *
 *   sendto --> udp_send: header, checksum --> ipv4_send
 *   udp_receive (udp.c) --> udp_socket_queue:  [ socket's queue ]
 *                                              datagram -> datagram -> ...
 *   recvfrom --> udp_socket_receive: the oldest, whole or cut
 *
 * The rules, and where they live:
 *  - A datagram is sent whole or not at all: beyond 65507 bytes it is
 *    EMSGSIZE, as on Linux, and also beyond what fits in one packet on
 *    its route, since nothing is fragmented here (Linux would fragment):
 *    1472 bytes on an Ethernet (MTU 1500); on the loopback, whose MTU
 *    is the largest IP packet (65535, kernel/net/loopback.c; Linux's is
 *    65536), the 65507 every route allows.              -> udp_socket_route
 *  - A broadcast destination needs SO_BROADCAST (EACCES).   -> udp_socket_route
 *  - Sending never waits: a datagram the card cannot take is lost, as
 *    UDP allows.                                              -> udp_send
 *  - Each socket queues what arrives until SO_RCVBUF bytes (payload
 *    plus the bookkeeping of each datagram) are held; what comes then is
 *    dropped and counted.                                 -> udp_socket_queue
 *  - A receive takes one datagram, keeping its boundaries: a buffer too
 *    small gets the start, and the rest is discarded (MSG_TRUNC: the call
 *    returns the datagram's real length); MSG_PEEK leaves it queued.
 *    Nothing queued: it waits (SO_RCVTIMEO, then EAGAIN), or returns 0
 *    once receiving is shut down.                      -> udp_socket_receive
 *  - A connected socket sends to its peer and hears only it (the port
 *    table's lookup, inet_port.c).                        -> udp_connect */
#include "udp.h"

#include "checksum.h"
#include "fs/poll_table.h"
#include "fs/user_vector.h"
#include "inet_socket.h"
#include "ipv4.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "net_interface.h"
#include "uapi/errno.h"
#include "uapi/poll.h"

#define UDP_CHECKSUM_ZERO_SENT 0xffff /* a computed 0 goes out as all ones: 0 means "none" */

/* One datagram received, waiting in its socket's queue. */
struct datagram {
    struct list_node link;            /* in the queue, oldest first */
    uint32_t source_address;
    uint16_t source_port;             /* 0 for a ping reply */
    uint32_t length;
    uint8_t bytes[];
};

/* A datagram socket's protocol_state. */
struct datagram_queue {
    struct list datagrams;
    unsigned count;
    unsigned payload_bytes;           /* for netstat's Recv-Q */
    unsigned charged;                 /* payload and bookkeeping, against SO_RCVBUF */
    unsigned dropped;                 /* arrived while the queue was full */
};

/* What a datagram of `length` bytes counts against SO_RCVBUF. */
static unsigned charge_of(uint32_t length)
{
    return sizeof(struct datagram) + length;
}

int udp_socket_create(struct inet_socket *socket)
{
    struct datagram_queue *queue = kzalloc(sizeof *queue);
    if (!queue)
        return -ENOMEM;
    list_init(&queue->datagrams);
    socket->protocol_state = queue;
    return 0;
}

/* Frees every datagram queued. */
static void empty_queue(struct datagram_queue *queue)
{
    struct list_node *node;
    while ((node = list_pop_front(&queue->datagrams)))
        kfree(list_entry(node, struct datagram, link));
    queue->count = queue->payload_bytes = queue->charged = 0;
}

void udp_socket_close(struct inet_socket *socket)
{
    empty_queue(socket->protocol_state);
    inet_port_unbind(socket);         /* the port is free at once */
}

void udp_socket_destroy(struct inet_socket *socket)
{
    empty_queue(socket->protocol_state);
    kfree(socket->protocol_state);
    socket->protocol_state = 0;
}

int udp_socket_queue(struct inet_socket *socket, uint32_t source_address, uint16_t source_port,
                     const uint8_t *bytes, uint32_t length)
{
    struct datagram_queue *queue = socket->protocol_state;
    if ((socket->shutdown & INET_SHUTDOWN_RECEIVE) || queue->charged >= socket->receive_buffer) {
        queue->dropped++;
        return 0;
    }
    struct datagram *datagram = kmalloc(sizeof *datagram + length);
    if (!datagram) {
        queue->dropped++;
        return 0;
    }
    datagram->source_address = source_address;
    datagram->source_port = source_port;
    datagram->length = length;
    memcpy(datagram->bytes, bytes, length);
    list_push_back(&queue->datagrams, &datagram->link);
    queue->count++;
    queue->payload_bytes += length;
    queue->charged += charge_of(length);
    inet_socket_wake(socket);
    return 1;
}

/* The oldest datagram into `data` (inline in both callers, as send_datagram). */
static inline __attribute__((always_inline)) int receive_datagram(struct inet_socket *socket,
                                                                  const struct user_vector *data, int flags,
                                                                  int nonblocking, struct inet_endpoint *from)
{
    uint32_t size = data->total;
    struct datagram_queue *queue = socket->protocol_state;
    uint64_t deadline = inet_socket_deadline(socket->receive_timeout_ns);
    struct list_node *node;
    while (!(node = list_first(&queue->datagrams))) {
        if (socket->pending_error)
            return -inet_socket_take_error(socket);
        if (socket->shutdown & INET_SHUTDOWN_RECEIVE)
            return 0;
        int status = inet_socket_wait(socket, &socket->readable, nonblocking, deadline, "recv");
        if (status < 0)
            return status;
    }
    struct datagram *datagram = list_entry(node, struct datagram, link);
    uint32_t copied = datagram->length < size ? datagram->length : size;
    if (copied && user_vector_from_kernel(data, 0, datagram->bytes, copied) < 0)
        return -EFAULT;               /* the datagram stays for a better buffer */
    from->address = datagram->source_address;
    from->port = datagram->source_port;
    uint32_t length = datagram->length;
    if (!(flags & MSG_PEEK)) {        /* taken: what did not fit is gone with it */
        list_remove(&datagram->link);
        queue->count--;
        queue->payload_bytes -= length;
        queue->charged -= charge_of(length);
        kfree(datagram);
    }
    return (int)((flags & MSG_TRUNC) ? length : copied);
}

int udp_socket_receive(struct inet_socket *socket, void *user_buffer, uint32_t size, int flags, int nonblocking,
                       struct inet_endpoint *from)
{
    struct user_vector data;
    user_vector_single(&data, user_buffer, size);
    return receive_datagram(socket, &data, flags, nonblocking, from);
}

int udp_socket_receive_vector(struct inet_socket *socket, const struct user_vector *data, int flags, int nonblocking,
                              struct inet_endpoint *from)
{
    return receive_datagram(socket, data, flags, nonblocking, from);
}

int udp_socket_shutdown(struct inet_socket *socket, unsigned halves)
{
    (void)halves;                     /* the bits are set: receive and send look at them */
    int connected = socket->remote.port || socket->remote.address;
    return connected ? 0 : -ENOTCONN;   /* Linux sets the bits all the same */
}

unsigned udp_socket_poll(struct inet_socket *socket, struct poll_table *table)
{
    struct datagram_queue *queue = socket->protocol_state;
    poll_table_watch(table, &socket->readable);
    unsigned events = POLLOUT | POLLWRNORM;   /* a send never waits */
    if (queue->count || (socket->shutdown & INET_SHUTDOWN_RECEIVE))
        events |= POLLIN | POLLRDNORM;
    if (socket->shutdown == (INET_SHUTDOWN_RECEIVE | INET_SHUTDOWN_SEND))
        events |= POLLHUP;
    return events;
}

void udp_socket_describe(const struct inet_socket *socket, struct kinfo_net_socket *entry)
{
    const struct datagram_queue *queue = socket->protocol_state;
    if (socket->remote.port || socket->remote.address)
        strlcpy(entry->state, "CONNECTED", sizeof entry->state);
    entry->receive_queue = queue ? queue->payload_bytes : 0;
    entry->send_queue = 0;            /* sent at once */
}

/* FIONREAD: the next datagram's length, 0 with none (Linux's
 * first_packet_length). */
static int udp_socket_unread(const struct inet_socket *socket)
{
    const struct datagram_queue *queue = socket->protocol_state;
    struct list_node *first = queue ? list_first(&queue->datagrams) : 0;
    return first ? (int)list_entry(first, struct datagram, link)->length : 0;
}

int udp_socket_route(const struct inet_socket *socket, uint32_t destination, uint32_t *source, uint32_t *largest)
{
    uint32_t next_hop;
    struct net_interface *interface = net_route(destination, &next_hop);
    if (!interface)
        return -ENETUNREACH;
    if (ipv4_is_broadcast(interface, destination) && !socket->broadcast)
        return -EACCES;
    *source = socket->local.address ? socket->local.address : ipv4_source_for(destination);
    if (!*source)
        return -ENETUNREACH;
    uint32_t room = PACKET_DATA_MAX;   /* udp_send allocates to size; headers below IP go in the headroom */
    uint32_t by_mtu = interface->mtu - IPV4_HEADER_LENGTH;
    *largest = by_mtu < room ? by_mtu : room;
    return 0;
}

/* connect(): the default destination, and the only sender heard. */
static int udp_connect(struct inet_socket *socket, const struct inet_endpoint *remote, int nonblocking)
{
    (void)nonblocking;
    if (remote->address == INADDR_ANY && remote->port == 0) {   /* AF_UNSPEC: forget the peer */
        socket->remote = *remote;
        return 0;
    }
    if (remote->port == 0)
        return -EINVAL;               /* port 0 would read as "not connected" */
    uint32_t source, largest;
    int status = udp_socket_route(socket, remote->address, &source, &largest);
    if (status < 0)
        return status;
    socket->remote = *remote;
    return 0;
}

/* send/sendto/sendmsg: one datagram of the bytes of `data` to `to` (NULL:
 * the peer). Inline in both callers: send() is on the UDP round trip of
 * docs/performance.md. */
static inline __attribute__((always_inline)) int send_datagram(struct inet_socket *socket,
                                                               const struct user_vector *data,
                                                               const struct inet_endpoint *to)
{
    uint32_t size = data->total;
    if (socket->shutdown & INET_SHUTDOWN_SEND)
        return -EPIPE;
    if (!to && !socket->remote.port)
        return -EDESTADDRREQ;
    const struct inet_endpoint *destination = to ? to : &socket->remote;
    if (destination->port == 0)
        return -EINVAL;               /* as Linux */
    if (size > UDP_PAYLOAD_MAX)
        return -EMSGSIZE;
    uint32_t source, largest;
    int status = udp_socket_route(socket, destination->address, &source, &largest);
    if (status < 0)
        return status;
    if (size > largest - UDP_HEADER_LENGTH)
        return -EMSGSIZE;             /* no fragments: see the rules at the top */
    uint32_t length = UDP_HEADER_LENGTH + size;
    struct packet *packet = packet_alloc_size(length);
    if (!packet)
        return -ENOBUFS;
    uint8_t *header = packet_put(packet, length);
    if (!header || user_vector_to_kernel(data, 0, header + UDP_HEADER_LENGTH, size) < 0) {
        packet_free(packet);
        return header ? -EFAULT : -EMSGSIZE;
    }
    put_be16(header, socket->local.port);
    put_be16(header + 2, destination->port);
    put_be16(header + 4, (uint16_t)length);
    put_be16(header + 6, 0);
    uint32_t sum = checksum_pseudo_header(source, destination->address, IPV4_PROTOCOL_UDP, length);
    uint16_t checksum = checksum_finish(checksum_add(sum, header, length));
    put_be16(header + 6, checksum ? checksum : UDP_CHECKSUM_ZERO_SENT);
    status = ipv4_send(packet, source, destination->address, IPV4_PROTOCOL_UDP, socket->ttl);
    return status < 0 ? status : (int)size;
}

static int udp_send_vector(struct inet_socket *socket, const struct user_vector *data, int flags, int nonblocking,
                           const struct inet_endpoint *to)
{
    (void)flags;
    (void)nonblocking;                /* a datagram never waits */
    return send_datagram(socket, data, to);
}

static int udp_send(struct inet_socket *socket, const void *user_buffer, uint32_t size, int flags, int nonblocking,
                    const struct inet_endpoint *to)
{
    (void)flags;
    (void)nonblocking;
    struct user_vector data;
    user_vector_single(&data, (void *)user_buffer, size);
    return send_datagram(socket, &data, to);
}

const struct inet_protocol udp_protocol = {
    .name = "udp",
    .protocol = IPPROTO_UDP,
    .create = udp_socket_create,
    .connect = udp_connect,
    .send = udp_send,
    .send_vector = udp_send_vector,
    .receive = udp_socket_receive,
    .receive_vector = udp_socket_receive_vector,
    .shutdown = udp_socket_shutdown,
    .poll = udp_socket_poll,
    .close = udp_socket_close,
    .destroy = udp_socket_destroy,
    .describe = udp_socket_describe,
    .unread = udp_socket_unread,
};

/* kernel/net/udp.h - UDP: datagrams with ports, length and a checksum
 * over a pseudo-header, delivered to the socket bound to their port. */
#ifndef KERNEL_NET_UDP_H
#define KERNEL_NET_UDP_H

#include <stdint.h>

#include "packet.h"

#define UDP_HEADER_LENGTH 8

/* A UDP datagram came in (the IP header is off, its addresses in the
 * packet): checks length and checksum, and queues it at the socket bound
 * to its destination port, or answers ICMP port unreachable (pass the IP
 * header's start for that: `ip_header`, `ip_header_length`). Takes the
 * packet over. Context: kernel lock held, task context; never sleeps. */
void udp_receive(struct packet *packet, const uint8_t *ip_header, uint32_t ip_header_length);

/* An ICMP port unreachable came back for a datagram we sent from
 * `local_port` to `remote`/`remote_port`: a connected socket reports
 * ECONNREFUSED on its next call, as on Linux. */
void udp_report_unreachable(uint32_t remote, uint16_t remote_port, uint16_t local_port);

/* The largest UDP payload IPv4 can carry (65535 - 20 - 8). Datagrams
 * are not fragmented here, so a send is limited further, to what fits in
 * the route's MTU and in one packet buffer (udp_socket.c says how much). */
#define UDP_PAYLOAD_MAX 65507

/* What ping sockets (icmp_socket.c) share with UDP sockets (udp_socket.c):
 * a queue of received datagrams per socket, bounded by SO_RCVBUF, read
 * with their boundaries kept. Context: kernel lock held. */
struct inet_socket;
struct poll_table;
struct kinfo_net_socket;
struct inet_endpoint;

/* Queues a copy of `length` bytes from `source_address`:`source_port` at
 * `socket` and wakes its readers: 1, or 0 when it was dropped (the queue
 * full, memory short, receiving shut down). Never sleeps. */
int udp_socket_queue(struct inet_socket *socket, uint32_t source_address, uint16_t source_port,
                     const uint8_t *bytes, uint32_t length);

/* Where a datagram of `socket` to `destination` goes: the source address
 * into *source (the socket's own, else the route's) and the largest
 * payload after an IP header into *largest (the MTU, and one packet
 * buffer: nothing is fragmented). 0, -ENETUNREACH with no route, -EACCES
 * for a broadcast address without SO_BROADCAST. */
int udp_socket_route(const struct inet_socket *socket, uint32_t destination, uint32_t *source,
                     uint32_t *largest);

/* struct inet_protocol's calls, as UDP makes them (inet_socket.h). */
int udp_socket_create(struct inet_socket *socket);
void udp_socket_destroy(struct inet_socket *socket);
void udp_socket_close(struct inet_socket *socket);
struct user_vector;
/* The same into several buffers (one datagram scattered over them). */
int udp_socket_receive_vector(struct inet_socket *socket, const struct user_vector *data, int flags, int nonblocking,
                              struct inet_endpoint *from);
int udp_socket_receive(struct inet_socket *socket, void *user_buffer, uint32_t size, int flags, int nonblocking,
                       struct inet_endpoint *from);
int udp_socket_shutdown(struct inet_socket *socket, unsigned halves);
unsigned udp_socket_poll(struct inet_socket *socket, struct poll_table *table);
void udp_socket_describe(const struct inet_socket *socket, struct kinfo_net_socket *entry);

#endif

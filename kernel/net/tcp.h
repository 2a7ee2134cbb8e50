/* kernel/net/tcp.h - TCP as the rest of the stack sees it: segments come
 * in here; the connection machinery (tcp_*.c, tcp_internal.h) and the
 * socket calls (tcp_protocol, an inet_protocol) are behind it. */
#ifndef KERNEL_NET_TCP_H
#define KERNEL_NET_TCP_H

#include <stdint.h>

#include "net_for_core.h"   /* what the core asks: tcp_wait_until_sent ... */
#include "packet.h"

struct inet_protocol;

/* A TCP segment came in (the IP header is off, its addresses in the
 * packet): checks it, finds its connection or listener, runs the state
 * machine; a segment for no connection is answered with a reset. Takes
 * the packet over. Context: kernel lock held, task context; never sleeps. */
void tcp_receive(struct packet *packet);

/* An ICMP destination unreachable came back for a segment we sent: a
 * connection still connecting fails with ECONNREFUSED/EHOSTUNREACH. */
void tcp_report_unreachable(uint32_t remote, uint16_t remote_port, uint16_t local_port, uint8_t code);

/* The calls of SOCK_STREAM Internet sockets (kernel/net/inet_socket.h). */
extern const struct inet_protocol tcp_protocol;

#endif

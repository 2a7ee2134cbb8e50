/* kernel/net/tcp.h - TCP as the rest of the stack sees it: segments come
 * in here; the connection machinery (tcp_*.c, tcp_internal.h) and the
 * socket calls (tcp_protocol, an inet_protocol) are behind it. */
#ifndef KERNEL_NET_TCP_H
#define KERNEL_NET_TCP_H

#include <stdint.h>

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

/* Waits, at most `limit_ns`, until no connection has bytes or a FIN the
 * peer has not acknowledged: for the machine's power-off, so that what a
 * program wrote before it closed and exited still reaches the peer (a
 * close returns at once, as on Linux). Context: a system call or kernel
 * task; may sleep. */
#ifdef SUBSYSTEM_NET
void tcp_wait_until_sent(uint64_t limit_ns);
#else
static inline void tcp_wait_until_sent(uint64_t limit_ns)   /* no connections */
{
    (void)limit_ns;
}
#endif

/* How many connections exist, TIME_WAIT ones included (for leak tests). */
#ifdef SUBSYSTEM_NET
unsigned tcp_connection_count(void);
#else
static inline unsigned tcp_connection_count(void)   /* no connections */
{
    return 0;
}
#endif

#endif

/* kernel/net/net_for_core.h - what the core asks of the network (the
 * subsystem "net", kernel/subsystems/net.c): the boot's wait for DHCP,
 * power-off's wait for TCP's last bytes, and the counts and lists kinfo
 * shows (ifconfig, netstat, the leak tests), and the interface requests
 * of ioctl an AF_UNIX socket answers too. A kernel built without the
 * subsystem gets the stand-ins below (no interfaces, sockets,
 * connections, packets or timers), so that the core reads the same in
 * every profile (kernel/subsystems/subsystem.h). inet_socket.h,
 * net_interface.h, packet.h and tcp.h include this
 * file. */
#ifndef KERNEL_NET_NET_FOR_CORE_H
#define KERNEL_NET_NET_FOR_CORE_H

#include <stdint.h>

#include "uapi/errno.h"

struct kinfo_net_interface;
struct kinfo_net_socket;

/* Waits, at most 3 s, until every card asking DHCP has its first
 * address, as Linux's `ip=dhcp` does before the first program starts: a
 * program that runs at boot then finds its address set. (QEMU's e1000
 * holds received frames for about a second after the receiver is turned
 * on, kernel/drivers/e1000.c, so DHCP's answer comes that late.)
 * Context: the boot task, interrupts on; sleeps. */
#ifdef SUBSYSTEM_NET
void net_wait_for_addresses(void);
#else
static inline void net_wait_for_addresses(void)   /* no network: no addresses to wait for */
{
}
#endif

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

/* For ifconfig: fills up to `capacity` entries, one per interface in the order they
 * were registered; returns how many interfaces exist. Context: kernel
 * lock held; never sleeps. */
#ifdef SUBSYSTEM_NET
unsigned net_interface_list(struct kinfo_net_interface *entries, unsigned capacity);
#else
static inline unsigned net_interface_list(struct kinfo_net_interface *entries, unsigned capacity)   /* no interfaces */
{
    (void)entries;
    (void)capacity;
    return 0;
}
#endif

/* ioctl's interface requests on a socket (SIOCGIFFLAGS, SIOCGIFCONF, ...,
 * uapi/sockios.h): 0 or -errno, -ENOTTY for any other request; the IPv4
 * address requests only on an `internet_socket` (net_interface_ioctl.c).
 * AF_UNIX's and AF_INET's ioctl end here. Context: system call, kernel
 * lock held; may fault in the caller's memory. */
#ifdef SUBSYSTEM_NET
int net_interface_ioctl(uint32_t request, uint32_t argument, int internet_socket);
#else
static inline int net_interface_ioctl(uint32_t request, uint32_t argument, int internet_socket)
{
    (void)request;                          /* no network: no interface requests */
    (void)argument;
    (void)internet_socket;
    return -ENOTTY;
}
#endif

/* How many Internet sockets exist (for leak tests). */
#ifdef SUBSYSTEM_NET
unsigned inet_socket_count(void);
#else
static inline unsigned inet_socket_count(void)   /* no AF_INET sockets */
{
    return 0;
}
#endif

/* For netstat: fills up to `capacity` entries; returns how many exist. */
#ifdef SUBSYSTEM_NET
unsigned inet_socket_list(struct kinfo_net_socket *entries, unsigned capacity);
#else
static inline unsigned inet_socket_list(struct kinfo_net_socket *entries, unsigned capacity)   /* no AF_INET sockets */
{
    (void)entries;
    (void)capacity;
    return 0;
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

/* How many packets are alive (for leak tests and ifconfig). */
#ifdef SUBSYSTEM_NET
unsigned packet_count(void);
#else
static inline unsigned packet_count(void)   /* no packets */
{
    return 0;
}
#endif

/* How many network timers are armed (for leak tests). */
#ifdef SUBSYSTEM_NET
unsigned net_timer_count(void);
#else
static inline unsigned net_timer_count(void)   /* no network timers */
{
    return 0;
}
#endif

#endif

/* kernel/subsystems/net.c - the network: the e1000 card on PCI, Ethernet, ARP, IPv4,
 * ICMP, UDP, TCP, DHCP and the AF_INET sockets (docs/network.md).
 *
 * In the profiles: full (Makefile, PROFILE).
 *
 * Its files (the Makefile reads this list; subsystem.h says what a
 * subsystem is):
 *   kernel/net/arp.c
 *   kernel/net/checksum.c
 *   kernel/net/dhcp.c
 *   kernel/net/ethernet.c
 *   kernel/net/icmp.c
 *   kernel/net/icmp_socket.c
 *   kernel/net/inet_port.c
 *   kernel/net/inet_socket.c
 *   kernel/net/inet_socket_calls.c
 *   kernel/net/inet_socket_message.c
 *   kernel/net/inet_socket_options.c
 *   kernel/net/ipv4.c
 *   kernel/net/loopback.c
 *   kernel/net/net_configure.c
 *   kernel/net/net_interface.c
 *   kernel/net/net_interface_ioctl.c
 *   kernel/net/net_task.c
 *   kernel/net/packet.c
 *   kernel/net/tcp_connection.c
 *   kernel/net/tcp_input.c
 *   kernel/net/tcp_output.c
 *   kernel/net/tcp_reassembly.c
 *   kernel/net/tcp_socket.c
 *   kernel/net/tcp_timer.c
 *   kernel/net/tcp_transfer.c
 *   kernel/net/tcp_urgent.c
 *   kernel/net/udp.c
 *   kernel/net/udp_socket.c
 *   kernel/drivers/e1000.c
 *   kernel/drivers/pci.c
 *   kernel/drivers/netloss.c
 *   kernel/lib/siphash.c
 *   kernel/ktest/net_tests.c
 */
#include "subsystem.h"

#include "net/net_interface.h"
#include "net_calls.h"

static const struct syscall_row calls[] = {
    SYSCALL_ROW(net_configure),
};

/* Puts the calls in the table, then starts what the subsystem needs.
 * Context: boot (kernel/main.c, through subsystems_start). */
void net_start(void)
{
    syscall_install(calls, ROW_COUNT(calls));
    net_init();                 /* the loopback, a card if QEMU has one, the network task */
}

/* kernel/uapi/sockios.h - the ioctl requests of sockets, Linux's numbers.
 * The interface requests take a struct ifreq (uapi/if.h) and are
 * answered on any socket (kernel/net/net_interface_ioctl.c); those of an
 * IPv4 address only on an Internet socket. They read; ifconfig sets an
 * interface through net_configure(2). FIONREAD (SIOCINQ) is in
 * uapi/termios.h. */
#ifndef KERNEL_UAPI_SOCKIOS_H
#define KERNEL_UAPI_SOCKIOS_H

#define SIOCATMARK     0x8905   /* int *: 1 when the next byte read is at TCP's urgent mark (sockatmark) */
#define SIOCGIFNAME    0x8910   /* ifr_ifindex -> ifr_name */
#define SIOCGIFCONF    0x8912   /* struct ifconf *: every interface address */
#define SIOCGIFFLAGS   0x8913   /* ifr_flags: IFF_* */
#define SIOCGIFADDR    0x8915   /* ifr_addr: its IPv4 address (Internet socket) */
#define SIOCGIFDSTADDR 0x8917   /* ifr_dstaddr: its peer's; its own on a link that is not point-to-point */
#define SIOCGIFBRDADDR 0x8919   /* ifr_broadaddr: 0.0.0.0 on the loopback */
#define SIOCGIFNETMASK 0x891b   /* ifr_netmask */
#define SIOCGIFMTU     0x8921   /* ifr_mtu: the largest IP packet */
#define SIOCGIFHWADDR  0x8927   /* ifr_hwaddr: ARPHRD_* and its link address */
#define SIOCGIFINDEX   0x8933   /* ifr_ifindex: from 1, as if_nametoindex */

#endif

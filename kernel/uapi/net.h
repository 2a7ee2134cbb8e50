/* kernel/uapi/net.h - configuring a network interface (ifconfig):
 * SYS_net_configure takes one struct net_configuration. Reading the
 * interfaces is kinfo(KINFO_NET_INTERFACES) (uapi/kinfo.h). */
#ifndef KERNEL_UAPI_NET_H
#define KERNEL_UAPI_NET_H

/* What to change on the interface `name`; addresses in network byte
 * order. Only the fields whose NET_SET_* bit is in `set` are used. */
struct net_configuration {
    char name[8];               /* "eth0", "lo" */
    unsigned set;               /* NET_SET_* bits */
    unsigned address, netmask, gateway;
    int up;                     /* with NET_SET_UP: 1 up, 0 down */
};
#define NET_SET_ADDRESS  1      /* address (0.0.0.0: none) */
#define NET_SET_NETMASK  2
#define NET_SET_GATEWAY  4      /* the default route through this interface (0: none) */
#define NET_SET_UP       8
#define NET_SET_DHCP     16     /* ask a DHCP server again; the call returns at once */

#endif

/* kernel/net/net_configure.h - the interfaces as user programs see them:
 * ifconfig changes one with SYS_net_configure (uapi/net.h) and lists them
 * with kinfo(KINFO_NET_INTERFACES) (uapi/kinfo.h). */
#ifndef KERNEL_NET_NET_CONFIGURE_H
#define KERNEL_NET_NET_CONFIGURE_H

#include "net_for_core.h"   /* what the core asks: net_interface_list */
#include "uapi/kinfo.h"

/* SYS_net_configure: applies one struct net_configuration (uapi/net.h)
 * at `configuration` in user memory. 0, or -EPERM (not root), -EFAULT,
 * -EINVAL (an unknown NET_SET_* bit, a name without its NUL, a netmask
 * that is not ones then zeros, DHCP on the loopback), -ENODEV (no
 * interface of that name). Context: system call; never sleeps. */
int sys_net_configure(const void *configuration);

#endif

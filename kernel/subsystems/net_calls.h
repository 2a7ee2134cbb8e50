/* kernel/subsystems/net_calls.h - the system-call handlers of the network
 * (kernel/subsystems/net.c puts them in the table), with their real types.
 * Context: as every handler's (kernel/syscall.h). */
#ifndef KERNEL_SUBSYSTEMS_NET_CALLS_H
#define KERNEL_SUBSYSTEMS_NET_CALLS_H

/* SYS_net_configure (kernel/net/net_configure.c): applies one struct
 * net_configuration (uapi/net.h) at `configuration` in user memory. 0,
 * or -EPERM (not root), -EFAULT, -EINVAL (an unknown NET_SET_* bit, a
 * name without its NUL, a netmask that is not ones then zeros, DHCP on
 * the loopback), -ENODEV (no interface of that name). Context: system
 * call; never sleeps. */
int sys_net_configure(const void *configuration);

#endif

/* kernel/subsystems/net_calls.h - the system-call handlers of the network
 * (kernel/subsystems/net.c puts them in the table), with their real types.
 * Context: as every handler's (kernel/syscall.h). */
#ifndef KERNEL_SUBSYSTEMS_NET_CALLS_H
#define KERNEL_SUBSYSTEMS_NET_CALLS_H

int sys_net_configure(const void *configuration);   /* root only: uapi/net.h */

#endif

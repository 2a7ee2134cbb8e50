/* libc/include/kernel.h - calls particular to this kernel (not POSIX). */
#ifndef LIBC_KERNEL_H
#define LIBC_KERNEL_H

#include <stddef.h>
#include <uapi/kinfo.h>
#include <uapi/net.h>

/* Fills `buffer` with what the kernel tells about `what` (KINFO_COUNTERS:
 * struct kinfo_counters). Returns the bytes written, or -1 and errno. */
int kinfo(int what, void *buffer, unsigned size);

/* Reads the whole table `what` (KINFO_PROCESSES, KINFO_MOUNTS, ...), of
 * entries of `entry_size` bytes, into a malloc'd array, however many
 * entries there are; sets *count to how many. Returns the array (free
 * it), or NULL with errno. */
void *kinfo_table(int what, size_t entry_size, int *count);

/* Ends the machine with `status` (QEMU exits with status*2+1). Only pid 1
 * may; others get -1 with errno EPERM. */
int poweroff(int status);

/* Changes the network interface `configuration->name` as its `set` bits
 * say: address, netmask, gateway, up or down, DHCP (ifconfig). Only root
 * may. Returns 0, or -1 and errno. */
int net_configure(const struct net_configuration *configuration);

#endif

/* libc/include/net/if.h - network interfaces by name and index, the
 * flags getifaddrs(3) reports, and the struct ifreq an interface's
 * ioctl requests take (<sys/ioctl.h>), with Linux's values
 * (docs/network.md).
 * An interface's index is its place in the kernel's list, from 1: lo is
 * 1, eth0 2, as on Linux. */
#ifndef LIBC_INCLUDE_NET_IF_H
#define LIBC_INCLUDE_NET_IF_H

#include <uapi/if.h>   /* IF_NAMESIZE, IFF_*, struct ifreq and struct ifconf */

struct if_nameindex {
    unsigned int if_index;
    char *if_name;
};

/* The index of the interface `name`, or 0 (errno ENODEV) when there is none. */
unsigned int if_nametoindex(const char *name);

/* The name of interface `index` into `name` (IF_NAMESIZE bytes): `name`,
 * or NULL with errno ENXIO when there is none. */
char *if_indextoname(unsigned int index, char *name);

/* Every interface, ended by an entry of index 0 and name NULL; free it
 * with if_freenameindex. NULL with errno on failure. */
struct if_nameindex *if_nameindex(void);
void if_freenameindex(struct if_nameindex *list);

#endif

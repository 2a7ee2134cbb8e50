/* libc/include/net/if_arp.h - the kinds of link SIOCGIFHWADDR names in
 * its sa_family (ARPHRD_ETHER, ARPHRD_LOOPBACK), from kernel/uapi/if.h. */
#ifndef LIBC_INCLUDE_NET_IF_ARP_H
#define LIBC_INCLUDE_NET_IF_ARP_H

#include <uapi/if.h>

#endif

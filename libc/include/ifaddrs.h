/* libc/include/ifaddrs.h - getifaddrs(3): the network interfaces and
 * their IPv4 addresses, as a list (glibc's layout). Read from the
 * kernel's table of interfaces, kinfo(KINFO_NET_INTERFACES), as ifconfig
 * reads it (libc/socket/ifaddrs.c). */
#ifndef LIBC_INCLUDE_IFADDRS_H
#define LIBC_INCLUDE_IFADDRS_H

#include <sys/socket.h>

struct ifaddrs {
    struct ifaddrs *ifa_next;
    char *ifa_name;
    unsigned int ifa_flags;        /* IFF_* of <net/if.h> */
    struct sockaddr *ifa_addr;
    struct sockaddr *ifa_netmask;
    union {
        struct sockaddr *ifu_broadaddr;   /* IFF_BROADCAST */
        struct sockaddr *ifu_dstaddr;     /* point-to-point: none here */
    } ifa_ifu;
    void *ifa_data;                /* NULL here */
};
#define ifa_broadaddr ifa_ifu.ifu_broadaddr
#define ifa_dstaddr   ifa_ifu.ifu_dstaddr

/* Every interface with its address: *list, to free with freeifaddrs.
 * 0, or -1 with errno. */
int getifaddrs(struct ifaddrs **list);
void freeifaddrs(struct ifaddrs *list);

#endif

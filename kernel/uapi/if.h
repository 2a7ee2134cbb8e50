/* kernel/uapi/if.h - a network interface as ioctl reads it: struct ifreq
 * names one and carries one of its facts, struct ifconf the list of
 * their addresses; the interface flags; Linux's layout and values
 * (kernel/net/net_interface_ioctl.c answers the requests,
 * uapi/sockios.h numbers them). */
#ifndef KERNEL_UAPI_IF_H
#define KERNEL_UAPI_IF_H

#include "socket.h"

#define IF_NAMESIZE 16
#define IFNAMSIZ    IF_NAMESIZE

/* An interface's flags (SIOCGIFFLAGS, getifaddrs's ifa_flags). This
 * kernel sets the first four; the rest are Linux's, for programs that
 * test them. */
#define IFF_UP          0x1      /* configured up (ifconfig IFACE up) */
#define IFF_BROADCAST   0x2      /* has a broadcast address (an Ethernet card) */
#define IFF_LOOPBACK    0x8      /* the loopback */
#define IFF_RUNNING     0x40     /* up, and its link is there */
#define IFF_DEBUG       0x4
#define IFF_POINTOPOINT 0x10     /* a link to one peer (never here) */
#define IFF_NOTRAILERS  0x20
#define IFF_NOARP       0x80
#define IFF_PROMISC     0x100
#define IFF_ALLMULTI    0x200
#define IFF_MASTER      0x400
#define IFF_SLAVE       0x800
#define IFF_MULTICAST   0x1000   /* takes multicast (no multicast here) */
#define IFF_PORTSEL     0x2000
#define IFF_AUTOMEDIA   0x4000
#define IFF_DYNAMIC     0x8000

/* SIOCGIFHWADDR's sa_family: the kind of link. */
#define ARPHRD_ETHER    1
#define ARPHRD_LOOPBACK 772

/* One interface, named, and one fact of it (32 bytes). */
struct ifreq {
    union {
        char ifrn_name[IFNAMSIZ];         /* "eth0", 0-terminated */
    } ifr_ifrn;
    union {
        struct sockaddr ifru_addr;        /* an address: a struct sockaddr_in */
        struct sockaddr ifru_dstaddr;
        struct sockaddr ifru_broadaddr;
        struct sockaddr ifru_netmask;
        struct sockaddr ifru_hwaddr;      /* ARPHRD_*, then the link address */
        short ifru_flags;                 /* IFF_* */
        int ifru_ivalue;                  /* the index, the metric */
        int ifru_mtu;
        char ifru_slave[IFNAMSIZ];
        char ifru_newname[IFNAMSIZ];
        char *ifru_data;
    } ifr_ifru;
};
#define ifr_name      ifr_ifrn.ifrn_name
#define ifr_addr      ifr_ifru.ifru_addr
#define ifr_dstaddr   ifr_ifru.ifru_dstaddr
#define ifr_broadaddr ifr_ifru.ifru_broadaddr
#define ifr_netmask   ifr_ifru.ifru_netmask
#define ifr_hwaddr    ifr_ifru.ifru_hwaddr
#define ifr_flags     ifr_ifru.ifru_flags
#define ifr_ifindex   ifr_ifru.ifru_ivalue
#define ifr_metric    ifr_ifru.ifru_ivalue
#define ifr_mtu       ifr_ifru.ifru_mtu
#define ifr_slave     ifr_ifru.ifru_slave
#define ifr_newname   ifr_ifru.ifru_newname
#define ifr_data      ifr_ifru.ifru_data

/* SIOCGIFCONF's argument: a buffer of ifc_len bytes, which the call fills
 * with one struct ifreq per interface address, setting ifc_len to the
 * bytes written; with ifc_buf NULL it sets ifc_len to the bytes needed. */
struct ifconf {
    int ifc_len;
    union {
        char *ifcu_buf;
        struct ifreq *ifcu_req;
    } ifc_ifcu;
};
#define ifc_buf ifc_ifcu.ifcu_buf
#define ifc_req ifc_ifcu.ifcu_req

#endif

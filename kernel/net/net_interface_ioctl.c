/* kernel/net/net_interface_ioctl.c - the interface requests of ioctl on a
 * socket, the way programs from before getifaddrs(3) read the network's
 * interfaces (net-tools' ifconfig, UNP's get_ifi_info), as Linux answers
 * them (its net/core/dev_ioctl.c and net/ipv4/devinet.c):
 *
 *   struct ifreq r = { .ifr_name = "eth0" };
 *   ioctl(socket_fd, SIOCGIFFLAGS, &r);       r.ifr_flags: IFF_UP | ...
 *
 *   SIOCGIFFLAGS, SIOCGIFINDEX, SIOCGIFMTU,   the interface itself: on any
 *   SIOCGIFHWADDR; SIOCGIFNAME (by index)     socket
 *   SIOCGIFADDR, SIOCGIFNETMASK,              its IPv4 address: on an
 *   SIOCGIFBRDADDR, SIOCGIFDSTADDR            Internet socket (-ENOTTY on
 *                                             AF_UNIX, as Linux's)
 *   SIOCGIFCONF                               every interface that has an
 *                                             address, name and address
 *
 * A name no interface has is -ENODEV; an address request of an interface
 * without one -EADDRNOTAVAIL. They only read: ifconfig sets through
 * net_configure(2) (net_configure.c). Context: system call, kernel lock
 * held (as every call that reaches the interfaces); never sleeps but in
 * the copies to and from the caller. */
#include "lib/string.h"
#include "mm/uaccess.h"
#include "net_interface.h"
#include "uapi/errno.h"
#include "uapi/if.h"
#include "uapi/in.h"
#include "uapi/sockios.h"

/* getifaddrs shows the same flags (libc/socket/interfaces.c). */
static short interface_flags(const struct net_interface *interface)
{
    short flags = interface->loopback ? IFF_LOOPBACK : IFF_BROADCAST;
    if (interface->up)
        flags |= IFF_UP | IFF_RUNNING;
    return flags;
}

/* The IPv4 address `request` reads, host byte order. The loopback has no
 * broadcast address (0.0.0.0, as Linux's lo); a card's is its subnet's
 * last. Not point-to-point, an interface's "destination" is its own
 * address (Linux's ifa_address). */
static uint32_t interface_address(const struct net_interface *interface, uint32_t request)
{
    if (request == SIOCGIFNETMASK)
        return interface->netmask;
    if (request == SIOCGIFBRDADDR)
        return interface->loopback ? 0 : interface->address | ~interface->netmask;
    return interface->address;                  /* SIOCGIFADDR, SIOCGIFDSTADDR */
}

static void set_inet_address(struct sockaddr *to, uint32_t address)
{
    struct sockaddr_in *in = (struct sockaddr_in *)to;
    memset(in, 0, sizeof *in);
    in->sin_family = AF_INET;
    in->sin_addr.s_addr = net_order32(address);
}

/* SIOCGIFCONF: one struct ifreq per interface with an address, as many
 * as ifc_len holds; with ifc_buf NULL only the bytes they need. */
static int list_interface_addresses(struct ifconf *user_list)
{
    struct ifconf list;
    if (copy_from_user(&list, user_list, sizeof list) < 0)
        return -EFAULT;
    int written = 0;
    struct net_interface *interface;
    for (unsigned index = 1; (interface = net_interface_by_index(index)) != NULL; index++) {
        if (!interface->address)
            continue;
        if (list.ifc_buf) {
            if (list.ifc_len - written < (int)sizeof(struct ifreq))
                break;
            struct ifreq entry;
            memset(&entry, 0, sizeof entry);
            memcpy(entry.ifr_name, interface->name, NET_INTERFACE_NAME_MAX);
            set_inet_address(&entry.ifr_addr, interface->address);
            if (copy_to_user(list.ifc_buf + written, &entry, sizeof entry) < 0)
                return -EFAULT;
        }
        written += (int)sizeof(struct ifreq);
    }
    return copy_to_user(&user_list->ifc_len, &written, sizeof written) < 0 ? -EFAULT : 0;
}

static int is_address_request(uint32_t request)
{
    return request == SIOCGIFADDR || request == SIOCGIFNETMASK || request == SIOCGIFBRDADDR ||
           request == SIOCGIFDSTADDR;
}

static int is_interface_request(uint32_t request)
{
    return request == SIOCGIFFLAGS || request == SIOCGIFINDEX || request == SIOCGIFMTU ||
           request == SIOCGIFHWADDR || request == SIOCGIFNAME || is_address_request(request);
}

/* The interface `request` names: by index for SIOCGIFNAME, else by name. */
static struct net_interface *named_interface(uint32_t request, struct ifreq *asked)
{
    if (request == SIOCGIFNAME)
        return asked->ifr_ifindex > 0 ? net_interface_by_index((unsigned)asked->ifr_ifindex) : NULL;
    asked->ifr_name[IFNAMSIZ - 1] = 0;
    if (strlen(asked->ifr_name) >= NET_INTERFACE_NAME_MAX)
        return NULL;                            /* longer than any name here */
    return net_interface_find(asked->ifr_name);
}

int net_interface_ioctl(uint32_t request, uint32_t argument, int internet_socket)
{
    if (request == SIOCGIFCONF)
        return list_interface_addresses((struct ifconf *)argument);
    if (!is_interface_request(request) || (is_address_request(request) && !internet_socket))
        return -ENOTTY;
    struct ifreq asked;
    if (copy_from_user(&asked, (const void *)argument, sizeof asked) < 0)
        return -EFAULT;
    struct net_interface *interface = named_interface(request, &asked);
    if (!interface)
        return -ENODEV;
    if (request == SIOCGIFNAME) {
        memset(asked.ifr_name, 0, IFNAMSIZ);
        memcpy(asked.ifr_name, interface->name, NET_INTERFACE_NAME_MAX);
    } else if (request == SIOCGIFFLAGS) {
        asked.ifr_flags = interface_flags(interface);
    } else if (request == SIOCGIFINDEX) {
        asked.ifr_ifindex = (int)net_interface_index(interface);
    } else if (request == SIOCGIFMTU) {
        asked.ifr_mtu = (int)interface->mtu;
    } else if (request == SIOCGIFHWADDR) {
        memset(&asked.ifr_hwaddr, 0, sizeof asked.ifr_hwaddr);
        asked.ifr_hwaddr.sa_family = interface->loopback ? ARPHRD_LOOPBACK : ARPHRD_ETHER;
        memcpy(asked.ifr_hwaddr.sa_data, interface->mac, ETHERNET_ADDRESS_LENGTH);
    } else {
        if (!interface->address)
            return -EADDRNOTAVAIL;
        set_inet_address(&asked.ifr_addr, interface_address(interface, request));
    }
    return copy_to_user((void *)argument, &asked, sizeof asked) < 0 ? -EFAULT : 0;
}

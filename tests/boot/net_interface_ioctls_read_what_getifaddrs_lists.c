/* tests/boot/net_interface_ioctls_read_what_getifaddrs_lists.c - ioctl's
 * interface requests on a socket, the way programs read the interfaces
 * before getifaddrs(3) (net-tools' ifconfig, UNP's get_ifi_info), tell
 * what getifaddrs and if_nameindex tell, as on Linux:
 *  - for every interface: SIOCGIFINDEX its index and SIOCGIFNAME its
 *    name back; SIOCGIFFLAGS getifaddrs's flags; SIOCGIFMTU and
 *    SIOCGIFHWADDR an Ethernet card's (at most 1500, ARPHRD_ETHER, a
 *    unicast address) or the loopback's (ARPHRD_LOOPBACK, no address);
 *  - with an IPv4 address: SIOCGIFADDR, SIOCGIFNETMASK, SIOCGIFBRDADDR
 *    (0.0.0.0 on lo) and SIOCGIFDSTADDR (its own address, not being
 *    point-to-point) getifaddrs's; without one, EADDRNOTAVAIL;
 *  - SIOCGIFCONF lists exactly getifaddrs's IPv4 entries, name and
 *    address, and with no buffer says how many bytes they take; a buffer
 *    too short for all takes as many whole entries as fit;
 *  - on a UDP, a TCP and an AF_UNIX socket alike, but an AF_UNIX socket
 *    answers no address request (ENOTTY), nor does a pipe any;
 *  - an unknown name or index is ENODEV, a bad pointer EFAULT.
 * Nothing leaks. It passes on Linux too (tools/linux-check). */
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "boot_test.h"

static unsigned address_of(const struct sockaddr *address)
{
    return ((const struct sockaddr_in *)address)->sin_addr.s_addr;
}

static struct ifreq request_for(const char *name)
{
    struct ifreq request;
    memset(&request, 0, sizeof request);
    strncpy(request.ifr_name, name, IFNAMSIZ - 1);
    return request;
}

/* getifaddrs's IPv4 entry of `name`, or NULL; *flags its flags (from
 * any of its entries: Linux's list has an AF_PACKET one too). */
static struct ifaddrs *inet_entry(struct ifaddrs *list, const char *name, unsigned *flags)
{
    struct ifaddrs *found = NULL;
    for (struct ifaddrs *entry = list; entry; entry = entry->ifa_next) {
        if (strcmp(entry->ifa_name, name) != 0)
            continue;
        *flags = entry->ifa_flags;
        if (!found && entry->ifa_addr && entry->ifa_addr->sa_family == AF_INET)
            found = entry;
    }
    return found;
}

/* One IPv4 address request of `name` on `fd`: the address, in network order. */
static unsigned read_address(int fd, unsigned long request, const char *name, const char *what)
{
    struct ifreq asked = request_for(name);
    CHECK_EQ(0, ioctl(fd, request, &asked), what);
    CHECK_EQ(AF_INET, asked.ifr_addr.sa_family, what);
    return address_of(&asked.ifr_addr);
}

static void one_interface(int fd, struct ifaddrs *list, unsigned index, const char *name)
{
    struct ifreq asked = request_for(name);
    CHECK_EQ(0, ioctl(fd, SIOCGIFINDEX, &asked), "SIOCGIFINDEX");
    CHECK_EQ((int)index, asked.ifr_ifindex, name);
    memset(&asked, 'x', sizeof asked);
    asked.ifr_ifindex = (int)index;
    CHECK_EQ(0, ioctl(fd, SIOCGIFNAME, &asked), "SIOCGIFNAME");
    CHECK(strcmp(asked.ifr_name, name) == 0, "SIOCGIFNAME(%u): '%.16s', not %s", index, asked.ifr_name, name);

    unsigned flags = 0;
    struct ifaddrs *entry = inet_entry(list, name, &flags);
    asked = request_for(name);
    CHECK_EQ(0, ioctl(fd, SIOCGIFFLAGS, &asked), "SIOCGIFFLAGS");
    CHECK_EQ(flags & 0xffff, (unsigned short)asked.ifr_flags, name);
    int loopback = (flags & IFF_LOOPBACK) != 0;

    asked = request_for(name);
    CHECK_EQ(0, ioctl(fd, SIOCGIFMTU, &asked), "SIOCGIFMTU");
    if (loopback)
        CHECK(asked.ifr_mtu >= 16384, "lo's MTU: %d", asked.ifr_mtu);
    else
        CHECK(asked.ifr_mtu >= 576 && asked.ifr_mtu <= 1500, "%s: an Ethernet card's MTU: %d", name, asked.ifr_mtu);

    asked = request_for(name);
    CHECK_EQ(0, ioctl(fd, SIOCGIFHWADDR, &asked), "SIOCGIFHWADDR");
    const unsigned char *mac = (const unsigned char *)asked.ifr_hwaddr.sa_data;
    int zero = !(mac[0] | mac[1] | mac[2] | mac[3] | mac[4] | mac[5]);
    if (loopback) {
        CHECK_EQ(ARPHRD_LOOPBACK, asked.ifr_hwaddr.sa_family, "lo's kind of link");
        CHECK(zero, "lo has no link address");
    } else {
        CHECK_EQ(ARPHRD_ETHER, asked.ifr_hwaddr.sa_family, "a card's kind of link");
        CHECK(!zero && !(mac[0] & 1), "%s: a unicast link address (%02x:%02x:...)", name, mac[0], mac[1]);
    }

    printf("%s: index %u, flags %#x, link %d\n", name, index, flags & 0xffff, asked.ifr_hwaddr.sa_family);
    if (!entry) {
        asked = request_for(name);
        CHECK_ERROR(ioctl(fd, SIOCGIFADDR, &asked), EADDRNOTAVAIL);
        return;
    }
    unsigned address = address_of(entry->ifa_addr);
    CHECK_EQ(address, read_address(fd, SIOCGIFADDR, name, "SIOCGIFADDR"), name);
    CHECK_EQ(address_of(entry->ifa_netmask), read_address(fd, SIOCGIFNETMASK, name, "SIOCGIFNETMASK"), name);
    unsigned broadcast = (flags & IFF_BROADCAST) ? address_of(entry->ifa_broadaddr) : 0;
    CHECK_EQ(broadcast, read_address(fd, SIOCGIFBRDADDR, name, "SIOCGIFBRDADDR"), name);
    CHECK_EQ(address, read_address(fd, SIOCGIFDSTADDR, name, "SIOCGIFDSTADDR"), name);
}

static void every_interface(int fd)
{
    struct ifaddrs *list = NULL;
    CHECK_EQ(0, getifaddrs(&list), "getifaddrs");
    struct if_nameindex *all = if_nameindex();
    CHECK(all != NULL, "if_nameindex: %s", strerror(errno));
    int lo = 0;
    for (int i = 0; all && all[i].if_index; i++) {
        one_interface(fd, list, all[i].if_index, all[i].if_name);
        lo += strcmp(all[i].if_name, "lo") == 0;
    }
    CHECK_EQ(1, lo, "lo is one of them");
    if_freenameindex(all);
    freeifaddrs(list);
}

/* SIOCGIFCONF: getifaddrs's IPv4 entries, in its order (the interfaces'). */
static void the_address_list(int fd)
{
    struct ifaddrs *list = NULL;
    CHECK_EQ(0, getifaddrs(&list), "getifaddrs");
    int expected = 0;
    for (struct ifaddrs *entry = list; entry; entry = entry->ifa_next)
        expected += entry->ifa_addr && entry->ifa_addr->sa_family == AF_INET;
    CHECK(expected >= 1, "lo has 127.0.0.1: %d IPv4 entries", expected);

    struct ifconf asked = { .ifc_len = 12345, .ifc_buf = NULL };
    CHECK_EQ(0, ioctl(fd, SIOCGIFCONF, &asked), "SIOCGIFCONF, no buffer");
    CHECK_EQ(expected * (int)sizeof(struct ifreq), asked.ifc_len, "the bytes every entry needs");

    struct ifreq entries[16];
    memset(entries, 'x', sizeof entries);
    asked.ifc_len = sizeof entries;
    asked.ifc_req = entries;
    CHECK_EQ(0, ioctl(fd, SIOCGIFCONF, &asked), "SIOCGIFCONF");
    CHECK_EQ(expected * (int)sizeof(struct ifreq), asked.ifc_len, "the bytes written");
    int n = 0;
    for (struct ifaddrs *entry = list; entry && n < expected; entry = entry->ifa_next) {
        if (!entry->ifa_addr || entry->ifa_addr->sa_family != AF_INET)
            continue;
        CHECK(strcmp(entries[n].ifr_name, entry->ifa_name) == 0, "entry %d: '%.16s', getifaddrs's %s", n,
              entries[n].ifr_name, entry->ifa_name);
        CHECK_EQ(AF_INET, entries[n].ifr_addr.sa_family, "an entry's family");
        CHECK_EQ(address_of(entry->ifa_addr), address_of(&entries[n].ifr_addr), entry->ifa_name);
        n++;
    }
    CHECK(entries[expected].ifr_name[0] == 'x', "nothing written past ifc_len");

    memset(entries, 'x', sizeof entries);
    asked.ifc_len = sizeof(struct ifreq) + 10;          /* one entry and a part */
    CHECK_EQ(0, ioctl(fd, SIOCGIFCONF, &asked), "SIOCGIFCONF, room for one");
    CHECK_EQ((int)sizeof(struct ifreq), asked.ifc_len, "one whole entry");
    CHECK(entries[1].ifr_name[0] == 'x', "nothing written past the first entry");
    asked.ifc_len = 10;
    CHECK_EQ(0, ioctl(fd, SIOCGIFCONF, &asked), "SIOCGIFCONF, room for none");
    CHECK_EQ(0, asked.ifc_len, "no entry fits");
    asked.ifc_len = sizeof entries;
    asked.ifc_buf = (char *)8;
    CHECK_ERROR(ioctl(fd, SIOCGIFCONF, &asked), EFAULT);
    CHECK_ERROR(ioctl(fd, SIOCGIFCONF, (void *)8), EFAULT);
    freeifaddrs(list);
}

static void wrong_requests(int fd)
{
    struct ifreq asked = request_for("nosuch0");
    CHECK_ERROR(ioctl(fd, SIOCGIFFLAGS, &asked), ENODEV);
    CHECK_ERROR(ioctl(fd, SIOCGIFADDR, &asked), ENODEV);
    memset(asked.ifr_name, 'l', IFNAMSIZ);                  /* no terminating 0 */
    CHECK_ERROR(ioctl(fd, SIOCGIFINDEX, &asked), ENODEV);
    asked.ifr_ifindex = 0;
    CHECK_ERROR(ioctl(fd, SIOCGIFNAME, &asked), ENODEV);
    asked.ifr_ifindex = 9999;
    CHECK_ERROR(ioctl(fd, SIOCGIFNAME, &asked), ENODEV);
    CHECK_ERROR(ioctl(fd, SIOCGIFFLAGS, (void *)8), EFAULT);
    CHECK_ERROR(ioctl(fd, SIOCGIFADDR, NULL), EFAULT);
}

/* An AF_UNIX socket takes the interface's own requests, not its address's. */
static void on_a_local_socket(void)
{
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK(fd >= 0, "socket(AF_UNIX): %s", strerror(errno));
    struct ifreq asked = request_for("lo");
    CHECK_EQ(0, ioctl(fd, SIOCGIFFLAGS, &asked), "SIOCGIFFLAGS on AF_UNIX");
    CHECK_EQ(IFF_UP | IFF_LOOPBACK | IFF_RUNNING, asked.ifr_flags & (IFF_UP | IFF_LOOPBACK | IFF_RUNNING), "lo's");
    asked = request_for("lo");
    CHECK_EQ(0, ioctl(fd, SIOCGIFINDEX, &asked), "SIOCGIFINDEX on AF_UNIX");
    CHECK_EQ(1, asked.ifr_ifindex, "lo's index");
    struct ifconf list = { .ifc_len = 0, .ifc_buf = NULL };
    CHECK_EQ(0, ioctl(fd, SIOCGIFCONF, &list), "SIOCGIFCONF on AF_UNIX");
    CHECK(list.ifc_len >= (int)sizeof(struct ifreq), "at least lo's entry: %d bytes", list.ifc_len);
    asked = request_for("lo");
    CHECK_ERROR(ioctl(fd, SIOCGIFADDR, &asked), ENOTTY);
    CHECK_ERROR(ioctl(fd, SIOCGIFNETMASK, &asked), ENOTTY);
    close(fd);

    int ends[2];
    CHECK_EQ(0, pipe(ends), "pipe");
    asked = request_for("lo");
    CHECK_ERROR(ioctl(ends[0], SIOCGIFFLAGS, &asked), ENOTTY);
    close(ends[0]);
    close(ends[1]);
}

int main(void)
{
    struct ifaddrs *warm;                /* the heap malloc grows once, before counting */
    if (getifaddrs(&warm) == 0)
        freeifaddrs(warm);
    struct kinfo_counters before = counters_after_warm_up(read_counters().tasks);
    int types[] = { SOCK_DGRAM, SOCK_STREAM };
    for (int i = 0; i < 2; i++) {
        int fd = socket(AF_INET, types[i], 0);
        CHECK(fd >= 0, "socket(AF_INET): %s", strerror(errno));
        every_interface(fd);
        the_address_list(fd);
        wrong_requests(fd);
        close(fd);
    }
    on_a_local_socket();
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("net_interface_ioctls_read_what_getifaddrs_lists");
}

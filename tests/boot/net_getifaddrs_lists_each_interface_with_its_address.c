/* tests/boot/net_getifaddrs_lists_each_interface_with_its_address.c -
 * getifaddrs(3) and if_nametoindex(3), as on Linux: the loopback is
 * there, "lo", index 1, up, running and a loopback (no broadcast), with
 * 127.0.0.1/255.0.0.0; every IPv4 entry with IFF_BROADCAST has the
 * broadcast address its address and mask make; if_indextoname and
 * if_nameindex agree with if_nametoindex; an unknown name is 0 with
 * ENODEV, an unknown index NULL with ENXIO. Here (not on Linux, whose
 * list has an AF_PACKET entry per interface too), the list is ifconfig's
 * table, one entry each, in its order. Nothing leaks. It passes on Linux
 * too (tools/linux-check). */
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>

#include "boot_test.h"

static unsigned address_of(const struct sockaddr *address)
{
    return ((const struct sockaddr_in *)address)->sin_addr.s_addr;
}

static void the_list(void)
{
    struct ifaddrs *list = NULL;
    CHECK_EQ(0, getifaddrs(&list), "getifaddrs");
    int loopbacks = 0, entries = 0;
    for (struct ifaddrs *entry = list; entry; entry = entry->ifa_next) {
        entries++;
        if (!entry->ifa_addr || entry->ifa_addr->sa_family != AF_INET)
            continue;
        unsigned address = address_of(entry->ifa_addr), mask = address_of(entry->ifa_netmask);
        printf("%s: %s, flags %#x\n", entry->ifa_name, inet_ntoa(((struct sockaddr_in *)entry->ifa_addr)->sin_addr),
               entry->ifa_flags);
        if (entry->ifa_flags & IFF_BROADCAST) {
            CHECK(entry->ifa_broadaddr && address_of(entry->ifa_broadaddr) == (address | ~mask),
                  "%s: the broadcast address is its address with the host bits set", entry->ifa_name);
        }
        if (strcmp(entry->ifa_name, "lo") != 0)
            continue;
        loopbacks++;
        CHECK_EQ(htonl(INADDR_LOOPBACK), address, "lo's address: 127.0.0.1");
        CHECK_EQ(htonl(0xff000000), mask, "lo's netmask: 255.0.0.0");
        CHECK_EQ(IFF_UP | IFF_LOOPBACK | IFF_RUNNING, entry->ifa_flags & (IFF_UP | IFF_LOOPBACK | IFF_RUNNING),
                 "lo is up, running and a loopback");
        CHECK_EQ(0, entry->ifa_flags & IFF_BROADCAST, "lo has no broadcast");
    }
    CHECK_EQ(1, loopbacks, "one IPv4 entry for lo");
#ifndef __GLIBC__
    /* this kernel's list is ifconfig's table, one entry each, in order */
    int count = 0;
    struct kinfo_net_interface *table = kinfo_table(KINFO_NET_INTERFACES, sizeof *table, &count);
    CHECK(table != NULL, "kinfo_table: %s", strerror(errno));
    CHECK_EQ(count, entries, "one entry per interface of the kernel's table");
    struct ifaddrs *entry = list;
    for (int i = 0; i < count && entry; i++, entry = entry->ifa_next)
        CHECK(strncmp(entry->ifa_name, table[i].name, sizeof table[i].name) == 0, "entry %d: %s, the table's %.8s", i,
              entry->ifa_name, table[i].name);
    free(table);
#endif
    freeifaddrs(list);
}

static void names_and_indexes(void)
{
    CHECK_EQ(1, if_nametoindex("lo"), "if_nametoindex(lo)");
    char name[IF_NAMESIZE];
    memset(name, 'x', sizeof name);
    CHECK(if_indextoname(1, name) == name && strcmp(name, "lo") == 0, "if_indextoname(1): '%.16s'", name);
    errno = 0;
    CHECK_EQ(0, if_nametoindex("nosuch0"), "an unknown name");
    CHECK_EQ(ENODEV, errno, "ENODEV");
    errno = 0;
    CHECK(if_indextoname(9999, name) == NULL && errno == ENXIO, "an unknown index: NULL, ENXIO (errno %d)", errno);
    struct if_nameindex *all = if_nameindex();
    CHECK(all != NULL, "if_nameindex: %s", strerror(errno));
    int found = 0, i = 0;
    for (; all && all[i].if_index; i++) {
        CHECK_EQ(all[i].if_index, if_nametoindex(all[i].if_name), all[i].if_name);
        found += all[i].if_index == 1 && strcmp(all[i].if_name, "lo") == 0;
    }
    CHECK(all && all[i].if_name == NULL, "the list ends with index 0 and name NULL");
    CHECK_EQ(1, found, "lo, index 1, in if_nameindex");
    if_freenameindex(all);
}

int main(void)
{
    struct ifaddrs *warm;                /* the heap malloc grows once, before counting */
    if (getifaddrs(&warm) == 0)
        freeifaddrs(warm);
    struct kinfo_counters before = counters_after_warm_up(read_counters().tasks);
    the_list();
    names_and_indexes();
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("net_getifaddrs_lists_each_interface_with_its_address");
}

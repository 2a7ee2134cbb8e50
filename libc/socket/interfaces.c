/* libc/socket/interfaces.c - the network interfaces as a program asks
 * for them: getifaddrs(3) and freeifaddrs, and if_nametoindex(3) and its
 * three friends. All read the kernel's table of interfaces,
 * kinfo(KINFO_NET_INTERFACES), as ifconfig does; an interface's index is
 * its place in that table, from 1 (lo 1, eth0 2, as on Linux). A kernel
 * built without the network (PROFILE=ipc) has no table: no interfaces.
 *
 * One difference from glibc: its getifaddrs also lists an AF_PACKET
 * entry for each interface (its link-level address and counters); this
 * kernel has no packet sockets, so the list has one entry per interface,
 * AF_INET, with ifa_addr NULL while the interface has no address yet. */
#include <errno.h>
#include <ifaddrs.h>
#include <kernel.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

/* The kernel's interfaces into *count (the array to free), or NULL: with
 * *count 0 and errno 0 when the kernel has no network, else errno. */
static struct kinfo_net_interface *read_interfaces(int *count)
{
    *count = 0;
    struct kinfo_net_interface *table = kinfo_table(KINFO_NET_INTERFACES, sizeof *table, count);
    if (!table && errno == EINVAL)
        errno = 0;                      /* no network in this kernel: no interfaces */
    return table;
}

/* One entry of getifaddrs's list and what it points to, in one block. */
struct interface_entry {
    struct ifaddrs entry;
    struct sockaddr_in address, netmask, broadcast;
    char name[IF_NAMESIZE];
};

static void set_address(struct sockaddr_in *in, unsigned address)
{
    memset(in, 0, sizeof *in);
    in->sin_family = AF_INET;
    in->sin_addr.s_addr = address;
}

int getifaddrs(struct ifaddrs **list)
{
    int count;
    struct kinfo_net_interface *table = read_interfaces(&count);
    if (!table && errno)
        return -1;
    struct ifaddrs *first = NULL, **link = &first;
    for (int i = 0; i < count; i++) {
        const struct kinfo_net_interface *interface = &table[i];
        struct interface_entry *made = calloc(1, sizeof *made);
        if (!made) {
            freeifaddrs(first);
            free(table);
            errno = ENOMEM;
            return -1;
        }
        memcpy(made->name, interface->name, sizeof interface->name);   /* 8 bytes, 0-padded */
        made->entry.ifa_name = made->name;
        if (interface->flags & KINFO_NET_UP)
            made->entry.ifa_flags |= IFF_UP | IFF_RUNNING;
        if (interface->flags & KINFO_NET_LOOPBACK)
            made->entry.ifa_flags |= IFF_LOOPBACK;
        else
            made->entry.ifa_flags |= IFF_BROADCAST;
        if (interface->address) {
            set_address(&made->address, interface->address);
            set_address(&made->netmask, interface->netmask);
            made->entry.ifa_addr = (struct sockaddr *)&made->address;
            made->entry.ifa_netmask = (struct sockaddr *)&made->netmask;
            if (made->entry.ifa_flags & IFF_BROADCAST) {
                set_address(&made->broadcast, interface->address | ~interface->netmask);
                made->entry.ifa_broadaddr = (struct sockaddr *)&made->broadcast;
            }
        }
        *link = &made->entry;
        link = &made->entry.ifa_next;
    }
    free(table);
    *list = first;
    return 0;
}

void freeifaddrs(struct ifaddrs *list)
{
    while (list) {
        struct ifaddrs *next = list->ifa_next;
        free(list);                     /* the entry is its block's first member */
        list = next;
    }
}

unsigned int if_nametoindex(const char *name)
{
    int count;
    struct kinfo_net_interface *table = read_interfaces(&count);
    unsigned index = 0;
    for (int i = 0; i < count && !index; i++)
        if (strncmp(table[i].name, name, sizeof table[i].name) == 0 && strlen(name) <= sizeof table[i].name)
            index = (unsigned)i + 1;
    free(table);
    if (!index)
        errno = ENODEV;
    return index;
}

char *if_indextoname(unsigned int index, char *name)
{
    int count;
    struct kinfo_net_interface *table = read_interfaces(&count);
    char *result = NULL;
    if (index >= 1 && index <= (unsigned)count) {
        memset(name, 0, IF_NAMESIZE);
        memcpy(name, table[index - 1].name, sizeof table[index - 1].name);
        result = name;
    }
    free(table);
    if (!result)
        errno = ENXIO;
    return result;
}

struct if_nameindex *if_nameindex(void)
{
    int count;
    struct kinfo_net_interface *table = read_interfaces(&count);
    if (!table && errno)
        return NULL;
    /* the entries, then their names, in one block if_freenameindex frees */
    struct if_nameindex *list = malloc((size_t)(count + 1) * (sizeof *list + IF_NAMESIZE));
    if (!list) {
        free(table);
        errno = ENOMEM;
        return NULL;
    }
    char *names = (char *)(list + count + 1);
    for (int i = 0; i < count; i++) {
        char *name = names + (size_t)i * IF_NAMESIZE;
        memset(name, 0, IF_NAMESIZE);
        memcpy(name, table[i].name, sizeof table[i].name);
        list[i].if_index = (unsigned)i + 1;
        list[i].if_name = name;
    }
    list[count].if_index = 0;
    list[count].if_name = NULL;
    free(table);
    return list;
}

void if_freenameindex(struct if_nameindex *list)
{
    free(list);
}

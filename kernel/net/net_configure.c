/* kernel/net/net_configure.c - ifconfig's two ways in: setting an
 * interface's address, netmask, gateway and state (SYS_net_configure),
 * and listing the interfaces with their counters (for kinfo). The user
 * side speaks network byte order (uapi/net.h); the kernel keeps host
 * order (net_interface.h). */
#include "dhcp.h"
#include "lib/string.h"
#include "mm/uaccess.h"
#include "net_interface.h"
#include "proc/credentials.h"
#include "proc/process.h"
#include "sched/task.h"
#include "subsystems/net_calls.h"
#include "uapi/errno.h"
#include "uapi/kinfo.h"
#include "uapi/net.h"

#define NET_SET_EVERYTHING (NET_SET_ADDRESS | NET_SET_NETMASK | NET_SET_GATEWAY | NET_SET_UP | NET_SET_DHCP)

/* A netmask is ones then zeros: its complement plus one is a power of two. */
static int netmask_is_valid(uint32_t netmask)
{
    uint32_t host_bits = ~netmask;
    return netmask != 0 && (host_bits & (host_bits + 1)) == 0;
}

int sys_net_configure(const void *configuration)
{
    if (!credentials_is_root(current_task->process))
        return -EPERM;
    struct net_configuration request;
    if (copy_from_user(&request, configuration, sizeof request) < 0)
        return -EFAULT;
    if ((request.set & ~NET_SET_EVERYTHING) || strnlen(request.name, sizeof request.name) == sizeof request.name)
        return -EINVAL;
    struct net_interface *interface = net_interface_find(request.name);
    if (!interface)
        return -ENODEV;
    uint32_t address = net_order32(request.address);
    uint32_t netmask = net_order32(request.netmask);
    uint32_t gateway = net_order32(request.gateway);
    if ((request.set & NET_SET_NETMASK) && !netmask_is_valid(netmask))
        return -EINVAL;
    if ((request.set & NET_SET_UP) && request.up != 0 && request.up != 1)
        return -EINVAL;
    if ((request.set & NET_SET_DHCP) && interface->loopback)
        return -EINVAL;

    if (request.set & NET_SET_ADDRESS) {
        interface->address = address;
        interface->configured_by_dhcp = 0;
    }
    if (request.set & NET_SET_NETMASK)
        interface->netmask = netmask;
    if (request.set & NET_SET_GATEWAY)
        interface->gateway = gateway;
    if (request.set & NET_SET_UP)
        interface->up = request.up;
    if (request.set & NET_SET_DHCP) {
        interface->up = 1;
        dhcp_start(interface);     /* the answer comes later; the call returns now */
    }
    return 0;
}

struct listing {
    struct kinfo_net_interface *entries;
    unsigned capacity, count;
};

static void list_one(struct net_interface *interface, void *context)
{
    struct listing *listing = context;
    if (listing->count < listing->capacity) {
        struct kinfo_net_interface *entry = &listing->entries[listing->count];
        memset(entry, 0, sizeof *entry);
        memcpy(entry->name, interface->name, sizeof entry->name);
        memcpy(entry->mac, interface->mac, sizeof entry->mac);
        entry->mtu = (unsigned short)interface->mtu;
        entry->flags = (interface->up ? KINFO_NET_UP : 0) | (interface->loopback ? KINFO_NET_LOOPBACK : 0) |
                       (interface->configured_by_dhcp ? KINFO_NET_DHCP : 0);
        entry->address = net_order32(interface->address);
        entry->netmask = net_order32(interface->netmask);
        entry->gateway = net_order32(interface->gateway);
        entry->received_packets = interface->received_packets;
        entry->received_bytes = interface->received_bytes;
        entry->received_dropped = interface->received_dropped;
        entry->received_errors = interface->received_errors;
        entry->sent_packets = interface->sent_packets;
        entry->sent_bytes = interface->sent_bytes;
        entry->sent_dropped = interface->sent_dropped;
    }
    listing->count++;
}

unsigned net_interface_list(struct kinfo_net_interface *entries, unsigned capacity)
{
    struct listing listing = { entries, capacity, 0 };
    net_interface_for_each(list_one, &listing);
    return listing.count;
}

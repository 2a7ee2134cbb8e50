/* kernel/net/net_interface.c - the list of interfaces, routing (which
 * interface a packet leaves by, and to which neighbour), and net_init,
 * which brings the network up at boot.
 *
 * Routing is the smallest table that serves a machine with a loopback and
 * one card, tried in this order:
 *   1. an address of this machine    -> "lo" (as Linux: a packet to our
 *                                       own card's address never leaves)
 *   2. 255.255.255.255               -> the first card that is up
 *   3. an address on a card's subnet -> that card, to the address itself
 *   4. anything else                 -> the first card with a gateway, to
 *                                       the gateway (the default route) */
#include "net_interface.h"

#include "dhcp.h"
#include "drivers/e1000.h"
#include "kernel/cmdline.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "loopback.h"
#include "sched/clock.h"
#include "sched/scheduler.h"
#include "sched/sleep.h"

#define LOOPBACK_NETWORK      0x7f000000u   /* 127.0.0.0/8 */
#define LOOPBACK_NETWORK_MASK 0xff000000u
#define LIMITED_BROADCAST     0xffffffffu   /* 255.255.255.255 */
#define IPV4_BITS             32

static struct list interfaces = { { &interfaces.head, &interfaces.head } };

void net_interface_register(struct net_interface *interface)
{
    list_push_back(&interfaces, &interface->link);
}

struct net_interface *net_interface_find(const char *name)
{
    list_for_each(node, &interfaces) {
        struct net_interface *interface = list_entry(node, struct net_interface, link);
        if (strncmp(interface->name, name, NET_INTERFACE_NAME_MAX) == 0)
            return interface;
    }
    return NULL;
}

unsigned net_interface_index(const struct net_interface *interface)
{
    unsigned index = 1;
    list_for_each(node, &interfaces) {
        if (list_entry(node, struct net_interface, link) == interface)
            return index;
        index++;
    }
    return 0;
}

struct net_interface *net_interface_by_index(unsigned index)
{
    unsigned at = 1;
    list_for_each(node, &interfaces)
        if (at++ == index)
            return list_entry(node, struct net_interface, link);
    return NULL;
}

void net_interface_for_each(void (*visit)(struct net_interface *interface, void *context), void *context)
{
    list_for_each(node, &interfaces)
        visit(list_entry(node, struct net_interface, link), context);
}

int net_address_is_local(uint32_t address)
{
    if ((address & LOOPBACK_NETWORK_MASK) == LOOPBACK_NETWORK)
        return 1;
    if (address == 0)
        return 0;
    list_for_each(node, &interfaces) {
        struct net_interface *interface = list_entry(node, struct net_interface, link);
        if (interface->up && interface->address == address)
            return 1;
    }
    return 0;
}

/* The first interface that is up and satisfies `wanted`, or NULL. */
static struct net_interface *first_interface(int (*wanted)(const struct net_interface *, uint32_t), uint32_t address)
{
    list_for_each(node, &interfaces) {
        struct net_interface *interface = list_entry(node, struct net_interface, link);
        if (interface->up && wanted(interface, address))
            return interface;
    }
    return NULL;
}

static int is_loopback(const struct net_interface *interface, uint32_t unused)
{
    (void)unused;
    return interface->loopback;
}

static int is_card(const struct net_interface *interface, uint32_t unused)
{
    (void)unused;
    return !interface->loopback;
}

static int has_on_its_subnet(const struct net_interface *interface, uint32_t address)
{
    return !interface->loopback && interface->address != 0 &&
           (address & interface->netmask) == (interface->address & interface->netmask);
}

static int has_gateway(const struct net_interface *interface, uint32_t unused)
{
    (void)unused;
    return !interface->loopback && interface->gateway != 0;
}

struct net_interface *net_route(uint32_t destination, uint32_t *next_hop)
{
    struct net_interface *interface;
    *next_hop = destination;
    if (net_address_is_local(destination))
        return first_interface(is_loopback, 0);
    if (destination == LIMITED_BROADCAST)
        return first_interface(is_card, 0);
    interface = first_interface(has_on_its_subnet, destination);
    if (interface)
        return interface;
    interface = first_interface(has_gateway, 0);
    if (interface)
        *next_hop = interface->gateway;
    return interface;
}

/* How many leading one bits `netmask` has (24 for 255.255.255.0). */
static unsigned prefix_length(uint32_t netmask)
{
    unsigned bits = 0;
    while (bits < IPV4_BITS && (netmask & (0x80000000u >> bits)))
        bits++;
    return bits;
}

void net_interface_announce(const struct net_interface *interface)
{
    const char *how = interface->loopback ? "loopback" : interface->configured_by_dhcp ? "DHCP" : "static";
    if (!interface->up) {
        kprintf("net: %s down\n", interface->name);
    } else if (interface->gateway) {
        kprintf("net: %s " NET_ADDRESS_FORMAT "/%u gateway " NET_ADDRESS_FORMAT " (%s)\n", interface->name,
                NET_ADDRESS_ARGUMENTS(interface->address), prefix_length(interface->netmask),
                NET_ADDRESS_ARGUMENTS(interface->gateway), how);
    } else {
        kprintf("net: %s " NET_ADDRESS_FORMAT "/%u (%s)\n", interface->name,
                NET_ADDRESS_ARGUMENTS(interface->address), prefix_length(interface->netmask), how);
    }
}

/* Reads a dotted address ("10.0.2.15") at *text into *address, moving
 * *text past it: 0, or -1 when it is not one. */
static int parse_address(const char **text, uint32_t *address)
{
    const char *cursor = *text;
    uint32_t value = 0;
    for (int part = 0; part < 4; part++) {
        if (part > 0 && *cursor++ != '.')
            return -1;
        if (*cursor < '0' || *cursor > '9')
            return -1;
        unsigned byte = 0;
        while (*cursor >= '0' && *cursor <= '9') {
            byte = byte * 10 + (unsigned)(*cursor++ - '0');
            if (byte > 255)
                return -1;
        }
        value = value << 8 | byte;
    }
    *address = value;
    *text = cursor;
    return 0;
}

/* Sets `interface` up from the command line's `ip=ADDRESS/PREFIX[,GATEWAY]`:
 * 0, or -1 when the option cannot be read. */
static int configure_statically(struct net_interface *interface, const char *option)
{
    uint32_t address, gateway = 0;
    if (parse_address(&option, &address) < 0 || *option++ != '/')
        return -1;
    unsigned prefix = 0;
    if (*option < '0' || *option > '9')
        return -1;
    while (*option >= '0' && *option <= '9')
        prefix = prefix * 10 + (unsigned)(*option++ - '0');
    if (prefix == 0 || prefix > IPV4_BITS)
        return -1;
    if (*option == ',' && (option++, parse_address(&option, &gateway) < 0))
        return -1;
    if (*option != '\0')
        return -1;
    interface->address = address;
    interface->netmask = prefix == IPV4_BITS ? 0xffffffffu : ~(0xffffffffu >> prefix);
    interface->gateway = gateway;
    interface->configured_by_dhcp = 0;
    interface->up = 1;
    return 0;
}

/* The card's address: the command line's `ip=` (or `ip=none`: down), else
 * DHCP, which announces the interface once it has an answer. */
static void configure_card(struct net_interface *card)
{
    const char *option = cmdline_option(&kernel_cmdline, "ip");
    if (option && strcmp(option, "none") == 0) {
        card->up = 0;
        net_interface_announce(card);
        return;
    }
    if (option && configure_statically(card, option) == 0) {
        net_interface_announce(card);
        return;
    }
    if (option)
        kprintf("net: cannot read ip=%s (ADDRESS/PREFIX[,GATEWAY] or none); asking DHCP\n", option);
    card->up = 1;
    dhcp_start(card);
}

void net_init(void)
{
    kernel_lock();              /* protocol code runs under the kernel lock */
    loopback_init();
    net_interface_announce(net_interface_find("lo"));
    if (e1000_init()) {
        struct net_interface *card = net_interface_find("eth0");
        if (card)
            configure_card(card);
    }
    net_task_start();
    kernel_unlock();
}

#define ADDRESS_WAIT_NS 3000000000ull    /* the boot waits for DHCP 3 s at most */
#define ADDRESS_LOOK_NS 10000000ull      /* and looks every 10 ms */

/* Whether a card that is up still waits for DHCP's first answer. */
static int an_address_is_awaited(void)
{
    int awaited = 0;
    list_for_each(node, &interfaces) {
        struct net_interface *interface = list_entry(node, struct net_interface, link);
        if (!interface->loopback && interface->up && !interface->address && dhcp_in_progress(interface))
            awaited = 1;
    }
    return awaited;
}

void net_wait_for_addresses(void)
{
    uint64_t deadline = clock_tick_ns() + ADDRESS_WAIT_NS;
    while (an_address_is_awaited() && clock_tick_ns() < deadline)
        nano_sleep(ADDRESS_LOOK_NS);
}

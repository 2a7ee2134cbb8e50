/* user/bin/ifconfig.c - ifconfig: show or set the network interfaces, as
 * Linux's ifconfig (net-tools) does, through kinfo(KINFO_NET_INTERFACES)
 * and net_configure(2) (kernel/uapi/kinfo.h, kernel/uapi/net.h).
 *
 *   ifconfig [-a]             every interface, in Linux's long form:
 *       eth0: flags=<UP>  mtu 1500
 *               inet 10.0.2.15  netmask 255.255.255.0  (DHCP)
 *               ether 52:54:00:12:34:56
 *               RX packets 12  bytes 1890  dropped 0  errors 0
 *               TX packets 14  bytes 1212  dropped 0
 *   ifconfig -s               a line each (Linux's -s): the counters
 *   ifconfig IFACE            one interface
 *   ifconfig IFACE [ADDRESS[/BITS]] [netmask MASK] [gateway ADDRESS]
 *                  [up | down | dhcp]
 *
 * Setting is for root. ADDRESS/BITS sets the netmask too (10.0.3.1/24);
 * an address alone keeps the netmask the interface has. `gateway` is this
 * ifconfig's own word: Linux sets a default route with route(8) or
 * ip-route(8), here the gateway belongs to the interface (0.0.0.0: none).
 * `dhcp` asks QEMU's DHCP server for an address again and returns at
 * once; the answer shows a moment later. Addresses may be names of
 * /etc/hosts. */
#include <errno.h>
#include <kernel.h>
#include <netdb.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ADDRESS_BITS           32
#define PREFIX_MAX_TEXT        3     /* "/24" has at most 2 digits */

/* An address (network order) as "a.b.c.d", in one of two buffers used in
 * turn, so that two may appear in one printf. */
static const char *dotted(unsigned address)
{
    static char texts[2][INET_ADDRSTRLEN];
    static int next;
    struct in_addr in = { address };
    char *text = texts[next];
    next = !next;
    return inet_ntop(AF_INET, &in, text, INET_ADDRSTRLEN);
}

/* The interface's flags as Linux writes them: "UP,LOOPBACK". */
static void flag_names(unsigned flags, char *text, size_t size)
{
    snprintf(text, size, "%s%s%s", flags & KINFO_NET_UP ? "UP" : "",
             (flags & KINFO_NET_UP) && (flags & KINFO_NET_LOOPBACK) ? "," : "",
             flags & KINFO_NET_LOOPBACK ? "LOOPBACK" : "");
}

/* Prints one interface in the long form. */
static void show_interface(const struct kinfo_net_interface *i)
{
    char flags[32];
    flag_names(i->flags, flags, sizeof flags);
    printf("%.*s: flags=<%s>  mtu %u\n", (int)sizeof i->name, i->name, flags, i->mtu);
    printf("        inet %s  netmask %s", dotted(i->address), dotted(i->netmask));
    if (i->gateway)
        printf("  gateway %s", dotted(i->gateway));
    printf("%s\n", i->flags & KINFO_NET_DHCP ? "  (DHCP)" : "");
    if (i->flags & KINFO_NET_LOOPBACK)
        printf("        loop  (Local Loopback)\n");
    else
        printf("        ether %02x:%02x:%02x:%02x:%02x:%02x  (Ethernet)\n", i->mac[0], i->mac[1], i->mac[2],
               i->mac[3], i->mac[4], i->mac[5]);
    printf("        RX packets %u  bytes %u  dropped %u  errors %u\n", i->received_packets, i->received_bytes,
           i->received_dropped, i->received_errors);
    printf("        TX packets %u  bytes %u  dropped %u\n\n", i->sent_packets, i->sent_bytes, i->sent_dropped);
}

/* Prints every interface as one line of a table (ifconfig -s). */
static void show_short(const struct kinfo_net_interface *interfaces, int count)
{
    printf("%-8s %5s %8s %6s %6s %8s %6s %s\n", "Iface", "MTU", "RX-OK", "RX-ERR", "RX-DRP", "TX-OK", "TX-DRP",
           "Flg");
    for (int n = 0; n < count; n++) {
        const struct kinfo_net_interface *i = &interfaces[n];
        printf("%-8.*s %5u %8u %6u %6u %8u %6u %s%s\n", (int)sizeof i->name, i->name, i->mtu, i->received_packets,
               i->received_errors, i->received_dropped, i->sent_packets, i->sent_dropped,
               i->flags & KINFO_NET_LOOPBACK ? "L" : "", i->flags & KINFO_NET_UP ? "U" : "");
    }
}

/* An address or a name of /etc/hosts into *address (network order):
 * 0, or -1 after a message. */
static int read_address(const char *text, unsigned *address)
{
    struct hostent *host = gethostbyname(text);
    if (!host) {
        fprintf(stderr, "ifconfig: %s: no such address or host\n", text);
        return -1;
    }
    memcpy(address, host->h_addr_list[0], sizeof *address);
    return 0;
}

/* "ADDRESS/BITS": the address and the netmask of BITS ones. 0, or -1. */
static int read_address_and_prefix(const char *text, struct net_configuration *change)
{
    char address[INET_ADDRSTRLEN + PREFIX_MAX_TEXT];
    const char *slash = strchr(text, '/');
    if (!slash)
        return read_address(text, &change->address);
    char *end;
    long bits = strtol(slash + 1, &end, 10);
    if ((size_t)(slash - text) >= INET_ADDRSTRLEN || slash[1] == '\0' || *end || bits <= 0 ||
        bits > ADDRESS_BITS) {
        fprintf(stderr, "ifconfig: %s: not ADDRESS/BITS (BITS from 1 to 32)\n", text);
        return -1;
    }
    snprintf(address, sizeof address, "%.*s", (int)(slash - text), text);
    change->netmask = htonl(bits == ADDRESS_BITS ? 0xffffffffu : ~(0xffffffffu >> bits));
    change->set |= NET_SET_NETMASK;
    return read_address(address, &change->address);
}

/* Reads the words after the interface's name into *change: 0, or -1
 * after a message. */
static int read_changes(int argc, char **argv, struct net_configuration *change)
{
    for (int i = 0; i < argc; i++) {
        const char *word = argv[i];
        if (!strcmp(word, "up") || !strcmp(word, "down")) {
            change->set |= NET_SET_UP;
            change->up = !strcmp(word, "up");
        } else if (!strcmp(word, "dhcp")) {
            change->set |= NET_SET_DHCP;
        } else if (!strcmp(word, "netmask") || !strcmp(word, "gateway")) {
            if (i + 1 == argc) {
                fprintf(stderr, "ifconfig: %s needs an address\n", word);
                return -1;
            }
            int is_netmask = !strcmp(word, "netmask");
            change->set |= is_netmask ? NET_SET_NETMASK : NET_SET_GATEWAY;
            if (read_address(argv[++i], is_netmask ? &change->netmask : &change->gateway) < 0)
                return -1;
        } else {
            change->set |= NET_SET_ADDRESS;
            if (read_address_and_prefix(word, change) < 0)
                return -1;
        }
    }
    return 0;
}

/* ifconfig IFACE WORDS...: applies the change. The exit status. */
static int configure(const char *name, int argc, char **argv)
{
    struct net_configuration change;
    memset(&change, 0, sizeof change);
    if (strlen(name) >= sizeof change.name) {
        fprintf(stderr, "ifconfig: %s: no such interface\n", name);
        return 1;
    }
    strcpy(change.name, name);
    if (read_changes(argc, argv, &change) < 0)
        return 1;
    if (net_configure(&change) < 0) {
        fprintf(stderr, "ifconfig: %s: %s\n", name, errno == ENODEV ? "no such interface" : strerror(errno));
        return 1;
    }
    return 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: ifconfig [-a | -s | IFACE]\n"
                    "       ifconfig IFACE [ADDRESS[/BITS]] [netmask MASK] [gateway ADDRESS] [up|down|dhcp]\n");
}

int main(int argc, char **argv)
{
    int short_form = argc == 2 && !strcmp(argv[1], "-s");
    if (argc > 1 && argv[1][0] == '-' && !short_form && strcmp(argv[1], "-a")) {
        usage();
        return 2;
    }
    if (argc > 2 && argv[1][0] != '-')
        return configure(argv[1], argc - 2, argv + 2);
    if (argc > 2) {
        usage();
        return 2;
    }
    int count;
    struct kinfo_net_interface *interfaces = kinfo_table(KINFO_NET_INTERFACES, sizeof *interfaces, &count);
    if (!interfaces) {
        fprintf(stderr, "ifconfig: %s\n", strerror(errno));
        return 1;
    }
    const char *wanted = argc == 2 && argv[1][0] != '-' ? argv[1] : NULL;
    int shown = 0;
    if (short_form)
        show_short(interfaces, count);
    for (int i = 0; i < count && !short_form; i++) {
        if (wanted && strncmp(interfaces[i].name, wanted, sizeof interfaces[i].name))
            continue;
        show_interface(&interfaces[i]);
        shown++;
    }
    free(interfaces);
    if (wanted && !shown) {
        fprintf(stderr, "ifconfig: %s: no such interface\n", wanted);
        return 1;
    }
    return 0;
}

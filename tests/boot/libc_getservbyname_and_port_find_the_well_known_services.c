/* tests/boot/libc_getservbyname_and_port_find_the_well_known_services.c -
 * getservbyname finds a well-known service by name over TCP, UDP or
 * either, with its port in network byte order; getservbyport finds it
 * back by port; a service that does not run over the protocol asked for,
 * an unknown name or protocol, and a port nobody uses give NULL. The
 * entries checked are in Linux's /etc/services too, so it passes on
 * Linux (tools/linux-check). */
#include <arpa/inet.h>
#include <netdb.h>

#include "boot_test.h"

static void expect(const struct servent *entry, const char *name, int port, const char *protocol)
{
    CHECK(entry != NULL, "%s/%s: found", name, protocol);
    if (!entry)
        return;
    CHECK(!strcmp(entry->s_name, name), "s_name %s, expected %s", entry->s_name, name);
    CHECK_EQ(port, ntohs((uint16_t)entry->s_port), "s_port (network byte order)");
    CHECK(!strcmp(entry->s_proto, protocol), "s_proto %s, expected %s", entry->s_proto, protocol);
    CHECK(entry->s_aliases != NULL, "s_aliases is a list");
}

int main(void)
{
    expect(getservbyname("echo", "tcp"), "echo", 7, "tcp");
    expect(getservbyname("echo", "udp"), "echo", 7, "udp");
    expect(getservbyname("echo", NULL), "echo", 7, "tcp");
    expect(getservbyname("daytime", "tcp"), "daytime", 13, "tcp");
    expect(getservbyname("http", "tcp"), "http", 80, "tcp");
    expect(getservbyname("ntp", "udp"), "ntp", 123, "udp");
    expect(getservbyname("tftp", NULL), "tftp", 69, "udp");
    expect(getservbyport(htons(7), "udp"), "echo", 7, "udp");
    expect(getservbyport(htons(80), NULL), "http", 80, "tcp");
    expect(getservbyport(htons(22), "tcp"), "ssh", 22, "tcp");
    CHECK(getservbyname("tftp", "tcp") == NULL, "tftp runs over UDP only");
    CHECK(getservbyname("no-such-service", NULL) == NULL, "an unknown name");
    CHECK(getservbyname("echo", "sctp-of-nobody") == NULL, "an unknown protocol");
    CHECK(getservbyport(htons(65000), NULL) == NULL, "a port nobody uses");
    CHECK(getservbyport(htons(80), "udp") == NULL, "http does not run over UDP");
    /* the storage is the library's, reused by the next call, as glibc's */
    struct servent *first = getservbyname("echo", "tcp");
    struct servent *second = getservbyname("daytime", "tcp");
    CHECK(first == second, "one static entry");
    return test_finish("libc_getservbyname_and_port_find_the_well_known_services");
}

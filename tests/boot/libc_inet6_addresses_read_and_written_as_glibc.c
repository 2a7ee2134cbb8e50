/* libc_inet6_addresses_read_and_written_as_glibc: inet_pton and
 * inet_ntop take AF_INET6 as glibc does, though the kernel has no IPv6
 * socket (socket(AF_INET6) is EAFNOSUPPORT, as on a Linux booted with
 * ipv6.disable=1: socket_names_live_in_the_file_system). A program
 * written for both families reads and prints its addresses the same
 * here:
 *   - text read: groups of one to four hex digits, one "::", a dotted
 *     quad for the last 32 bits; anything else is 0, the destination
 *     untouched;
 *   - text written: lower case, no leading zeros, the longest run of two
 *     or more zero groups as "::" (the first of equal runs), IPv4-mapped
 *     and IPv4-compatible addresses with a dotted quad;
 *   - <netinet/in.h>'s struct sockaddr_in6 (28 bytes), in6addr_any and
 *     in6addr_loopback, and the IN6_IS_ADDR_ macros.
 * It passes on Linux too (tools/linux-check). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stddef.h>
#include <sys/socket.h>

#include "boot_test.h"

/* `text` is read, and written back as `written` */
static void round_trip(const char *text, const char *written)
{
    struct in6_addr address;
    char back[INET6_ADDRSTRLEN];
    int read = inet_pton(AF_INET6, text, &address);
    CHECK(read == 1, "inet_pton(AF_INET6, \"%s\") = %d, not 1", text, read);
    if (read != 1)
        return;
    const char *result = inet_ntop(AF_INET6, &address, back, sizeof back);
    CHECK(result == back && !strcmp(back, written), "\"%s\" written back as \"%s\", not \"%s\"",
          text, result ? back : "(NULL)", written);
}

static void refused(const char *text)
{
    struct in6_addr address;
    memset(&address, 0xa5, sizeof address);
    int read = inet_pton(AF_INET6, text, &address);
    CHECK(read == 0, "inet_pton(AF_INET6, \"%s\") = %d, not 0", text, read);
    CHECK(address.s6_addr[0] == 0xa5 && address.s6_addr[15] == 0xa5, "\"%s\": the destination is left alone", text);
}

static void the_text_forms(void)
{
    round_trip("::", "::");
    round_trip("::1", "::1");
    round_trip("1::", "1::");
    round_trip("FE80::0202:B3FF:FE1E:8329", "fe80::202:b3ff:fe1e:8329");
    round_trip("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1");
    round_trip("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1");      /* equal runs: the first */
    round_trip("0:0:1:0:0:1:0:0", "::1:0:0:1:0:0");
    round_trip("1:0:2:3:4:5:6:7", "1:0:2:3:4:5:6:7");              /* one zero group stays */
    round_trip("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0");              /* "::" for one group, read */
    round_trip("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8");
    round_trip("1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304");
    round_trip("::ffff:10.0.2.15", "::ffff:10.0.2.15");            /* IPv4-mapped */
    round_trip("::ffff:0a00:020f", "::ffff:10.0.2.15");
    round_trip("::1.2.3.4", "::1.2.3.4");                          /* IPv4-compatible */
    round_trip("::0.0.0.2", "::2");
    round_trip("::0.1.0.0", "::0.1.0.0");
    round_trip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");

    const char *not_addresses[] = {
        "", ":", ":1", "1:", "1:::2", "1::2::3", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "12345::", "g::", "1.2.3.4", "::1.2.3",
        "::1.2.3.04", "::256.1.1.1", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3.4:5", " ::1", "::1 ",
    };
    for (unsigned i = 0; i < sizeof not_addresses / sizeof not_addresses[0]; i++)
        refused(not_addresses[i]);
}

static void room_and_families(void)
{
    char text[INET6_ADDRSTRLEN];
    CHECK(inet_ntop(AF_INET6, &in6addr_loopback, text, 4) == text && !strcmp(text, "::1"), "\"::1\" in 4 bytes");
    CHECK(inet_ntop(AF_INET6, &in6addr_loopback, text, 3) == NULL && errno == ENOSPC, "not in 3: ENOSPC");
    errno = 0;
    CHECK_EQ(-1, inet_pton(12345, "::1", text), "inet_pton of an unknown family");
    CHECK_EQ(EAFNOSUPPORT, errno, "its errno");
    errno = 0;
    CHECK(inet_ntop(12345, &in6addr_loopback, text, sizeof text) == NULL && errno == EAFNOSUPPORT,
          "inet_ntop of an unknown family: EAFNOSUPPORT");
    struct in_addr four;
    CHECK_EQ(0, inet_pton(AF_INET, "::1", &four), "IPv6 text is no AF_INET address");
}

static void the_header(void)
{
    CHECK_EQ(10, AF_INET6, "AF_INET6 is Linux's 10");
    CHECK_EQ(28, sizeof(struct sockaddr_in6), "struct sockaddr_in6");
    CHECK(sizeof(struct sockaddr_storage) >= sizeof(struct sockaddr_in6), "sockaddr_storage holds it");
    struct sockaddr_in6 address = { .sin6_family = AF_INET6, .sin6_port = htons(7) };
    CHECK_EQ(0, offsetof(struct sockaddr_in6, sin6_family), "sin6_family first");
    CHECK_EQ(8, offsetof(struct sockaddr_in6, sin6_addr), "sin6_addr at 8");
    CHECK(IN6_IS_ADDR_UNSPECIFIED(&address.sin6_addr) && IN6_IS_ADDR_UNSPECIFIED(&in6addr_any), "::");
    const struct in6_addr loopback = IN6ADDR_LOOPBACK_INIT;
    CHECK(IN6_IS_ADDR_LOOPBACK(&loopback) && IN6_ARE_ADDR_EQUAL(&loopback, &in6addr_loopback), "::1");
    CHECK(!IN6_IS_ADDR_LOOPBACK(&in6addr_any) && !IN6_IS_ADDR_UNSPECIFIED(&in6addr_loopback), "and not each other");
    struct in6_addr mapped, link, multicast, compatible;
    inet_pton(AF_INET6, "::ffff:10.0.2.15", &mapped);
    inet_pton(AF_INET6, "fe80::1", &link);
    inet_pton(AF_INET6, "ff02::1", &multicast);
    inet_pton(AF_INET6, "::10.0.2.15", &compatible);
    CHECK(IN6_IS_ADDR_V4MAPPED(&mapped) && !IN6_IS_ADDR_V4MAPPED(&compatible), "V4MAPPED");
    CHECK(IN6_IS_ADDR_V4COMPAT(&compatible) && !IN6_IS_ADDR_V4COMPAT(&in6addr_loopback), "V4COMPAT");
    CHECK(IN6_IS_ADDR_LINKLOCAL(&link) && !IN6_IS_ADDR_LINKLOCAL(&multicast), "LINKLOCAL");
    CHECK(IN6_IS_ADDR_MULTICAST(&multicast) && !IN6_IS_ADDR_MULTICAST(&link), "MULTICAST");
    CHECK_EQ(0x0a, mapped.s6_addr[12], "s6_addr: the bytes in network order");
    CHECK_EQ(htons(0xffff), mapped.s6_addr16[5], "s6_addr16");
    CHECK_EQ(htonl(0x0a00020f), mapped.s6_addr32[3], "s6_addr32");
}

int main(void)
{
    the_text_forms();
    room_and_families();
    the_header();
    return test_finish("libc_inet6_addresses_read_and_written_as_glibc");
}

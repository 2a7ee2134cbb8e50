/* tests/unit/test_inet.c - the libc's Internet address functions
 * (libc/socket/): byte order, inet_aton/inet_addr/inet_pton/inet_ntop,
 * the /etc/hosts reader, getaddrinfo and getnameinfo on numbers.
 *
 * The rule for the text forms: the libc answers as the host's glibc does
 * for the same text. Its sources are included below with every public
 * name renamed (inet_aton becomes libc_inet_aton, ...) so that the host's
 * versions stay reachable as the reference; the host's headers come first
 * (so glibc's byte order macros are set aside before the libc defines its
 * functions), the libc's own headers are not used: the structures and
 * constants are glibc's, which the libc's headers copy. */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdint.h>

#include "unit.h"

#undef htonl
#undef htons
#undef ntohl
#undef ntohs
#define htonl         libc_htonl
#define htons         libc_htons
#define ntohl         libc_ntohl
#define ntohs         libc_ntohs
#define inet_aton     libc_inet_aton
#define inet_addr     libc_inet_addr
#define inet_pton     libc_inet_pton
#define inet_ntop     libc_inet_ntop
#define inet_ntoa     libc_inet_ntoa
#define getaddrinfo   libc_getaddrinfo
#define freeaddrinfo  libc_freeaddrinfo
#define gai_strerror  libc_gai_strerror
#define getnameinfo   libc_getnameinfo
#define gethostbyname libc_gethostbyname
#define in6addr_any      libc_in6addr_any
#define in6addr_loopback libc_in6addr_loopback
#include "libc/socket/byte_order.c"
#include "libc/socket/inet_address.c"
#include "libc/socket/hosts.c"
#include "libc/socket/services.c"
#include "libc/socket/getaddrinfo.c"
#include "libc/socket/host_names.c"
#undef htonl
#undef htons
#undef ntohl
#undef ntohs
#undef inet_aton
#undef inet_addr
#undef inet_pton
#undef inet_ntop
#undef inet_ntoa
#undef getaddrinfo
#undef freeaddrinfo
#undef gai_strerror
#undef getnameinfo
#undef gethostbyname
#undef in6addr_any
#undef in6addr_loopback

/* Texts that are addresses in one grammar or another, or in none. */
static const char *const address_texts[] = {
    "127.0.0.1", "0.0.0.0", "255.255.255.255", "10.0.2.15", "1.2.3.4",
    "127.1", "127.0.1", "1", "0", "4294967295", "4294967296", "0x7f.1", "0X7F.0.0.1", "0177.0.0.1",
    "0x7f000001", "017700000001", "01.02.03.04", "08.1.1.1", "1.2.3.08", "0x", "0x.1.2.3",
    "256.1.1.1", "1.256.1.1", "1.1.1.256", "1.1.256", "1.65535", "1.65536", "1.2.16777215", "1.2.3.4.5",
    "1.2.3.4.", ".1.2.3.4", "1..2.3", "", " 1.2.3.4", "1.2.3.4 ", "1.2.3.4 junk", "1.2.3.4x", "+1.2.3.4",
    "-1.2.3.4", "1.2.3.-4", "1.2.3.4\n", "1.2.3.4\t", "a.b.c.d", "localhost", "00.0.0.0", "1.2.3.0004",
    "1.2.3.1000", "99999999999999999999", "0xffffffff", "0x100000000", "1.2.3.255",
};
#define ADDRESS_TEXT_COUNT (sizeof address_texts / sizeof address_texts[0])

UNIT_TEST(byte_order_puts_the_most_significant_byte_first)
{
    uint32_t network = libc_htonl(0x0a000215u);
    const unsigned char *bytes = (const unsigned char *)&network;
    EXPECT(bytes[0] == 10 && bytes[1] == 0 && bytes[2] == 2 && bytes[3] == 0x15,
           "htonl(0x0a000215) is bytes %u %u %u %u", bytes[0], bytes[1], bytes[2], bytes[3]);
    uint16_t port = libc_htons(0x1234);
    EXPECT(((unsigned char *)&port)[0] == 0x12, "htons(0x1234) does not start with 0x12");
    EXPECT_EQ_INT(0x0a000215u, libc_ntohl(network));
    EXPECT_EQ_INT(0x1234, libc_ntohs(port));
    EXPECT_EQ_INT(htonl(0xdeadbeefu), libc_htonl(0xdeadbeefu));
}

UNIT_TEST(inet_aton_accepts_what_glibc_accepts_with_the_same_address)
{
    for (unsigned i = 0; i < ADDRESS_TEXT_COUNT; i++) {
        struct in_addr ours = { 0x5a5a5a5a }, theirs = { 0x5a5a5a5a };
        int ours_ok = libc_inet_aton(address_texts[i], &ours);
        int theirs_ok = inet_aton(address_texts[i], &theirs);
        EXPECT(ours_ok == theirs_ok, "inet_aton(\"%s\"): %d, glibc %d", address_texts[i], ours_ok, theirs_ok);
        if (ours_ok && theirs_ok)
            EXPECT(ours.s_addr == theirs.s_addr, "inet_aton(\"%s\"): %08x, glibc %08x", address_texts[i],
                   ours.s_addr, theirs.s_addr);
    }
}

UNIT_TEST(inet_addr_is_inet_aton_or_inaddr_none)
{
    for (unsigned i = 0; i < ADDRESS_TEXT_COUNT; i++)
        EXPECT(libc_inet_addr(address_texts[i]) == inet_addr(address_texts[i]),
               "inet_addr(\"%s\"): %08x, glibc %08x", address_texts[i], libc_inet_addr(address_texts[i]),
               inet_addr(address_texts[i]));
    EXPECT_EQ_INT(INADDR_NONE, libc_inet_addr("255.255.255.255"));
}

UNIT_TEST(inet_pton_takes_only_four_decimal_parts_as_glibc_does)
{
    for (unsigned i = 0; i < ADDRESS_TEXT_COUNT; i++) {
        struct in_addr ours = { 0x5a5a5a5a }, theirs = { 0x5a5a5a5a };
        int ours_ok = libc_inet_pton(AF_INET, address_texts[i], &ours);
        int theirs_ok = inet_pton(AF_INET, address_texts[i], &theirs);
        EXPECT(ours_ok == theirs_ok, "inet_pton(\"%s\"): %d, glibc %d", address_texts[i], ours_ok, theirs_ok);
        if (ours_ok == 1 && theirs_ok == 1)
            EXPECT(ours.s_addr == theirs.s_addr, "inet_pton(\"%s\"): %08x, glibc %08x", address_texts[i],
                   ours.s_addr, theirs.s_addr);
    }
}

UNIT_TEST(inet_pton_of_another_family_is_eafnosupport)
{
    struct in6_addr address;
    errno = 0;
    EXPECT_EQ_INT(-1, libc_inet_pton(AF_UNIX, "::1", &address));
    EXPECT_EQ_INT(EAFNOSUPPORT, errno);
}

/* IPv6 texts, addresses or not, beside those of random_ipv6_text. */
static const char *const ipv6_texts[] = {
    "::", "::1", "1::", "::ffff:10.0.2.15", "::1.2.3.4", "::0.0.0.2", "fe80::1%eth0", "FE80::0202:B3FF:FE1E:8329",
    "2001:0db8:0000:0000:0000:0000:0000:0001", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9",
    "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4",
    "1:2:3:4:5:6:7:1.2.3.4", "1:2:3:4:5::1.2.3.4", "::1.2.3.4:5", "::1.2.3", "::1.2.3.04", "::256.1.1.1",
    "", ":", ":::", ":1", "1:", "1:::2", "1::2::3", "12345::", "01234::", "g::", "1.2.3.4", " ::1", "::1 ",
    "::ffff:1.2.3.4.5", "::ffff:0x1.2.3.4", "0:0:0:0:0:0:0:0", "0000:0000:0000:0000:0000:0000:0000:0000",
    "::a.b.c.d", "::1:2:3:4:5:6:7", "1::2:3:4:5:6:7", "1:2:3::4:5:6:7:8",
};
#define IPV6_TEXT_COUNT (sizeof ipv6_texts / sizeof ipv6_texts[0])

/* A random address with many zero groups (runs to compress), and at
 * times the IPv4-mapped or -compatible prefix. */
static void random_ipv6_address(unsigned char bytes[16])
{
    int shape = rand() % 8;
    for (int i = 0; i < 8; i++) {
        unsigned group = rand() % 2 ? 0 : (unsigned)(rand() % 3 ? rand() % 0x10000 : rand() % 0x10);
        bytes[2 * i] = (unsigned char)(group >> 8);
        bytes[2 * i + 1] = (unsigned char)group;
    }
    if (shape == 0 || shape == 1)
        memset(bytes, 0, shape == 0 ? 10 : 12);   /* ::ffff:... and ::a.b.c.d, with what follows */
    if (shape == 0)
        bytes[10] = bytes[11] = 0xff;
}

UNIT_TEST(inet_pton_and_inet_ntop_read_and_write_ipv6_as_glibc_does)
{
    srand(6);
    for (unsigned i = 0; i < IPV6_TEXT_COUNT; i++) {
        struct in6_addr ours, theirs;
        memset(&ours, 0x5a, sizeof ours);
        memset(&theirs, 0x5a, sizeof theirs);
        int ours_ok = libc_inet_pton(AF_INET6, ipv6_texts[i], &ours);
        int theirs_ok = inet_pton(AF_INET6, ipv6_texts[i], &theirs);
        EXPECT(ours_ok == theirs_ok, "inet_pton(AF_INET6, \"%s\"): %d, glibc %d", ipv6_texts[i], ours_ok, theirs_ok);
        EXPECT(!memcmp(&ours, &theirs, sizeof ours), "inet_pton(AF_INET6, \"%s\"): other bytes", ipv6_texts[i]);
    }
    /* every address written as glibc writes it, and read back */
    for (int round = 0; round < 20000; round++) {
        unsigned char bytes[16];
        random_ipv6_address(bytes);
        char ours[INET6_ADDRSTRLEN], theirs[INET6_ADDRSTRLEN];
        inet_ntop(AF_INET6, bytes, theirs, sizeof theirs);
        if (!libc_inet_ntop(AF_INET6, bytes, ours, sizeof ours) || strcmp(ours, theirs)) {
            EXPECT(0, "inet_ntop: \"%s\", glibc \"%s\"", ours, theirs);
            break;
        }
        struct in6_addr back;
        EXPECT_EQ_INT(1, libc_inet_pton(AF_INET6, theirs, &back));
        EXPECT(!memcmp(&back, bytes, 16), "\"%s\" read back as other bytes", theirs);
        /* the text with one character changed, dropped or doubled: read as glibc reads it */
        char changed[INET6_ADDRSTRLEN + 1];
        size_t length = strlen(theirs), at = (size_t)rand() % length;
        const char alphabet[] = "0123456789abcdefAF:.g ";
        memcpy(changed, theirs, length + 1);
        if (round % 3 == 0)
            changed[at] = alphabet[rand() % (sizeof alphabet - 1)];
        else if (round % 3 == 1)
            memmove(changed + at, changed + at + 1, length - at);
        else {
            memmove(changed + at + 1, changed + at, length - at + 1);
        }
        struct in6_addr ours_read, theirs_read;
        memset(&ours_read, 0, sizeof ours_read);
        memset(&theirs_read, 0, sizeof theirs_read);
        int ours_ok = libc_inet_pton(AF_INET6, changed, &ours_read);
        int theirs_ok = inet_pton(AF_INET6, changed, &theirs_read);
        if (ours_ok != theirs_ok || memcmp(&ours_read, &theirs_read, sizeof ours_read)) {
            EXPECT(0, "inet_pton(AF_INET6, \"%s\"): %d, glibc %d", changed, ours_ok, theirs_ok);
            break;
        }
    }
}

UNIT_TEST(in6addr_any_and_loopback_are_glibcs)
{
    EXPECT(!memcmp(&libc_in6addr_any, &in6addr_any, sizeof in6addr_any), "in6addr_any");
    EXPECT(!memcmp(&libc_in6addr_loopback, &in6addr_loopback, sizeof in6addr_loopback), "in6addr_loopback");
}

UNIT_TEST(inet_ntop_writes_the_dotted_quad_or_enospc_when_it_does_not_fit)
{
    struct in_addr address = { htonl(0xc0a80a01u) };
    char text[INET_ADDRSTRLEN];
    EXPECT_EQ_STR("192.168.10.1", libc_inet_ntop(AF_INET, &address, text, sizeof text));
    EXPECT_EQ_STR("192.168.10.1", text);
    EXPECT_EQ_STR("192.168.10.1", libc_inet_ntop(AF_INET, &address, text, strlen("192.168.10.1") + 1));
    errno = 0;
    EXPECT(libc_inet_ntop(AF_INET, &address, text, strlen("192.168.10.1")) == NULL, "a short buffer was used");
    EXPECT_EQ_INT(ENOSPC, errno);
    errno = 0;
    EXPECT(libc_inet_ntop(AF_UNIX, &address, text, sizeof text) == NULL, "AF_UNIX was formatted");
    EXPECT_EQ_INT(EAFNOSUPPORT, errno);
    address.s_addr = htonl(INADDR_BROADCAST);
    EXPECT_EQ_STR("255.255.255.255", libc_inet_ntop(AF_INET, &address, text, sizeof text));
    EXPECT_EQ_STR("255.255.255.255", libc_inet_ntoa(address));
    address.s_addr = 0;
    EXPECT_EQ_STR("0.0.0.0", libc_inet_ntoa(address));
}

/* Writes `text` into a new temporary file; its path into `path`. */
static void temporary_file(const char *text, char path[64])
{
    strcpy(path, "/tmp/test_inet_hostsXXXXXX");
    int fd = mkstemp(path);
    REQUIRE(fd >= 0, "mkstemp: %s", strerror(errno));
    REQUIRE(write(fd, text, strlen(text)) == (ssize_t)strlen(text), "write: %s", strerror(errno));
    close(fd);
}

UNIT_TEST(hosts_lines_give_names_and_aliases_in_any_case_and_skip_comments)
{
    char path[64];
    temporary_file("# comment 10.9.9.9 commented\n"
                   "::1 localhost ip6-localhost\n"
                   "\n"
                   "10.0.2.2\tgateway  host  # the host\n"
                   "10.0.3.1 Server\n"
                   "notanaddress broken\n"
                   "10.0.3.2\n"
                   "10.0.3.3 server second-server\n", path);
    struct hosts_entry entry;
    REQUIRE(hosts_find_name(path, "host", &entry), "the alias \"host\" is not found");
    EXPECT_EQ_STR("gateway", entry.name);
    EXPECT_EQ_STR("host", entry.aliases[0]);
    EXPECT(entry.aliases[1] == NULL, "an alias after the comment: %s", entry.aliases[1]);
    EXPECT_EQ_INT(htonl(0x0a000202u), entry.address.s_addr);
    REQUIRE(hosts_find_name(path, "server", &entry), "\"server\" is not found in another case");
    EXPECT_EQ_INT(htonl(0x0a000301u), entry.address.s_addr);
    EXPECT(!hosts_find_name(path, "commented", &entry), "a name in a comment was found");
    EXPECT(!hosts_find_name(path, "broken", &entry), "a line without an address was used");
    EXPECT(!hosts_find_name(path, "ip6-localhost", &entry), "an IPv6 line was used");
    REQUIRE(hosts_find_name(path, "localhost", &entry), "localhost is not 127.0.0.1 without a line of its own");
    EXPECT_EQ_INT(htonl(INADDR_LOOPBACK), entry.address.s_addr);
    struct in_addr address = { htonl(0x0a000303u) };
    REQUIRE(hosts_find_address(path, address, &entry), "10.0.3.3 is not found");
    EXPECT_EQ_STR("server", entry.name);
    unlink(path);
    EXPECT(hosts_find_name(path, "localhost", &entry), "localhost is not found without a file");
    EXPECT(!hosts_find_name(path, "gateway", &entry), "a name is found without a file");
}

UNIT_TEST(getaddrinfo_of_a_number_and_no_socket_type_gives_tcp_then_udp)
{
    struct addrinfo *list = NULL;
    REQUIRE(libc_getaddrinfo("10.0.2.15", "7", NULL, &list) == 0, "getaddrinfo failed");
    REQUIRE(list && list->ai_next && !list->ai_next->ai_next, "not two entries");
    EXPECT_EQ_INT(SOCK_STREAM, list->ai_socktype);
    EXPECT_EQ_INT(IPPROTO_TCP, list->ai_protocol);
    EXPECT_EQ_INT(SOCK_DGRAM, list->ai_next->ai_socktype);
    EXPECT_EQ_INT(IPPROTO_UDP, list->ai_next->ai_protocol);
    for (struct addrinfo *entry = list; entry; entry = entry->ai_next) {
        const struct sockaddr_in *address = (const struct sockaddr_in *)entry->ai_addr;
        EXPECT_EQ_INT(AF_INET, entry->ai_family);
        EXPECT_EQ_INT(sizeof(struct sockaddr_in), entry->ai_addrlen);
        EXPECT_EQ_INT(AF_INET, address->sin_family);
        EXPECT_EQ_INT(htons(7), address->sin_port);
        EXPECT_EQ_INT(htonl(0x0a00020fu), address->sin_addr.s_addr);
    }
    libc_freeaddrinfo(list);
}

UNIT_TEST(getaddrinfo_without_a_node_is_loopback_or_any_with_ai_passive)
{
    struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *list;
    REQUIRE(libc_getaddrinfo(NULL, "5555", &hints, &list) == 0, "no node failed");
    EXPECT_EQ_INT(htonl(INADDR_LOOPBACK), ((struct sockaddr_in *)list->ai_addr)->sin_addr.s_addr);
    EXPECT(list->ai_next == NULL, "more than the one stream entry");
    libc_freeaddrinfo(list);
    hints.ai_flags = AI_PASSIVE;
    REQUIRE(libc_getaddrinfo(NULL, "5555", &hints, &list) == 0, "AI_PASSIVE failed");
    EXPECT_EQ_INT(htonl(INADDR_ANY), ((struct sockaddr_in *)list->ai_addr)->sin_addr.s_addr);
    EXPECT_EQ_INT(htons(5555), ((struct sockaddr_in *)list->ai_addr)->sin_port);
    libc_freeaddrinfo(list);
}

UNIT_TEST(getaddrinfo_knows_localhost_service_names_and_canonical_names)
{
    struct addrinfo hints = { .ai_flags = AI_CANONNAME, .ai_socktype = SOCK_DGRAM }, *list;
    REQUIRE(libc_getaddrinfo("localhost", "ntp", &hints, &list) == 0, "localhost ntp failed");
    EXPECT_EQ_INT(htonl(INADDR_LOOPBACK), ((struct sockaddr_in *)list->ai_addr)->sin_addr.s_addr);
    EXPECT_EQ_INT(htons(123), ((struct sockaddr_in *)list->ai_addr)->sin_port);
    EXPECT_EQ_STR("localhost", list->ai_canonname);
    libc_freeaddrinfo(list);
    REQUIRE(libc_getaddrinfo("127.0.0.1", "http", NULL, &list) == 0, "http failed");
    EXPECT(list->ai_socktype == SOCK_STREAM && !list->ai_next, "http is not only a TCP entry");
    libc_freeaddrinfo(list);
}

UNIT_TEST(getaddrinfo_errors_are_glibcs)
{
    struct addrinfo hints = { 0 }, *list;
    EXPECT_EQ_INT(EAI_NONAME, libc_getaddrinfo(NULL, NULL, NULL, &list));
    EXPECT_EQ_INT(EAI_NONAME, libc_getaddrinfo("no-such-host.invalid", "7", NULL, &list));
    EXPECT_EQ_INT(EAI_SERVICE, libc_getaddrinfo("127.0.0.1", "no-such-service", NULL, &list));
    EXPECT_EQ_INT(EAI_SERVICE, libc_getaddrinfo("127.0.0.1", "65536", NULL, &list));
    hints.ai_flags = AI_NUMERICHOST;
    EXPECT_EQ_INT(EAI_NONAME, libc_getaddrinfo("localhost", "7", &hints, &list));
    hints.ai_flags = AI_NUMERICSERV;
    EXPECT_EQ_INT(EAI_NONAME, libc_getaddrinfo("127.0.0.1", "echo", &hints, &list));
    hints.ai_flags = AI_CANONNAME;
    EXPECT_EQ_INT(EAI_BADFLAGS, libc_getaddrinfo(NULL, "7", &hints, &list));
    hints.ai_flags = 0x10000;
    EXPECT_EQ_INT(EAI_BADFLAGS, libc_getaddrinfo("127.0.0.1", "7", &hints, &list));
    hints = (struct addrinfo){ .ai_family = AF_INET6 };
    EXPECT_EQ_INT(EAI_FAMILY, libc_getaddrinfo("127.0.0.1", "7", &hints, &list));
    hints = (struct addrinfo){ .ai_socktype = SOCK_RAW };
    EXPECT_EQ_INT(EAI_SOCKTYPE, libc_getaddrinfo("127.0.0.1", "7", &hints, &list));
    hints = (struct addrinfo){ .ai_socktype = SOCK_STREAM, .ai_protocol = IPPROTO_UDP };
    EXPECT_EQ_INT(EAI_SOCKTYPE, libc_getaddrinfo("127.0.0.1", "7", &hints, &list));
    hints = (struct addrinfo){ .ai_socktype = SOCK_STREAM };
    EXPECT_EQ_INT(EAI_SERVICE, libc_getaddrinfo("127.0.0.1", "ntp", &hints, &list));
    static const int errors[] = { EAI_BADFLAGS, EAI_NONAME, EAI_AGAIN, EAI_FAIL, EAI_FAMILY, EAI_SOCKTYPE,
                                  EAI_SERVICE, EAI_MEMORY, EAI_SYSTEM };
    for (unsigned i = 0; i < sizeof errors / sizeof errors[0]; i++)
        EXPECT_EQ_STR(gai_strerror(errors[i]), libc_gai_strerror(errors[i]));
}

UNIT_TEST(getnameinfo_gives_names_numbers_and_eai_overflow)
{
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons(7),
                                   .sin_addr = { htonl(INADDR_LOOPBACK) } };
    char host[NI_MAXHOST], service[NI_MAXSERV];
    REQUIRE(libc_getnameinfo((struct sockaddr *)&address, sizeof address, host, sizeof host, service,
                             sizeof service, NI_NUMERICHOST) == 0, "numeric host failed");
    EXPECT_EQ_STR("127.0.0.1", host);
    EXPECT_EQ_STR("echo", service);
    REQUIRE(libc_getnameinfo((struct sockaddr *)&address, sizeof address, host, sizeof host, service,
                             sizeof service, NI_NUMERICSERV) == 0, "numeric service failed");
    EXPECT_EQ_STR("7", service);
    EXPECT_EQ_INT(EAI_OVERFLOW, libc_getnameinfo((struct sockaddr *)&address, sizeof address, host, 9, NULL, 0,
                                                 NI_NUMERICHOST));
    address.sin_addr.s_addr = htonl(0xc0000201u);    /* 192.0.2.1: documentation, in no hosts file */
    EXPECT_EQ_INT(EAI_NONAME, libc_getnameinfo((struct sockaddr *)&address, sizeof address, host, sizeof host,
                                               NULL, 0, NI_NAMEREQD));
    EXPECT_EQ_INT(EAI_FAMILY, libc_getnameinfo((struct sockaddr *)&address, sizeof address - 1, host,
                                               sizeof host, NULL, 0, 0));
    EXPECT_EQ_INT(EAI_NONAME, libc_getnameinfo((struct sockaddr *)&address, sizeof address, NULL, 0, NULL, 0, 0));
}

UNIT_TEST(gethostbyname_of_a_number_is_that_address)
{
    struct hostent *host = libc_gethostbyname("10.0.2.2");
    REQUIRE(host != NULL, "no answer");
    EXPECT_EQ_STR("10.0.2.2", host->h_name);
    EXPECT_EQ_INT(AF_INET, host->h_addrtype);
    EXPECT_EQ_INT(4, host->h_length);
    EXPECT(host->h_aliases[0] == NULL, "a number has aliases");
    EXPECT_EQ_INT(htonl(0x0a000202u), ((struct in_addr *)host->h_addr_list[0])->s_addr);
    EXPECT(host->h_addr_list[1] == NULL, "more than one address");
    EXPECT(libc_gethostbyname("no-such-host.invalid") == NULL, "an unknown name has an answer");
}

/* tests/boot/libc_gethostbyname_answers_addresses_and_sets_h_errno.c -
 * gethostbyname answers an address given as digits with itself and
 * "localhost" with 127.0.0.1, one IPv4 address each; a name it cannot
 * find gives NULL with h_errno HOST_NOT_FOUND, whose text hstrerror
 * gives as glibc does. gethostbyaddr names 127.0.0.1 "localhost" from
 * /etc/hosts, and refuses a length not IPv4's (EAFNOSUPPORT). It passes on
 * Linux too (tools/linux-check). */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>

#include "boot_test.h"

static void expect_address(const char *name, const char *digits)
{
    struct hostent *host = gethostbyname(name);
    CHECK(host != NULL, "gethostbyname(%s): h_errno %d", name, h_errno);
    if (!host)
        return;
    CHECK_EQ(AF_INET, host->h_addrtype, "h_addrtype");
    CHECK_EQ(4, host->h_length, "h_length");
    CHECK(host->h_addr_list[0] != NULL, "an address");
    struct in_addr address;
    memcpy(&address, host->h_addr, sizeof address);
    CHECK(!strcmp(inet_ntoa(address), digits), "%s is %s, expected %s", name, inet_ntoa(address), digits);
}

int main(void)
{
    expect_address("127.0.0.1", "127.0.0.1");
    struct hostent *host = gethostbyname("10.0.2.15");
    CHECK(host && !strcmp(host->h_name, "10.0.2.15"), "an address names itself");
    expect_address("localhost", "127.0.0.1");

    struct in_addr loopback = { htonl(INADDR_LOOPBACK) };
    host = gethostbyaddr(&loopback, sizeof loopback, AF_INET);
    CHECK(host != NULL, "gethostbyaddr(127.0.0.1): h_errno %d", h_errno);
    if (host) {
        CHECK(!strcmp(host->h_name, "localhost"), "127.0.0.1's name: %s", host->h_name);
        CHECK_EQ(AF_INET, host->h_addrtype, "gethostbyaddr's h_addrtype");
        CHECK(!memcmp(host->h_addr, &loopback, sizeof loopback), "gethostbyaddr's address");
    }
    errno = 0;
    CHECK(gethostbyaddr(&loopback, 3, AF_INET) == NULL && errno == EAFNOSUPPORT,
          "gethostbyaddr of 3 bytes: errno %d, expected EAFNOSUPPORT", errno);

    h_errno = 0;
    CHECK(gethostbyname("no-such-host.invalid") == NULL, "an unknown name: NULL");
    CHECK_EQ(HOST_NOT_FOUND, h_errno, "h_errno of an unknown name");
    CHECK(!strcmp(hstrerror(HOST_NOT_FOUND), "Unknown host"), "hstrerror(HOST_NOT_FOUND): %s",
          hstrerror(HOST_NOT_FOUND));
    CHECK(!strcmp(hstrerror(NO_DATA), "No address associated with name"), "hstrerror(NO_DATA): %s",
          hstrerror(NO_DATA));
    return test_finish("libc_gethostbyname_answers_addresses_and_sets_h_errno");
}

/* libc_inet_addrstrlen_fit_the_longest_address_text: <arpa/inet.h> (and
 * <netinet/in.h> under it) give INET_ADDRSTRLEN and INET6_ADDRSTRLEN,
 * glibc's 16 and 46: the longest IPv4 text with its NUL, which inet_ntop
 * writes into INET_ADDRSTRLEN bytes and not into one fewer (ENOSPC), and
 * the longest IPv6 text, eight groups of which the last two are written
 * as an IPv4 address, with its NUL. */
#include <arpa/inet.h>

#include "boot_test.h"

int main(void)
{
    CHECK_EQ(16, INET_ADDRSTRLEN, "INET_ADDRSTRLEN");
    CHECK_EQ(46, INET6_ADDRSTRLEN, "INET6_ADDRSTRLEN");
    CHECK_EQ(INET6_ADDRSTRLEN, strlen("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255") + 1,
             "the longest IPv6 text and its NUL");

    struct in_addr broadcast = { htonl(0xffffffff) };
    char text[INET_ADDRSTRLEN];
    CHECK(inet_ntop(AF_INET, &broadcast, text, INET_ADDRSTRLEN) == text && !strcmp(text, "255.255.255.255"),
          "255.255.255.255 in INET_ADDRSTRLEN bytes");
    CHECK(inet_ntop(AF_INET, &broadcast, text, INET_ADDRSTRLEN - 1) == NULL && errno == ENOSPC,
          "not in one byte fewer: ENOSPC");
    return test_finish("libc_inet_addrstrlen_fit_the_longest_address_text");
}

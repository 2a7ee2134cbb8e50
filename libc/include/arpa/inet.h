/* libc/include/arpa/inet.h - Internet addresses as text ("127.0.0.1")
 * and as numbers, and the byte order conversions. */
#ifndef LIBC_INCLUDE_ARPA_INET_H
#define LIBC_INCLUDE_ARPA_INET_H

#include <netinet/in.h>

/* "a.b.c.d" to an address in network byte order; INADDR_NONE if it is no
 * address (which makes "255.255.255.255" ambiguous: prefer inet_pton). */
in_addr_t inet_addr(const char *text);

/* The same, 1 if `text` is an address and 0 if not. */
int inet_aton(const char *text, struct in_addr *address);

/* The address as "a.b.c.d", in a buffer the next call reuses. */
char *inet_ntoa(struct in_addr address);

/* Text to an address of `family` (AF_INET: a struct in_addr) at
 * `destination`: 1, 0 if `text` is no address, -1 with errno
 * EAFNOSUPPORT for another family. */
int inet_pton(int family, const char *text, void *destination);

/* An address of `family` to text in `destination` (`size` bytes):
 * destination, or NULL with errno ENOSPC (too small) or EAFNOSUPPORT. */
const char *inet_ntop(int family, const void *source, char *destination, socklen_t size);

#endif

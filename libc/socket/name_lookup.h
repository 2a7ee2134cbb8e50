/* libc/socket/name_lookup.h - where getaddrinfo, getnameinfo and
 * gethostbyname find names (internal): the lines of /etc/hosts, and a
 * small built-in table of service names. There is no DNS. */
#ifndef LIBC_SOCKET_NAME_LOOKUP_H
#define LIBC_SOCKET_NAME_LOOKUP_H

#include <netinet/in.h>

#define HOSTS_PATH         "/etc/hosts"
#define HOSTS_LINE_MAX     256   /* a longer line is skipped */
#define HOSTS_ALIASES_MAX  8     /* names after the official one that count */

/* One line of /etc/hosts: "127.0.0.1  localhost  loopback". `name` and
 * `aliases` (NULL-terminated) point into `line`. */
struct hosts_entry {
    struct in_addr address;
    char *name;
    char *aliases[HOSTS_ALIASES_MAX + 1];
    char line[HOSTS_LINE_MAX];
};

/* The first line of the hosts file `path` that names `name` (as its
 * official name or an alias, in any case) into *entry: 1, or 0 if none
 * does. "localhost" is always found (127.0.0.1 if the file lacks it). */
int hosts_find_name(const char *path, const char *name, struct hosts_entry *entry);

/* The first line of `path` for `address` (network order): 1, or 0.
 * 127.0.0.1 is always found ("localhost" if the file lacks it). */
int hosts_find_address(const char *path, struct in_addr address, struct hosts_entry *entry);

/* The port (host order) of the service `name` for `socktype`
 * (SOCK_STREAM, SOCK_DGRAM; 0: either), or -1 if the table has none. */
int service_port(const char *name, int socktype);

/* The name of `port` (host order) for `socktype`, or NULL. */
const char *service_name(int port, int socktype);

#endif

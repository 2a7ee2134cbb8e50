/* libc/socket/host_names.c - addresses back to names (getnameinfo(3))
 * and the older calls from a name to an address and back
 * (gethostbyname(3), gethostbyaddr(3)), all from
 * /etc/hosts and the built-in services (libc/socket/hosts.c, services.c).
 * There is no DNS. */
#include <netdb.h>

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "name_lookup.h"

#define KNOWN_NAME_FLAGS (NI_NUMERICHOST | NI_NUMERICSERV | NI_NOFQDN | NI_NAMEREQD | NI_DGRAM)
#define PORT_TEXT_MAX    8        /* "65535" and its NUL */

/* Copies `text` into `buffer` of `size` bytes: 0, or EAI_OVERFLOW. */
static int copy_out(const char *text, char *buffer, socklen_t size)
{
    size_t length = strlen(text);
    if (length + 1 > size)
        return EAI_OVERFLOW;
    memcpy(buffer, text, length + 1);
    return 0;
}

/* The host part of getnameinfo: a name, or the address as digits. */
static int host_text(const struct sockaddr_in *address, char *host, socklen_t size, int flags)
{
    struct hosts_entry entry;
    if (!(flags & NI_NUMERICHOST) && hosts_find_address(HOSTS_PATH, address->sin_addr, &entry))
        return copy_out(entry.name, host, size);
    if (flags & NI_NAMEREQD)
        return EAI_NONAME;
    char digits[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &address->sin_addr, digits, sizeof digits);
    return copy_out(digits, host, size);
}

/* The service part: the port's name, or the port as digits. */
static int service_text(const struct sockaddr_in *address, char *service, socklen_t size, int flags)
{
    int port = ntohs(address->sin_port);
    const char *name = service_name(port, flags & NI_DGRAM ? SOCK_DGRAM : SOCK_STREAM);
    if (name && !(flags & NI_NUMERICSERV))
        return copy_out(name, service, size);
    char digits[PORT_TEXT_MAX];
    snprintf(digits, sizeof digits, "%d", port);
    return copy_out(digits, service, size);
}

int getnameinfo(const struct sockaddr *address, socklen_t length, char *host, socklen_t host_length,
                char *service, socklen_t service_length, int flags)
{
    if (flags & ~KNOWN_NAME_FLAGS)
        return EAI_BADFLAGS;
    if (!address || length < sizeof(struct sockaddr_in) || address->sa_family != AF_INET)
        return EAI_FAMILY;
    int want_host = host && host_length, want_service = service && service_length;
    if (!want_host && !want_service)
        return EAI_NONAME;
    const struct sockaddr_in *internet = (const struct sockaddr_in *)address;
    int status = want_host ? host_text(internet, host, host_length, flags) : 0;
    if (!status && want_service)
        status = service_text(internet, service, service_length, flags);
    return status;
}

/* h_errno: why the last gethostbyname of this thread failed, one per
 * thread as glibc's, reached through __h_errno_location (netdb.h). */
static __thread int host_error;

int *__h_errno_location(void)
{
    return &host_error;
}

const char *hstrerror(int error)
{
    switch (error) {
    case HOST_NOT_FOUND: return "Unknown host";
    case TRY_AGAIN: return "Host name lookup failure";
    case NO_RECOVERY: return "Unknown server error";
    case NO_DATA: return "No address associated with name";
    default: return "Resolver internal error";
    }
}

/* What gethostbyname and gethostbyaddr answer, in storage the next call
 * of either reuses, as glibc's: the names point into `entry`. */
static struct hosts_entry entry;
static struct in_addr host_address;
static char *host_addresses[2] = { (char *)&host_address, NULL };
static char *no_aliases[1];
static struct hostent host;

/* Fills `host` with `address`, named `name` with `aliases`. */
static struct hostent *host_answer(struct in_addr address, char *name, char **aliases)
{
    host_address = address;
    host.h_name = name;
    host.h_aliases = aliases;
    host.h_addrtype = AF_INET;
    host.h_length = sizeof host_address;
    host.h_addr_list = host_addresses;
    return &host;
}

struct hostent *gethostbyname(const char *name)
{
    struct in_addr address;
    if (inet_aton(name, &address)) {                  /* a number: itself, no aliases */
        if (strlen(name) + 1 > sizeof entry.line) {
            host_error = HOST_NOT_FOUND;
            return NULL;
        }
        strcpy(entry.line, name);
        return host_answer(address, entry.line, no_aliases);
    }
    if (hosts_find_name(HOSTS_PATH, name, &entry))
        return host_answer(entry.address, entry.name, entry.aliases);
    host_error = HOST_NOT_FOUND;                      /* no DNS to try again later */
    return NULL;
}

struct hostent *gethostbyaddr(const void *address, socklen_t length, int type)
{
    struct in_addr wanted;
    if (type != AF_INET) {
        host_error = HOST_NOT_FOUND;                  /* no IPv6 addresses here */
        return NULL;
    }
    if (length != sizeof wanted) {
        errno = EAFNOSUPPORT;                         /* glibc's, for a length not the family's */
        host_error = NETDB_INTERNAL;
        return NULL;
    }
    memcpy(&wanted, address, sizeof wanted);
    if (hosts_find_address(HOSTS_PATH, wanted, &entry))
        return host_answer(wanted, entry.name, entry.aliases);
    host_error = HOST_NOT_FOUND;
    return NULL;
}

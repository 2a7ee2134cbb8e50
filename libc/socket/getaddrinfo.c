/* libc/socket/getaddrinfo.c - a host and a service to socket addresses
 * (getaddrinfo(3)), as glibc answers for IPv4 without DNS:
 *
 *   - the host: no node is INADDR_ANY with AI_PASSIVE (an address to
 *     bind), else 127.0.0.1; a number in any of inet_aton(3)'s forms;
 *     else a name of /etc/hosts (libc/socket/hosts.c; "localhost" is
 *     127.0.0.1 even when the file does not say so). Anything else is
 *     EAI_NONAME.
 *   - the service: no service is port 0; a decimal number 0-65535; else
 *     (unless AI_NUMERICSERV) a name of the built-in table of
 *     libc/socket/services.c.
 *   - one entry per socket type the hints allow: SOCK_STREAM (TCP), then
 *     SOCK_DGRAM (UDP); a socket type of 0 gives both, as glibc does.
 *
 * Each entry is one allocation that holds its struct sockaddr_in too. */
#include <netdb.h>

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "name_lookup.h"

#define KNOWN_FLAGS (AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_NUMERICSERV | AI_V4MAPPED | AI_ALL | \
                     AI_ADDRCONFIG)
#define PORT_MAX       65535

/* The socket types getaddrinfo answers with, in its order. */
static const struct {
    int socktype;
    int protocol;
} transports[] = {
    { SOCK_STREAM, IPPROTO_TCP },
    { SOCK_DGRAM,  IPPROTO_UDP },
};
#define TRANSPORT_COUNT (sizeof transports / sizeof transports[0])

/* An entry and the address it points at, freed together. */
struct addrinfo_with_address {
    struct addrinfo info;
    struct sockaddr_in address;
};

/* The address of `node` (NULL: none) into *address, and into *canonical
 * the name to give as ai_canonname (NULL if none). 0 or an EAI_* value. */
static int find_host(const char *node, int flags, struct in_addr *address, const char **canonical,
                     struct hosts_entry *entry)
{
    *canonical = node;
    if (!node) {
        address->s_addr = htonl(flags & AI_PASSIVE ? INADDR_ANY : INADDR_LOOPBACK);
        return 0;
    }
    if (inet_aton(node, address))
        return 0;
    if (flags & AI_NUMERICHOST)
        return EAI_NONAME;
    if (!hosts_find_name(HOSTS_PATH, node, entry))
        return EAI_NONAME;
    *address = entry->address;
    *canonical = entry->name;
    return 0;
}

/* Whether `service` is a decimal number; its value in *number. */
static int decimal(const char *service, unsigned long *number)
{
    if (!*service)
        return 0;
    unsigned long value = 0;
    for (const char *p = service; *p; p++) {
        if (*p < '0' || *p > '9')
            return 0;
        value = value * 10 + (unsigned long)(*p - '0');
        if (value > PORT_MAX + 1UL)
            value = PORT_MAX + 1UL;          /* too large; stays too large */
    }
    *number = value;
    return 1;
}

/* The port (host order) of `service` over `socktype`: 0 and *port, or an
 * EAI_* value. */
static int find_port(const char *service, int flags, int socktype, int *port)
{
    unsigned long number;
    if (!service) {
        *port = 0;
        return 0;
    }
    if (decimal(service, &number)) {
        if (number > PORT_MAX)
            return EAI_SERVICE;
        *port = (int)number;
        return 0;
    }
    if (flags & AI_NUMERICSERV)
        return EAI_NONAME;
    *port = service_port(service, socktype);
    return *port < 0 ? EAI_SERVICE : 0;
}

/* A new entry for `address`:`port` (host order) over transports[t]. */
static struct addrinfo *new_entry(int flags, unsigned t, struct in_addr address, int port)
{
    struct addrinfo_with_address *entry = calloc(1, sizeof *entry);
    if (!entry)
        return NULL;
    entry->address.sin_family = AF_INET;
    entry->address.sin_port = htons((uint16_t)port);
    entry->address.sin_addr = address;
    entry->info.ai_flags = flags;
    entry->info.ai_family = AF_INET;
    entry->info.ai_socktype = transports[t].socktype;
    entry->info.ai_protocol = transports[t].protocol;
    entry->info.ai_addrlen = sizeof entry->address;
    entry->info.ai_addr = (struct sockaddr *)&entry->address;
    return &entry->info;
}

/* Checks the hints as glibc does: 0 or an EAI_* value. */
static int check_hints(const char *node, const char *service, const struct addrinfo *hints)
{
    if (hints->ai_flags & ~KNOWN_FLAGS)
        return EAI_BADFLAGS;
    if ((hints->ai_flags & AI_CANONNAME) && !node)
        return EAI_BADFLAGS;
    if (!node && !service)
        return EAI_NONAME;
    if (hints->ai_family != AF_UNSPEC && hints->ai_family != AF_INET)
        return EAI_FAMILY;
    for (unsigned t = 0; t < TRANSPORT_COUNT; t++)
        if ((!hints->ai_socktype || hints->ai_socktype == transports[t].socktype) &&
            (!hints->ai_protocol || hints->ai_protocol == transports[t].protocol))
            return 0;
    return hints->ai_socktype ? EAI_SOCKTYPE : EAI_SERVICE;
}

void freeaddrinfo(struct addrinfo *list)
{
    while (list) {
        struct addrinfo *next = list->ai_next;
        free(list->ai_canonname);
        free(list);                            /* its address with it */
        list = next;
    }
}

int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints, struct addrinfo **result)
{
    static const struct addrinfo no_hints;     /* AF_UNSPEC, any type, no flags */
    if (!hints)
        hints = &no_hints;
    int status = check_hints(node, service, hints);
    if (status)
        return status;
    struct in_addr address;
    const char *canonical;
    struct hosts_entry entry;
    status = find_host(node, hints->ai_flags, &address, &canonical, &entry);
    if (status)
        return status;

    struct addrinfo *first = NULL, **link = &first;
    for (unsigned t = 0; t < TRANSPORT_COUNT && !status; t++) {
        if ((hints->ai_socktype && hints->ai_socktype != transports[t].socktype) ||
            (hints->ai_protocol && hints->ai_protocol != transports[t].protocol))
            continue;
        int port;
        int found = find_port(service, hints->ai_flags, transports[t].socktype, &port);
        if (found == EAI_SERVICE)
            continue;                          /* perhaps over the other transport */
        if (found) {
            status = found;
        } else if ((*link = new_entry(hints->ai_flags, t, address, port))) {
            link = &(*link)->ai_next;
        } else {
            status = EAI_MEMORY;
        }
    }
    if (!status && !first)
        status = EAI_SERVICE;
    if (!status && (hints->ai_flags & AI_CANONNAME) && !(first->ai_canonname = strdup(canonical)))
        status = EAI_MEMORY;
    if (status) {
        freeaddrinfo(first);
        return status;
    }
    *result = first;
    return 0;
}

const char *gai_strerror(int error)
{
    switch (error) {
    case 0:            return "Success";
    case EAI_BADFLAGS: return "Bad value for ai_flags";
    case EAI_NONAME:   return "Name or service not known";
    case EAI_AGAIN:    return "Temporary failure in name resolution";
    case EAI_FAIL:     return "Non-recoverable failure in name resolution";
    case EAI_FAMILY:   return "ai_family not supported";
    case EAI_SOCKTYPE: return "ai_socktype not supported";
    case EAI_SERVICE:  return "Servname not supported for ai_socktype";
    case EAI_MEMORY:   return "Memory allocation failure";
    case EAI_SYSTEM:   return "System error";
    case EAI_OVERFLOW: return "Argument buffer overflow";
    default:           return "Unknown error";
    }
}

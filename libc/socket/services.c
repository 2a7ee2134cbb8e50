/* libc/socket/services.c - the names of a few well-known ports, for
 * getaddrinfo's and getnameinfo's `service`, and the older
 * getservbyname and getservbyport. Linux reads them from /etc/services;
 * this libc has them built in, the ports of that file (IANA's) for the
 * services a teaching machine meets. */
#include "name_lookup.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>

#define OVER_TCP 1
#define OVER_UDP 2

struct service {
    const char *name;
    int port;
    int over;                    /* OVER_TCP | OVER_UDP */
};

static const struct service services[] = {
    { "echo",    7,   OVER_TCP | OVER_UDP },
    { "discard", 9,   OVER_TCP | OVER_UDP },
    { "daytime", 13,  OVER_TCP | OVER_UDP },
    { "ftp",     21,  OVER_TCP },
    { "ssh",     22,  OVER_TCP },
    { "telnet",  23,  OVER_TCP },
    { "smtp",    25,  OVER_TCP },
    { "domain",  53,  OVER_TCP | OVER_UDP },
    { "tftp",    69,  OVER_UDP },
    { "http",    80,  OVER_TCP },
    { "pop3",    110, OVER_TCP },
    { "ntp",     123, OVER_UDP },
    { "imap",    143, OVER_TCP },
    { "https",   443, OVER_TCP },
};

#define SERVICE_COUNT (sizeof services / sizeof services[0])

/* Whether `service` runs over the transport of `socktype` (0: any). */
static int runs_over(const struct service *service, int socktype)
{
    if (socktype == SOCK_STREAM)
        return service->over & OVER_TCP;
    if (socktype == SOCK_DGRAM)
        return service->over & OVER_UDP;
    return 1;
}

int service_port(const char *name, int socktype)
{
    for (unsigned i = 0; i < SERVICE_COUNT; i++)
        if (!strcmp(services[i].name, name) && runs_over(&services[i], socktype))
            return services[i].port;
    return -1;
}

const char *service_name(int port, int socktype)
{
    for (unsigned i = 0; i < SERVICE_COUNT; i++)
        if (services[i].port == port && runs_over(&services[i], socktype))
            return services[i].name;
    return NULL;
}

/* The socket type a getservby* `protocol` names: "tcp", "udp", or any
 * (NULL); -1 for another name, which no service here runs over. */
static int socktype_of(const char *protocol)
{
    if (!protocol)
        return 0;
    if (!strcmp(protocol, "tcp"))
        return SOCK_STREAM;
    if (!strcmp(protocol, "udp"))
        return SOCK_DGRAM;
    return -1;
}

/* getservbyname's and getservbyport's answer, rewritten by each call, as
 * glibc's: the service's name, its port in network byte order and the
 * protocol asked for (when any was: TCP's if the service runs over it,
 * as /etc/services lists TCP first). */
static struct servent *answer(const struct service *service, int socktype)
{
    static char *no_aliases[1];
    static struct servent entry;
    entry.s_name = (char *)service->name;
    entry.s_aliases = no_aliases;
    entry.s_port = (int)htons((uint16_t)service->port);
    entry.s_proto = socktype == SOCK_DGRAM || !(service->over & OVER_TCP) ? "udp" : "tcp";
    return &entry;
}

struct servent *getservbyname(const char *name, const char *protocol)
{
    int socktype = socktype_of(protocol);
    for (unsigned i = 0; name && socktype >= 0 && i < SERVICE_COUNT; i++)
        if (!strcmp(services[i].name, name) && runs_over(&services[i], socktype))
            return answer(&services[i], socktype);
    return NULL;
}

struct servent *getservbyport(int port, const char *protocol)
{
    int socktype = socktype_of(protocol);
    for (unsigned i = 0; socktype >= 0 && i < SERVICE_COUNT; i++)
        if (services[i].port == ntohs((uint16_t)port) && runs_over(&services[i], socktype))
            return answer(&services[i], socktype);
    return NULL;
}

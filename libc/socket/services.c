/* libc/socket/services.c - the names of a few well-known ports, for
 * getaddrinfo's and getnameinfo's `service`. Linux reads them from
 * /etc/services; this libc has them built in, the ports of that file
 * (IANA's) for the services a teaching machine meets. */
#include "name_lookup.h"

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

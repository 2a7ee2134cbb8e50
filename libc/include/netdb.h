/* libc/include/netdb.h - names to addresses: getaddrinfo for numeric
 * addresses and the names in /etc/hosts ("localhost"), and the older
 * gethostbyname, getservbyname and getservbyport. There is no DNS: a
 * name not in /etc/hosts is EAI_NONAME. */
#ifndef LIBC_INCLUDE_NETDB_H
#define LIBC_INCLUDE_NETDB_H

#include <netinet/in.h>
#include <sys/socket.h>

struct addrinfo {
    int              ai_flags;        /* AI_* */
    int              ai_family;       /* AF_INET (AF_UNSPEC in hints: any) */
    int              ai_socktype;     /* SOCK_STREAM, SOCK_DGRAM (0 in hints: both) */
    int              ai_protocol;
    socklen_t        ai_addrlen;
    struct sockaddr *ai_addr;
    char            *ai_canonname;
    struct addrinfo *ai_next;
};

/* ai_flags (glibc's values) */
#define AI_PASSIVE      0x0001        /* no node: INADDR_ANY, for bind */
#define AI_CANONNAME    0x0002
#define AI_NUMERICHOST  0x0004        /* node must be an address */
#define AI_V4MAPPED     0x0008        /* IPv6 only: accepted, no effect */
#define AI_ALL          0x0010        /* IPv6 only: accepted, no effect */
#define AI_ADDRCONFIG   0x0020        /* accepted, no effect: every machine has IPv4 */
#define AI_NUMERICSERV  0x0400        /* service must be a number */

/* getaddrinfo's errors (glibc's values) */
#define EAI_BADFLAGS    -1
#define EAI_NONAME      -2
#define EAI_AGAIN       -3
#define EAI_FAIL        -4
#define EAI_FAMILY      -6
#define EAI_SOCKTYPE    -7
#define EAI_SERVICE     -8
#define EAI_MEMORY      -10
#define EAI_SYSTEM      -11
#define EAI_OVERFLOW    -12           /* getnameinfo: a buffer is too small */

/* getnameinfo's flags and sizes */
#define NI_MAXHOST      1025
#define NI_MAXSERV      32
#define NI_NUMERICHOST  1             /* the address as digits, not a name */
#define NI_NUMERICSERV  2             /* the port as digits, not a name */
#define NI_NOFQDN       4             /* accepted, no effect: names are not qualified */
#define NI_NAMEREQD     8             /* no name for the address: EAI_NONAME */
#define NI_DGRAM        16            /* the service's name over UDP */

int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints, struct addrinfo **result);
void freeaddrinfo(struct addrinfo *list);
const char *gai_strerror(int error);
int getnameinfo(const struct sockaddr *address, socklen_t length, char *host, socklen_t host_length,
                char *service, socklen_t service_length, int flags);

struct hostent {
    char  *h_name;
    char **h_aliases;
    int    h_addrtype;                /* AF_INET */
    int    h_length;                  /* 4 */
    char **h_addr_list;
};
#define h_addr h_addr_list[0]

/* The host `name` (an address or a name in /etc/hosts), in storage the
 * next call reuses, or NULL with h_errno set (HOST_NOT_FOUND). */
struct hostent *gethostbyname(const char *name);

/* The name of the IPv4 address at `address` (`length` 4, `type`
 * AF_INET) from /etc/hosts, in the storage gethostbyname's answer
 * holds; NULL with h_errno HOST_NOT_FOUND when no line has it (or for
 * another family), and for another length EAFNOSUPPORT in errno
 * (NETDB_INTERNAL in h_errno), as glibc. */
struct hostent *gethostbyaddr(const void *address, socklen_t length, int type);

/* gethostbyname's errors (glibc's values), in h_errno: one per thread,
 * as errno; hstrerror gives each one's text. */
#define NETDB_INTERNAL  (-1)          /* see errno */
#define HOST_NOT_FOUND  1             /* no such host */
#define TRY_AGAIN       2             /* (a name server's: there is none here) */
#define NO_RECOVERY     3
#define NO_DATA         4             /* the name has no address */
#define NO_ADDRESS      NO_DATA
int *__h_errno_location(void);
#define h_errno (*__h_errno_location())
const char *hstrerror(int error);

struct servent {
    char  *s_name;                    /* "echo" */
    char **s_aliases;                 /* none here: an empty list */
    int    s_port;                    /* in network byte order */
    char  *s_proto;                   /* "tcp" or "udp" */
};

/* The well-known service `name` over `protocol` ("tcp", "udp", or NULL:
 * either), or the one on `port` (network byte order), in storage the next
 * call reuses; NULL if there is none. The services are built into the
 * libc (libc/socket/services.c), as /etc/services lists them. */
struct servent *getservbyname(const char *name, const char *protocol);
struct servent *getservbyport(int port, const char *protocol);

#endif

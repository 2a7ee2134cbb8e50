/* libc/include/netinet/tcp.h - TCP's options for setsockopt at level
 * IPPROTO_TCP: TCP_NODELAY, TCP_MAXSEG (kernel/uapi/in.h). */
#ifndef LIBC_INCLUDE_NETINET_TCP_H
#define LIBC_INCLUDE_NETINET_TCP_H

#include <netinet/in.h>

#endif

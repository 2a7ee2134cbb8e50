/* libc/include/sys/un.h - the address of a local socket: struct
 * sockaddr_un (from kernel/uapi/socket.h), a family and a path. */
#ifndef LIBC_INCLUDE_SYS_UN_H
#define LIBC_INCLUDE_SYS_UN_H

#include <stddef.h>
#include <string.h>
#include <uapi/socket.h>

/* The length of an address up to the end of its path (no NUL), as BSD
 * and glibc define it. */
#define SUN_LEN(address) (offsetof(struct sockaddr_un, sun_path) + strlen((address)->sun_path))

#endif

/* libc/include/sys/utsname.h - uname: the system's names. struct utsname
 * comes from kernel/uapi/utsname.h (sysname, nodename, release, version,
 * machine, and GNU's domainname). */
#ifndef LIBC_INCLUDE_SYS_UTSNAME_H
#define LIBC_INCLUDE_SYS_UTSNAME_H

#include <uapi/utsname.h>

/* Fills *names; 0, or -1 with errno EFAULT. */
int uname(struct utsname *names);

#endif

/* libc/include/sys/ioctl.h - device control requests. The requests on
 * terminals (TCGETS, TIOCGWINSZ, FIONREAD, ...) and struct winsize are
 * Linux's, from kernel/uapi/termios.h; the sockets' (SIOCGIFFLAGS, ...)
 * from kernel/uapi/sockios.h, with their struct ifreq in <net/if.h>. */
#ifndef LIBC_INCLUDE_SYS_IOCTL_H
#define LIBC_INCLUDE_SYS_IOCTL_H

#include <uapi/sockios.h>
#include <uapi/termios.h>

int ioctl(int fd, unsigned long request, ...);   /* one argument after request */

#endif

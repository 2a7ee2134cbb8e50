/* libc/include/sys/ioctl.h - device control requests. */
#ifndef LIBC_INCLUDE_SYS_IOCTL_H
#define LIBC_INCLUDE_SYS_IOCTL_H

/* requests on terminals, with Linux's numbers */
#define TCGETS     0x5401   /* read the terminal's settings (struct termios) */
#define TIOCGPGRP  0x540F   /* read the foreground process group: pid_t * */
#define TIOCSPGRP  0x5410   /* set the foreground process group: const pid_t * */

int ioctl(int fd, unsigned long request, ...);   /* one argument after request */

#endif

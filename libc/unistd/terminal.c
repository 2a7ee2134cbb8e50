/* libc/unistd/terminal.c - asking a terminal about itself and choosing its
 * foreground process group, through ioctl requests. */
#include <errno.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define TERMIOS_ROOM 64   /* bytes for the kernel's struct termios (36 on Linux) */

/* Whether `fd` is a terminal: it is if it answers TCGETS. Otherwise returns
 * 0 with errno EBADF (no such descriptor) or ENOTTY. */
int isatty(int fd)
{
    char settings[TERMIOS_ROOM];
    if (ioctl(fd, TCGETS, settings) == 0)
        return 1;
    if (errno != EBADF)
        errno = ENOTTY;
    return 0;
}

/* Returns the foreground process group of the terminal `fd`, or -1. */
pid_t tcgetpgrp(int fd)
{
    pid_t group;
    if (ioctl(fd, TIOCGPGRP, &group) == -1)
        return -1;
    return group;
}

/* Makes `pgrp` the foreground process group of the terminal `fd`: the one
 * that reads it and that Ctrl-C signals. */
int tcsetpgrp(int fd, pid_t pgrp)
{
    return ioctl(fd, TIOCSPGRP, &pgrp);
}

/* libc/socket/sockatmark.c - sockatmark(3), POSIX's name for
 * ioctl(SIOCATMARK): whether the next byte read from a TCP socket is at
 * its urgent mark (tcp(7), kernel/net/tcp_urgent.c). A file of its own,
 * as in glibc, so that a program with its own sockatmark (UNP's library
 * has one) links beside this libc. */
#include <sys/ioctl.h>
#include <sys/socket.h>

int sockatmark(int fd)
{
    int at_mark;
    if (ioctl(fd, SIOCATMARK, &at_mark) < 0)
        return -1;
    return at_mark != 0;
}

/* libc/include/termios.h - a terminal's settings: struct termios, its
 * flags and special characters (kernel/uapi/termios.h, Linux's numbers),
 * and the functions that read and change them through ioctl(2). */
#ifndef LIBC_INCLUDE_TERMIOS_H
#define LIBC_INCLUDE_TERMIOS_H

#include <sys/types.h>
#include <uapi/termios.h>

int tcgetattr(int fd, struct termios *settings);
int tcsetattr(int fd, int optional_actions, const struct termios *settings);
void cfmakeraw(struct termios *settings);
speed_t cfgetispeed(const struct termios *settings);
speed_t cfgetospeed(const struct termios *settings);
int cfsetispeed(struct termios *settings, speed_t speed);
int cfsetospeed(struct termios *settings, speed_t speed);
int cfsetspeed(struct termios *settings, speed_t speed);
int tcflush(int fd, int queue_selector);
int tcdrain(int fd);
int tcflow(int fd, int action);
int tcsendbreak(int fd, int duration);
pid_t tcgetsid(int fd);

#endif

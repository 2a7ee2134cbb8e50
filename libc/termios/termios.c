/* libc/termios/termios.c - a terminal's settings through ioctl(2), as
 * POSIX's <termios.h> names them. The kernel keeps the speed in c_cflag's
 * CBAUD bits, as Linux does; c_ispeed and c_ospeed are copies of it. */
#include <errno.h>
#include <sys/ioctl.h>
#include <termios.h>

/* Reads the settings of the terminal `fd` into *settings. */
int tcgetattr(int fd, struct termios *settings)
{
    if (ioctl(fd, TCGETS, settings) == -1)
        return -1;
    settings->c_ispeed = settings->c_ospeed = settings->c_cflag & CBAUD;
    return 0;
}

/* Sets them: now (TCSANOW), after output drains (TCSADRAIN), or after it
 * drains with unread input thrown away (TCSAFLUSH). */
int tcsetattr(int fd, int optional_actions, const struct termios *settings)
{
    unsigned long request;
    switch (optional_actions) {
    case TCSANOW:   request = TCSETS;  break;
    case TCSADRAIN: request = TCSETSW; break;
    case TCSAFLUSH: request = TCSETSF; break;
    default:
        errno = EINVAL;
        return -1;
    }
    return ioctl(fd, request, settings);
}

/* Raw mode, as glibc's cfmakeraw: bytes arrive one by one, unedited, with
 * no echo, no signals and no output processing. */
void cfmakeraw(struct termios *settings)
{
    settings->c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    settings->c_oflag &= ~(tcflag_t)OPOST;
    settings->c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
    settings->c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
    settings->c_cflag |= CS8;
    settings->c_cc[VMIN] = 1;
    settings->c_cc[VTIME] = 0;
}

speed_t cfgetospeed(const struct termios *settings)
{
    return settings->c_cflag & CBAUD;
}

/* The input speed is the output speed: Linux keeps one (CIBAUD is 0). */
speed_t cfgetispeed(const struct termios *settings)
{
    return settings->c_cflag & CBAUD;
}

/* True for the B* constants: B0..B38400, then B57600..B4000000. */
static int is_speed(speed_t speed)
{
    return (speed & ~(speed_t)CBAUD) == 0 && speed != CBAUDEX;
}

int cfsetospeed(struct termios *settings, speed_t speed)
{
    if (!is_speed(speed)) {
        errno = EINVAL;
        return -1;
    }
    settings->c_cflag = (settings->c_cflag & ~(tcflag_t)CBAUD) | speed;
    settings->c_ospeed = speed;
    settings->c_ispeed = speed;
    return 0;
}

/* Speed 0 means "the same as the output speed" (POSIX), which is all the
 * kernel keeps anyway; another speed changes both, as on Linux. */
int cfsetispeed(struct termios *settings, speed_t speed)
{
    if (!is_speed(speed)) {
        errno = EINVAL;
        return -1;
    }
    if (speed == B0)
        return 0;
    return cfsetospeed(settings, speed);
}

int cfsetspeed(struct termios *settings, speed_t speed)
{
    return cfsetospeed(settings, speed);
}

/* Discards unread input (TCIFLUSH), unsent output (TCOFLUSH: there never
 * is any here) or both (TCIOFLUSH). */
int tcflush(int fd, int queue_selector)
{
    return ioctl(fd, TCFLSH, queue_selector);
}

/* Waits until all output is sent: at once, as writes are never queued. */
int tcdrain(int fd)
{
    return ioctl(fd, TCSBRK, 1);
}

/* Suspends or resumes output (TCOOFF, TCOON) or asks the other end to
 * stop or resume sending (TCIOFF, TCION: sends VSTOP or VSTART). */
int tcflow(int fd, int action)
{
    return ioctl(fd, TCXONC, action);
}

/* Sends a break of 0.25 s on the serial line (ttyS0); the VGA consoles
 * have no line and nothing happens. `duration` is ignored, as glibc
 * ignores it for values of 0 or less and Linux gives 0.25 s anyway. */
int tcsendbreak(int fd, int duration)
{
    (void)duration;
    return ioctl(fd, TCSBRK, 0);
}

/* The session of the terminal's foreground process group. */
pid_t tcgetsid(int fd)
{
    pid_t session;
    if (ioctl(fd, TIOCGSID, &session) == -1)
        return -1;
    return session;
}
